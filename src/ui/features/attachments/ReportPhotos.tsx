// Photos in the visit report, each with its caption, sized for an A4 page and never split across pages.
import type { Attachment } from '../../../db/attachments.ts';
import type { MessageKey, Params } from '../../i18n/index.ts';
import { useFile } from './use-file.ts';

export function ReportPhotos({ photos, t }: { photos: readonly Attachment[]; t: (key: MessageKey, params?: Params) => string }) {
  if (photos.length === 0) return null;
  return (
    <div class="report-photos">
      {photos.map((a, i) => (
        <ReportPhoto key={a.id} photo={a} alt={a.caption ?? t('attachment.photo', { n: i + 1 })} caption={a.caption} />
      ))}
    </div>
  );
}

function ReportPhoto({ photo, alt, caption }: { photo: Attachment; alt: string; caption: string | null | undefined }) {
  const file = useFile(photo.sha256, photo.mediaType);
  return (
    <figure class="report-photo">
      {file.state === 'ready' ? <img src={file.url} alt={alt} /> : <span class="report-photo-missing">{alt}</span>}
      {caption && <figcaption>{caption}</figcaption>}
    </figure>
  );
}
