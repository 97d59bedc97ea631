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

  'app.pageTitle': '{page} – Tillsyn',

  'common.loading': 'Loading…',
  'common.dbError': 'The data stored on this device could not be read. Try reloading the page.',

  'language.label': 'Language',
  'language.fi': 'Suomi',
  'language.sv': 'Svenska',
  'language.en': 'English',

  'role.inspector': 'Inspector',
  'role.coordinator': 'Coordinator',
  'role.admin': 'Administrator',

  'signIn.title': 'Sign in',
  'signIn.username': 'Username',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.busy': 'Signing in…',
  'signIn.reauthTitle': 'Sign in again',
  'signIn.reauthText': 'Your session has expired. Enter your password to continue. Everything saved on this device stays here.',
  'signIn.reauthSignOutText': 'If you sign out instead, your data is removed from this device.',
  'signIn.error.usernameMissing': 'Enter your username.',
  'signIn.error.passwordMissing': 'Enter your password.',
  'signIn.error.badCredentials': 'Wrong username or password.',
  'signIn.error.rateLimited': 'Too many failed sign-in attempts. Try again in {minutes} minutes.',
  'signIn.error.rateLimitedOne': 'Too many failed sign-in attempts. Try again in a minute.',
  'signIn.error.offline': 'You are offline: sign-in needs a connection the first time.',
  'signIn.error.offlineReauth': 'You are offline: signing in again needs a connection. Your work on this device is safe.',
  'signIn.error.usernameInvalid': 'Check the username: it has 2–64 characters: letters a–z, digits, dots, dashes or underscores.',
  'signIn.error.passwordInvalid': 'The password was not accepted. Check it and try again.',
  'signIn.error.invalid': 'The sign-in details were not accepted. Check them and try again.',
  'signIn.error.server': 'The server could not sign you in just now. Try again in a moment.',
  'signOut.busy': 'Signing out…',

  'status.pending': 'Unsent changes: {count}',

  'visits.empty': 'No visits on this device yet. Visits appear here once they are planned or synced.',
  'visits.unknownMunicipality': 'Municipality {code}',
  'visitStatus.planned': 'Planned',
  'visitStatus.in_progress': 'In progress',
  'visitStatus.submitted': 'Submitted',
  'visitStatus.returned': 'Returned',
  'visitStatus.approved': 'Approved',
  'visitStatus.cancelled': 'Cancelled',

  'municipalities.search': 'Search municipalities',
  'municipalities.includeAland': 'Include Åland',
  'municipalities.count': '{count} municipalities',
  'municipalities.countOne': '1 municipality',
  'municipalities.noMatch': 'No municipality matches “{query}”.',
  'municipalities.noneInRegions': 'None of your regions has municipalities on this device.',
  'municipalities.noReferenceData':
    'No municipalities on this device yet. The reference data (regions, municipalities, checklists) arrives with the first sync.',

  'review.intro': 'Visits that inspectors have submitted for review.',
  'review.empty': 'No submitted visits on this device. Submitted visits appear here once they are synced.',
  'review.listLabel': 'Submitted visits',

  'notFound.title': 'Page not found',
  'notFound.text': 'There is no page at this address.',
  'notFound.home': 'Go to the visits',
  'notAvailable.text': 'This page is not available for your role ({role}).',

  'settings.languageHint': 'The choice is remembered on this device for your account.',
  'settings.storageTitle': 'Storage on this device',
  'settings.storageUsed': 'Used',
  'settings.storageAvailable': 'Available',
  'settings.storageBar': '{percent} of the space the browser allows is in use ({used} of {quota}).',
  'settings.storageUnknown': 'This browser does not tell how much storage is in use.',
  'settings.persistTitle': 'Persistent storage',
  'settings.persistGranted': 'Granted: the browser will not clear Tillsyn’s data on its own.',
  'settings.persistNotGranted':
    'Not granted: the browser may clear Tillsyn’s data if the device runs low on space. Installing the app usually helps.',
  'settings.persistUnknown': 'This browser does not tell whether the data is kept persistently.',
  'settings.accountTitle': 'Account',
  'settings.signedInAs': 'Signed in as',
  'settings.role': 'Role',
  'settings.lastSignIn': 'Last sign-in on this device',
  'settings.unknown': 'Not known',
  'settings.aboutTitle': 'About Tillsyn',
  'settings.version': 'Version',
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
