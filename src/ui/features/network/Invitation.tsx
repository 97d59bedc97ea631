// Inviting the contacts shown: every distinct e-mail address of the active ones copied at once, or put in
// Bcc of new messages in the mail program, split into several when one link would grow past what mail
// programs take (about 2,000 characters), so no address is silently cut off.
import { useState } from 'preact/hooks';
import type { DirectoryEntry } from '../../../db/contact-directory.ts';
import { addressesOf, bccLinks } from './invitation-links.ts';
import { useI18n } from '../../i18n/index.ts';

export function Invitation({ entries }: { entries: readonly DirectoryEntry[] }) {
  const { t } = useI18n();
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

  if (addresses.length === 0) return <p class="muted">{t('network.invite.noAddresses')}</p>;
  return (
    <div class="network-invite">
      <p>
        {t('network.invite.addresses', { count: addresses.length })}
        {withoutEmail > 0 && <> {t('network.invite.withoutEmail', { count: withoutEmail })}</>}
      </p>
      <div class="network-invite-actions">
        <button type="button" class="button button-secondary" onClick={() => void copy()}>
          {t('network.invite.copy', { count: addresses.length })}
        </button>
        {links.map((l, i) => (
          <a key={l.href} class="button button-secondary" href={l.href}>
            {links.length === 1 ? t('network.invite.mail') : t('network.invite.mailPart', { n: i + 1, of: links.length, count: l.count })}
          </a>
        ))}
      </div>
      <p class="save-state" role="status">
        {copied && ('failed' in copied ? t('network.invite.copyFailed') : t('network.invite.copied', { count: copied.count }))}
      </p>
      {copied && 'failed' in copied && <textarea class="network-addresses" readOnly rows={3} aria-label={t('network.invite.addressList')} value={addresses.join('; ')} />}
    </div>
  );
}
