// The browser's install offer (`beforeinstallprompt`), kept until the user asks to install.

/** Chromium's event; not in TypeScript's DOM library because it is not a standard. */
type BeforeInstallPromptEvent = Event & {
  prompt: () => Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed'; platform: string }>;
};

export type InstallPrompt = {
  /** Shows the browser's install dialog; true when the user accepted. */
  prompt: () => Promise<boolean>;
};

/**
 * Listens for the install offer and its withdrawal; `onChange` hears whether installing is possible.
 * Returns the prompt and a function that stops listening.
 */
export function watchInstallPrompt(target: Window, onChange: (canInstall: boolean) => void): InstallPrompt & { stop: () => void } {
  let deferred: BeforeInstallPromptEvent | null = null;

  const onOffer = (event: Event) => {
    // Keep the browser's own banner away: the app shows its "Install app" button instead.
    event.preventDefault();
    deferred = event as BeforeInstallPromptEvent;
    onChange(true);
  };
  const onInstalled = () => {
    deferred = null;
    onChange(false);
  };
  target.addEventListener('beforeinstallprompt', onOffer);
  target.addEventListener('appinstalled', onInstalled);

  return {
    async prompt() {
      const offer = deferred;
      if (!offer) return false;
      // An offer can be shown only once; the browser sends a new one if the user may try again.
      deferred = null;
      onChange(false);
      await offer.prompt();
      const choice = await offer.userChoice;
      return choice.outcome === 'accepted';
    },
    stop() {
      target.removeEventListener('beforeinstallprompt', onOffer);
      target.removeEventListener('appinstalled', onInstalled);
    },
  };
}
