// The report's content as data, apart from how it is drawn: grouped observations with their photos, split
// recommendations, the follow-up date, and the attached documents.
import type { FollowUp, Observation, VisitDetail } from '../../../db/visit-queries.ts';
import { isImage, type Attachment } from '../../../db/attachments.ts';
import { observationKinds, type ObservationFields } from '../../../shared/records.ts';

type ReportData = {
  observationsByKind: { kind: ObservationFields['kind']; observations: Observation[] }[];
  /** Every recommendation, unmet legal duties included (they are recommendations too). */
  recommendations: FollowUp[];
  /** Of those, the unmet legal duties, also listed apart in the report. */
  legalShortcomings: FollowUp[];
  /** The earliest due date among the visit's open follow-ups, or null when none has one. */
  followUpDate: string | null;
  /** An observation's photos, shown in its place. */
  photosOf: (observationId: string) => Attachment[];
  /** Photos of the visit or of an item rather than of an observation, shown after the observations. */
  otherPhotos: Attachment[];
  /** Attached documents, listed by name. */
  documents: Attachment[];
};

const byDue = (a: FollowUp, b: FollowUp) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999');

export function reportData(detail: Pick<VisitDetail, 'observations' | 'followUps' | 'attachments'>): ReportData {
  const photos = detail.attachments.filter(isImage);
  const observed = new Set(detail.observations.map((o) => o.id));
  const live = detail.followUps.filter((f) => f.status !== 'dropped');
  const dues = live.filter((f) => f.status === 'open' && f.dueDate).map((f) => f.dueDate!);
  return {
    observationsByKind: observationKinds
      .map((kind) => ({ kind, observations: detail.observations.filter((o) => o.kind === kind) }))
      .filter((g) => g.observations.length > 0),
    recommendations: [...live].sort(byDue),
    legalShortcomings: live.filter((f) => f.legalShortcoming).sort(byDue),
    photosOf: (id) => photos.filter((a) => a.observationId === id),
    otherPhotos: photos.filter((a) => !a.observationId || !observed.has(a.observationId)),
    documents: detail.attachments.filter((a) => !isImage(a)),
    followUpDate: dues.length > 0 ? dues.sort()[0]! : null,
  };
}
