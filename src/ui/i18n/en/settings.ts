// English messages of the settings page.
// The source of this part's keys: fi/settings.ts and sv/settings.ts have every one.

export const messages = {
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
  'settings.syncTitle': 'Sync and unsent changes',
  'settings.syncText': 'See what waits to be sent, fix rejected changes, and save unsent changes to a file or import them.',
  'settings.syncLink': 'Open the sync page',
} as const;
