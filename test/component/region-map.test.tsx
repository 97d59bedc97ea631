// The region's map: three municipalities of Uusimaa drawn from the shipped borders as links with their
// names and values, the label that shows on focus and on hover, the legend, the attribution and the table.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { I18nContext } from '../../src/ui/i18n/index.ts';
import { RegionMap } from '../../src/ui/features/region/RegionMap.tsx';
import { testI18n } from '../i18n-packs.ts';

const items = [
  { id: '091', name: 'Helsinki', colour: 'var(--map-3)', valueText: 'visited 3 times', href: '/municipalities/091' },
  { id: '049', name: 'Espoo', colour: 'var(--map-1)', valueText: 'not visited', href: '/municipalities/049' },
  { id: '092', name: 'Vantaa', colour: 'var(--map-2)', valueText: 'visited once', href: '/municipalities/092' },
];
const legend = [
  { colour: 'var(--map-1)', label: 'Not visited' },
  { colour: 'var(--map-2)', label: 'Visited once' },
  { colour: 'var(--map-3)', label: 'Visited more than once' },
];

function show(lang: 'en' | 'fi' = 'en', list = items) {
  return render(
    <I18nContext.Provider value={testI18n(lang)}>
      <RegionMap items={list} legend={legend} title="Visits in 2025" />
    </I18nContext.Provider>,
  );
}

/** The map's links: those inside the svg (the table's are HTML links). */
async function mapLinks(container: Element) {
  await waitFor(() => expect(container.querySelectorAll('svg a').length).toBeGreaterThan(0));
  return [...container.querySelectorAll('svg a')];
}

afterEach(() => {
  window.history.replaceState(null, '', '/');
});

describe('RegionMap', () => {
  it('draws each municipality as a link to its page, named by its name and value', async () => {
    const { container } = show();
    const links = await mapLinks(container);
    expect(links.map((a) => [a.getAttribute('href'), a.getAttribute('aria-label')])).toEqual([
      ['/municipalities/091', 'Helsinki: visited 3 times'],
      ['/municipalities/049', 'Espoo: not visited'],
      ['/municipalities/092', 'Vantaa: visited once'],
    ]);
    const figure = container.querySelector('figure')!;
    expect(figure.querySelector('figcaption')?.textContent).toBe('Visits in 2025');
    for (const item of items) {
      const link = within(figure).getByRole('link', { name: `${item.name}: ${item.valueText}` });
      const path = link.querySelector('path');
      expect(path?.getAttribute('d')).toMatch(/^M[\d.-]+,[\d.-]+L.*Z/);
      expect(path?.style.fill).toBe(item.colour);
    }
    // The svg is named by the figure's caption, and fits the municipalities in its viewBox.
    const svg = container.querySelector('svg')!;
    expect(svg.getAttribute('aria-labelledby')).toBe(container.querySelector('figcaption')!.id);
    const [, , width, height] = svg.getAttribute('viewBox')!.split(' ').map(Number);
    for (const path of container.querySelectorAll('svg a path')) {
      const numbers = path.getAttribute('d')!.match(/-?\d+(\.\d+)?/g)!.map(Number);
      const xs = numbers.filter((_, i) => i % 2 === 0);
      const ys = numbers.filter((_, i) => i % 2 === 1);
      expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...xs)).toBeLessThanOrEqual(width!);
      expect(Math.min(...ys)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...ys)).toBeLessThanOrEqual(height!);
    }
    // Only the region's municipalities are drawn, not the rest of Finland.
    expect(container.querySelectorAll('svg path:not(.region-map__outline *)')).toHaveLength(3);
  });

  it('shows the focused or hovered municipality’s name and value in a visible label', async () => {
    const { container } = show();
    const [helsinki, espoo] = await mapLinks(container);
    expect(container.querySelector('.region-map__label')).toBeNull();

    fireEvent.focus(helsinki!);
    let label = container.querySelector('.region-map__label');
    expect(label?.textContent).toBe('Helsinki visited 3 times');
    expect(container.querySelector('.region-map__outline--focus')).not.toBeNull();

    // Hover takes the label while it lasts; focus has it back after.
    fireEvent.mouseEnter(espoo!);
    label = container.querySelector('.region-map__label');
    expect(label?.textContent).toBe('Espoo not visited');
    fireEvent.mouseLeave(espoo!);
    expect(container.querySelector('.region-map__label')?.textContent).toBe('Helsinki visited 3 times');

    fireEvent.blur(helsinki!);
    expect(container.querySelector('.region-map__label')).toBeNull();
  });

  it('follows a municipality with the app’s navigation, not a page load', async () => {
    const { container } = show();
    const [, , vantaa] = await mapLinks(container);
    const click = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 });
    vantaa!.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(window.location.pathname).toBe('/municipalities/092');
  });

  it('shows the legend, the attribution of the borders, and the table of names and values', async () => {
    const { container } = show();
    await mapLinks(container);
    const legendList = screen.getByRole('list', { name: 'Legend' });
    expect(within(legendList).getAllByRole('listitem').map((li) => li.textContent)).toEqual(legend.map((l) => l.label));
    expect(screen.getByText('Contains data from the National Land Survey of Finland, administrative areas 1:4.5 million, 2023 (CC BY 4.0)')).toBeTruthy();

    const table = screen.getByRole('table', { name: 'Visits in 2025' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole(/cell|rowheader/).map((cell) => cell.textContent))).toEqual([
      ['Helsinki', 'visited 3 times'],
      ['Espoo', 'not visited'],
      ['Vantaa', 'visited once'],
    ]);
    expect(within(table).getByRole('link', { name: 'Espoo' }).getAttribute('href')).toBe('/municipalities/049');
  });

  it('speaks the user’s language, and lists a municipality without an outline in the table only', async () => {
    const { container } = show('fi', [...items, { id: '999', name: 'Ei kartalla', colour: 'var(--map-1)', valueText: 'ei käyntejä', href: '/municipalities/999' }]);
    expect((await mapLinks(container)).length).toBe(3);
    expect(screen.getByText(/^Sisältää Maanmittauslaitoksen/)).toBeTruthy();
    expect(screen.getByRole('table').textContent).toContain('Ei kartalla');
  });
});
