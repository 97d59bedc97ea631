// The addresses of an invitation and the mailto links that carry them in Bcc, split so that no link grows
// past what mail programs take (about 2,000 characters) and no address is silently cut off. Plain
// functions, so a page that lists its own people (a meeting's invited) uses them without the directory's
// messages.
import type { DirectoryEntry } from '../../../db/contact-directory.ts';

/** The longest mailto link made: Outlook and older browsers cut links at about 2,000 characters. */
const MAX_LINK = 1900;

export function addressesOf(entries: readonly DirectoryEntry[]): string[] {
  const seen = new Map<string, string>();
  for (const e of entries) if (e.active && e.email && !seen.has(e.email.toLowerCase())) seen.set(e.email.toLowerCase(), e.email);
  return [...seen.values()];
}

/** mailto links with the addresses in Bcc, each at most MAX_LINK characters long. */
export function bccLinks(addresses: readonly string[]): { href: string; count: number }[] {
  const links: { href: string; count: number }[] = [];
  let current: string[] = [];
  const href = (list: readonly string[]) => `mailto:?bcc=${list.map(encodeURIComponent).join(',')}`;
  for (const address of addresses) {
    if (current.length > 0 && href([...current, address]).length > MAX_LINK) {
      links.push({ href: href(current), count: current.length });
      current = [];
    }
    current.push(address);
  }
  if (current.length > 0) links.push({ href: href(current), count: current.length });
  return links;
}
