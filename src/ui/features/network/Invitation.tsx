// An invitation: every distinct e-mail address of the active contacts given (the directory's shown, or a
// meeting's invited) copied at once, or put in Bcc of new messages in the mail program, split into
// several when one link would grow past what mail programs take, so no address is silently cut off.
import { useState } from 'preact/hooks';
import type { DirectoryEntry } from '../../../db/contact-directory.ts';
import { addressesOf, bccLinks } from './invitation-links.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import './invitation.css';

/** The words of an invitation: the directory's (those shown) or a meeting's (those invited). */
const texts = {
  directory: {
    none: 'network.invite.noAddresses',
    addresses: 'network.invite.addresses',
    withoutEmail: 'network.invite.withoutEmail',
    copy: 'network.invite.copy',
    mail: 'network.invite.mail',
    mailPart: 'network.invite.mailPart',
    copied: 'network.invite.copied',
    copyFailed: 'network.invite.copyFailed',
    addressList: 'network.invite.addressList',
  },
  meeting: {
    none: 'meetings.send.noAddresses',
    addresses: 'meetings.send.addresses',
    withoutEmail: 'meetings.send.withoutEmail',
    copy: 'meetings.send.copy',
    mail: 'meetings.send.mail',
    mailPart: 'meetings.send.mailPart',
    copied: 'meetings.send.copied',
    copyFailed: 'meetings.send.copyFailed',
    addressList: 'meetings.send.addressList',
  },
} as const satisfies Record<string, Record<string, MessageKey>>;

export function Invitation({ entries, of }: { entries: readonly DirectoryEntry[]; of: keyof typeof texts }) {
  const { t } = useI18n();
  const words = texts[of];
  const [copied, setCopied] = useState<{ count: number } | { failed: true } | null>(null);
  const addresses = addressesOf(entries);
  const links = bccLinks(addresses);
  const withoutEmail = entries.filter((e) => e.active && !e.email).length;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(addresses.join('; '));
      setCopied({ count: addresses.length });
    } catch {
      setCopied({ failed: true });
    }
  };

  if (addresses.length === 0) return <p class="muted">{t(words.none)}</p>;
  return (
    <div class="invitation">
      <p>
        {t(words.addresses, { count: addresses.length })}
        {withoutEmail > 0 && <> {t(words.withoutEmail, { count: withoutEmail })}</>}
      </p>
      <div class="invitation-actions">
        <button type="button" class="button button-secondary" onClick={() => void copy()}>
          {t(words.copy, { count: addresses.length })}
        </button>
        {links.map((l, i) => (
          <a key={l.href} class="button button-secondary" href={l.href}>
            {links.length === 1 ? t(words.mail) : t(words.mailPart, { n: i + 1, of: links.length, count: l.count })}
          </a>
        ))}
      </div>
      <p class="save-state" role="status">
        {copied && ('failed' in copied ? t(words.copyFailed) : t(words.copied, { count: copied.count }))}
      </p>
      {copied && 'failed' in copied && <textarea class="invitation-addresses" readOnly rows={3} aria-label={t(words.addressList)} value={addresses.join('; ')} />}
    </div>
  );
}
