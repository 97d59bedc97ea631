// The one bridge between the page and the service worker: registration, updates, installation.
import { get, set } from 'idb-keyval';
import type { Workbox, WorkboxLifecycleEvent } from 'workbox-window';
import { watchInstallPrompt, type InstallPrompt } from './install-prompt.ts';
import { createPwaStore, type PwaListener, type PwaState } from './pwa-store.ts';

export type { PwaState } from './pwa-store.ts';

const SW_URL = '/sw.js';
const OFFLINE_READY_KEY = 'pwa:offlineReadyShown';
const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;

const store = createPwaStore();
let workbox: Workbox | null = null;
let registration: ServiceWorkerRegistration | null = null;
let installPrompt: InstallPrompt | null = null;
let reloadWhenControlled = false;
let started = false;

export const getPwaState = (): PwaState => store.get();
export const subscribePwa = (listener: PwaListener): (() => void) => store.subscribe(listener);

/**
 * Registers the service worker and starts watching for updates and the install offer. Call once,
 * in production builds only (the dev server has no service worker).
 */
export function startPwa(): void {
  if (started || !('serviceWorker' in navigator)) return;
  started = true;
  installPrompt = watchInstallPrompt(window, (canInstall) => store.set({ canInstall }));
  // workbox-window loads after the first render: the page needs it only to talk to the service worker.
  import('workbox-window').then(
    ({ Workbox }) => register(new Workbox(SW_URL, { scope: '/' })),
    (error: unknown) => console.warn('Tillsyn: the service worker bridge did not load', error),
  );
}

function register(wb: Workbox): void {
  workbox = wb;
  // Fires for a worker that finished installing now and for one already waiting at load.
  wb.addEventListener('waiting', () => store.set({ updateAvailable: true }));
  wb.addEventListener('installed', (event) => void onInstalled(event));
  wb.addEventListener('controlling', () => {
    // Only a version the user accepted reloads the page; the first install's claim must not.
    if (!reloadWhenControlled) return;
    reloadWhenControlled = false;
    window.location.reload();
  });

  wb.register()
    .then((reg) => {
      registration = reg ?? null;
      if (reg) watchUpdateInstallingAtLoad(reg);
      setInterval(() => void checkForUpdate(), UPDATE_CHECK_INTERVAL_MS);
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') void checkForUpdate();
      });
    })
    .catch((error: unknown) => console.warn('Tillsyn: service worker registration failed', error));
}

/** Asks the server whether sw.js changed; a new version then shows up as `updateAvailable`. */
async function checkForUpdate(): Promise<void> {
  if (!registration || !navigator.onLine) return;
  try {
    await registration.update();
  } catch {
    // Offline or the server is away: the next check will try again.
  }
}

/**
 * Activates the waiting version and reloads once it controls the page. This runs only when the
 * user pressed "Update now", so an update never reloads under them; what they type is saved
 * locally as they go (IndexedDB, from the records issues on), so the reload loses nothing.
 */
export function applyUpdate(): void {
  store.set({ updateAvailable: false });
  if (!workbox || !registration?.waiting) {
    // Another tab already activated the new version: this page only needs to load it.
    window.location.reload();
    return;
  }
  reloadWhenControlled = true;
  workbox.messageSkipWaiting();
}

/** "Later": hide the prompt; the new version stays waiting and is offered again on the next load. */
export function dismissUpdate(): void {
  store.set({ updateAvailable: false });
}

export function dismissOfflineReady(): void {
  store.set({ offlineReady: false });
}

/** Shows the browser's install dialog; true when the user installed. */
export async function promptInstall(): Promise<boolean> {
  return installPrompt ? installPrompt.prompt() : false;
}

/**
 * The browser checks for a new sw.js on navigation, so a new version may already be installing
 * when the page registers; workbox-window's `waiting` event misses that one, so watch it here.
 */
function watchUpdateInstallingAtLoad(reg: ServiceWorkerRegistration): void {
  const worker = reg.installing;
  if (!worker || !reg.active) return;
  worker.addEventListener('statechange', () => {
    if (worker.state === 'installed' && reg.waiting === worker) store.set({ updateAvailable: true });
  });
}

async function onInstalled(event: WorkboxLifecycleEvent): Promise<void> {
  // An update, or a worker registered by another tab, is not the first install.
  if (event.isUpdate || event.isExternal) return;
  try {
    if (await get(OFFLINE_READY_KEY)) return;
    await set(OFFLINE_READY_KEY, true);
  } catch {
    // Storage unavailable: show the notice anyway; at worst it appears again some day.
  }
  store.set({ offlineReady: true });
}
