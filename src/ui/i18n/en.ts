// English catalogue: the source of the message keys; fi.ts and sv.ts must have every one.
export const en = {
  'app.name': 'Tillsyn',
  'app.tagline': 'Supervision visits to municipalities',
  'app.skipToContent': 'Skip to content',

  'nav.label': 'Main',
  'nav.visits': 'Visits',
  'nav.municipalities': 'Municipalities',
  'nav.review': 'Review',
  'nav.settings': 'Settings',
  'nav.signOut': 'Sign out',

  'status.online': 'Online',
  'status.offline': 'Offline',
  'status.neverSynced': 'Not synced yet',

  'pwa.updateAvailable': 'A new version of Tillsyn is available.',
  'pwa.updateNow': 'Update now',
  'pwa.updateLater': 'Later',
  'pwa.offlineReady': 'Tillsyn is ready to work offline.',
  'pwa.dismiss': 'OK',
  'pwa.install': 'Install app',
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
