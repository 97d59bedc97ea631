// The region's map: its municipalities as SVG links coloured by the page's measure, with their name and
// value in a label on hover and on focus, the legend, the borders' attribution, and the same figures as a
// table for keyboard and screen-reader users. Drawn on the device from the municipal borders shipped with
// the app (municipality-borders.topo.json, see PROVENANCE.md), loaded only with the map: a chunk of its
// own, which the service worker precaches like every built script, so the map works offline.
import { useMediaQuery } from '../../common/use-media-query.ts';
import { useEffect, useId, useMemo, useState } from 'preact/hooks';
import { geoPath, geoTransverseMercator, type GeoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { navigate } from '../../app/router.ts';
import { useI18n } from '../../i18n/index.ts';
import './region-map.css';

type RegionMapItem = { id: string; name: string; colour: string; valueText: string; href: string };
type RegionMapLegendEntry = { colour: string; label: string };

type Names = { fi: string; sv: string };
type Shape = Feature<Geometry, Names>;

let shapesLoading: Promise<ReadonlyMap<string, Shape>> | null = null;

/** Every municipality's outline by its code, loaded once (a failed load is tried again on the next map). */
function loadShapes(): Promise<ReadonlyMap<string, Shape>> {
  shapesLoading ??= import('./municipality-borders.topo.json').then(
    (module) => {
      const topology = module.default as unknown as Topology<{ municipalities: GeometryCollection<Names> }>;
      const shapes = feature(topology, topology.objects.municipalities) as FeatureCollection<Geometry, Names>;
      return new Map(shapes.features.map((shape) => [String(shape.id), shape]));
    },
    (error: unknown) => {
      shapesLoading = null;
      throw error;
    },
  );
  return shapesLoading;
}

// The outlines start loading with this module (the region's page), not after the map's first paint: on a
// two-core tablet that is a tenth of a second sooner. A failure here is reported, and retried, by the map.
loadShapes().catch(() => {});

/** The viewBox's width; its height follows the region's shape. */
const WIDTH = 600;
const PAD = 8;
/** The height is kept between these fractions of the width (a single small municipality, a long coast). */
const MIN_HEIGHT = 0.35 * WIDTH;
const MAX_HEIGHT = 1.9 * WIDTH;

type Drawn = { item: RegionMapItem; shape: Shape; d: string };
type Drawing = { height: number; areas: Drawn[]; path: GeoPath };

/**
 * Projects the items' municipalities (those with an outline) to fill the viewBox's width, in two passes
 * over the outlines: their bounds at scale 1, then the paths. Without resampling the projection is linear
 * in its scale and translation, so the fit is arithmetic (what fitExtent does, less its extra pass).
 */
function draw(items: readonly RegionMapItem[], shapes: ReadonlyMap<string, Shape>): Drawing | null {
  const found = items.flatMap((item) => {
    const shape = shapes.get(item.id);
    return shape ? [{ item, shape }] : [];
  });
  if (found.length === 0) return null;
  const all: FeatureCollection<Geometry, Names> = { type: 'FeatureCollection', features: found.map((f) => f.shape) };
  // ETRS-TM35FIN's projection: transverse Mercator on the 27th meridian, Finland's own map grid. No
  // resampling: at a region's scale the edges between the 1:4.5M outline's points stay straight.
  const projection = geoTransverseMercator().rotate([-27, 0]).precision(0).scale(1).translate([0, 0]);
  const [[x0, y0], [x1, y1]] = geoPath(projection).bounds(all);
  const inner = WIDTH - 2 * PAD;
  const span = Math.max(x1 - x0, 1e-9);
  let scale = inner / span;
  const height = Math.round(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, scale * (y1 - y0) + 2 * PAD)));
  scale = Math.min(scale, (height - 2 * PAD) / Math.max(y1 - y0, 1e-9));
  // Centred both ways where the height was held in bounds.
  const dx = (inner - scale * (x1 - x0)) / 2;
  const dy = (height - 2 * PAD - scale * (y1 - y0)) / 2;
  projection.scale(scale).translate([PAD + dx - scale * x0, PAD + dy - scale * y0]);
  const path = geoPath(projection).digits(1);
  return { height, path, areas: found.map(({ item, shape }) => ({ item, shape, d: path(shape) ?? '' })) };
}

/** A click the router would not take (it reads HTML links only): the app's navigation, not a page load. */
function follow(event: MouseEvent, href: string): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(href);
}

