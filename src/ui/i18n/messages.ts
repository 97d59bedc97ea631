// The catalogues' types. Each language's messages come in parts, one file per part in its folder
// (en/, fi/, sv/): the shell's load with the app, a feature's with the page that shows them (the lazy
// pages of app/SignedInApp.tsx name theirs), and `common` holds what pages of several features show.
// English is the source of the keys.
import type { messages as attachments } from './en/attachments.ts';
import type { messages as common } from './en/common.ts';
import type { messages as devices } from './en/devices.ts';
import type { messages as guidance } from './en/guidance.ts';
import type { messages as history } from './en/history.ts';
import type { messages as meetings } from './en/meetings.ts';
import type { messages as municipality } from './en/municipality.ts';
import type { messages as network } from './en/network.ts';
import type { messages as plans } from './en/plans.ts';
import type { messages as readiness } from './en/readiness.ts';
import type { messages as region } from './en/region.ts';
import type { messages as review } from './en/review.ts';
import type { messages as session } from './en/session.ts';
import type { messages as settings } from './en/settings.ts';
import type { messages as shell } from './en/shell.ts';
import type { messages as sync } from './en/sync.ts';
import type { messages as visit } from './en/visit.ts';
import type { messages as visits } from './en/visits.ts';

type English = {
  shell: typeof shell;
  common: typeof common;
  session: typeof session;
  visits: typeof visits;
  visit: typeof visit;
  municipality: typeof municipality;
  network: typeof network;
  region: typeof region;
  review: typeof review;
  settings: typeof settings;
  sync: typeof sync;
  history: typeof history;
  devices: typeof devices;
  guidance: typeof guidance;
  meetings: typeof meetings;
  plans: typeof plans;
  readiness: typeof readiness;
  attachments: typeof attachments;
};
export type Part = keyof English;
type AllEnglish = typeof shell & typeof common & typeof session & typeof visits & typeof visit & typeof municipality & typeof network & typeof region & typeof review & typeof settings & typeof sync & typeof history & typeof devices & typeof guidance & typeof meetings & typeof plans & typeof readiness & typeof attachments;

/**
 * A message that depends on a number: a text per CLDR plural category of the language (Finnish,
 * Swedish and English have `one` and `other`), chosen by the `count` param with Intl.PluralRules.
 */
export type Plural = { readonly [C in Intl.LDMLPluralRule]?: string } & { readonly other: string };
export type Message = string | Plural;

/** A text where English has one, a plural where English has one. */
type Like<T> = { readonly [K in keyof T]: T[K] extends string ? string : Plural };

/** One part of a language's messages (fi/<part>.ts and sv/<part>.ts are of this type). */
export type PartMessages<P extends Part> = Like<English[P]>;

export type MessageKey = keyof AllEnglish;
/** Every key: a language's messages once all its parts are loaded. */
export type Messages = Like<AllEnglish>;
/** The keys whose message depends on a number, the `count` param. */
export type PluralKey = { [K in MessageKey]: AllEnglish[K] extends string ? never : K }[MessageKey];