export function RegionMap(props: { items: RegionMapItem[]; legend: RegionMapLegendEntry[]; title: string }) {
  const { items, legend, title } = props;
  const { t } = useI18n();
  const captionId = useId();
  const wide = useMediaQuery('(min-width: 64rem)');
  const [shapes, setShapes] = useState<ReadonlyMap<string, Shape> | null>(null);
  const [failed, setFailed] = useState(false);
  const [hovered, setHovered] = useState<string | null>(null);
  const [focused, setFocused] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    loadShapes().then(
      (loaded) => !cancelled && setShapes(loaded),
      (error: unknown) => {
        console.error('Tillsyn: the map outlines did not load', error);
        if (!cancelled) setFailed(true);
      },
    );
    return () => {
      cancelled = true;
    };
  }, []);

  const drawing = useMemo(() => (shapes ? draw(items, shapes) : null), [items, shapes]);
  // The map drawn and answering, from the page's first render (RegionPage's mark): a User Timing
  // measure for DevTools and the benchmarks, once per page, after the frame that shows it.
  const drawn = drawing !== null;
  useEffect(() => {
    if (!drawn) return;
    const frame = requestAnimationFrame(() => {
      if (performance.getEntriesByName?.('tillsyn:region:start', 'mark').length) performance.measure('tillsyn:region:map', 'tillsyn:region:start');
    });
    return () => cancelAnimationFrame(frame);
  }, [drawn]);
  const activeId = hovered ?? focused;
  const active = drawing?.areas.find((area) => area.item.id === activeId);
  const height = drawing?.height ?? 0.8 * WIDTH;

  return (
    <div class="region-map">
      <figure class="region-map__figure">
        <figcaption id={captionId} class="region-map__title">
          {title}
        </figcaption>
        <div class="region-map__canvas" style={{ '--region-map-aspect': `${WIDTH} / ${height}` }}>
          {drawing ? (
            <svg class="region-map__svg" viewBox={`0 0 ${WIDTH} ${drawing.height}`} role="group" aria-labelledby={captionId}>
              {drawing.areas.map(({ item, d }) => (
                <a
                  key={item.id}
                  class="region-map__area"
                  href={item.href}
                  aria-label={`${item.name}: ${item.valueText}`}
                  onClick={(event) => follow(event, item.href)}
                  onMouseEnter={() => setHovered(item.id)}
                  onMouseLeave={() => setHovered((id) => (id === item.id ? null : id))}
                  onFocus={() => setFocused(item.id)}
                  onBlur={() => setFocused((id) => (id === item.id ? null : id))}
                >
                  <path class="region-map__shape" d={d} style={{ fill: item.colour }} />
                </a>
              ))}
              {active && (
                <g class={`region-map__outline${active.item.id === focused ? ' region-map__outline--focus' : ''}`} aria-hidden="true">
                  <path class="region-map__outline-halo" d={active.d} />
                  <path class="region-map__outline-line" d={active.d} />
                </g>
              )}
            </svg>
          ) : (
            <p class="region-map__status" role={failed ? 'alert' : undefined}>
              {failed ? t('regionMap.loadFailed') : shapes ? t('regionMap.noShapes') : t('regionMap.loading')}
            </p>
          )}
          {drawing && active && <MapLabel area={active} path={drawing.path} height={height} />}
        </div>
        {legend.length > 0 && (
          <ul class="region-map__legend" aria-label={t('regionMap.legend')}>
            {legend.map((entry) => (
              <li key={entry.label} class="region-map__legend-entry">
                <span class="region-map__swatch" style={{ background: entry.colour }} aria-hidden="true" />
                {entry.label}
              </li>
            ))}
          </ul>
        )}
        <p class="region-map__attribution">{t('regionMap.attribution')}</p>
      </figure>
      {/* On a phone the table would push the page's own below sixty rows: it opens on demand there. */}
      <details class="region-map__table-box" open={wide}>
        <summary class="region-map__table-toggle">{t('regionMap.asTable', { count: items.length })}</summary>
        <table class="region-map__table">
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('regionMap.municipality')}</th>
              <th scope="col">{t('regionMap.value')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <th scope="row">
                  <span class="region-map__swatch" style={{ background: item.colour }} aria-hidden="true" />
                  <a href={item.href}>{item.name}</a>
                </th>
                <td>{item.valueText}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}

/**
 * The hovered or focused municipality's name and value, over the map above it (below it near the top),
 * kept inside the map at the sides. Hidden from screen readers: the link's own name says the same.
 */
function MapLabel({ area, path, height }: { area: Drawn; path: GeoPath; height: number }) {
  const [x] = path.centroid(area.shape);
  const [[, top], [, bottom]] = path.bounds(area.shape);
  const below = top / height < 0.18;
  const y = (below ? bottom : top) / height;
  const align = x / WIDTH < 0.25 ? 'start' : x / WIDTH > 0.75 ? 'end' : 'middle';
  return (
    <p
      class={`region-map__label region-map__label--${align}${below ? ' region-map__label--below' : ''}`}
      style={{ left: `${((x / WIDTH) * 100).toFixed(2)}%`, top: `${(Math.min(1, Math.max(0, y)) * 100).toFixed(2)}%` }}
      aria-hidden="true"
    >
      <strong>{area.item.name}</strong> {area.item.valueText}
    </p>
  );
}
