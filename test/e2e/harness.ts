// Browser tests' harness: the built server on a free port, and Debian's Chromium with a fresh profile.
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onTestFailed } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { builtServerEntry, startBuiltServer, type BuiltServer } from '../built-server.ts';

export const DEMO_PASSWORD = 'e2e-demo-password-7341';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const root = fileURLToPath(new URL('../../', import.meta.url));
const appDir = join(root, 'dist/app');

/** Fails at once, and says what to do, when there is no build or no browser to test. */
export function requireBuildAndBrowser(): void {
  for (const file of [builtServerEntry, join(appDir, 'index.html'), join(appDir, 'sw.js')]) {
    if (!existsSync(file)) {
      throw new Error(`Browser tests need a build: ${file} is missing. Run \`npm run build\` (\`npm test\` does it first).`);
    }
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Browser tests need Chromium at ${CHROMIUM}: apt-get install -y --no-install-recommends chromium`);
  }
}

export type TestServer = {
  url: string;
  /** The copy of dist/app the server serves, so a test can change sw.js without touching the build. */
  staticDir: string;
  /** sw.js as built, read once: a rebuild of dist/ during the run must not leak into a test. */
  builtServiceWorker: string;
  output: () => string;
  /** Throws with the server's output if it has died. */
  assertAlive: () => void;
  stop: () => Promise<void>;
};

/** Starts `node dist/server/server/main.js` on a free port with a fresh database and a copy of the app. */
export async function startServer(): Promise<TestServer> {
  requireBuildAndBrowser();
  const work = await mkdtemp(join(tmpdir(), 'tillsyn-e2e-'));
  const staticDir = join(work, 'app');
  await cp(appDir, staticDir, { recursive: true });
  const builtServiceWorker = await readFile(join(staticDir, 'sw.js'), 'utf8');
  let server: BuiltServer;
  try {
    server = await startBuiltServer({ DATA_DIR: join(work, 'data'), DEMO_PASSWORD, STATIC_DIR: staticDir }, 'localhost');
  } catch (error) {
    await rm(work, { recursive: true, force: true });
    throw error;
  }
  let stopping = false;
  return {
    url: server.url,
    staticDir,
    builtServiceWorker,
    output: server.output,
    assertAlive: () => {
      const exit = server.exit();
      if (exit !== null && !stopping) throw new Error(`The Tillsyn server ${exit} during the test.\n--- server output ---\n${server.output()}`);
    },
    stop: async () => {
      stopping = true;
      await server.stop();
      await rm(work, { recursive: true, force: true });
    },
  };
}

/**
 * Serves the built sw.js plus a marker, as a deploy of a new version would. The added listener answers
 * `{type: 'E2E_VERSION'}` with the marker, so a test can tell which version controls the page.
 */
export async function publishNewServiceWorker(server: TestServer, marker: string): Promise<void> {
  const answer = `self.addEventListener('message', (event) => { if (event.data && event.data.type === 'E2E_VERSION') event.ports[0].postMessage(${JSON.stringify(marker)}); });`;
  await writeFile(join(server.staticDir, 'sw.js'), `${server.builtServiceWorker}\n// ${marker}\n${answer}\n`);
}

/**
 * The marker of the version controlling the page. Only a worker served by publishNewServiceWorker
 * answers, so a test that asks publishes its first version too: an answer never depends on a timeout.
 */
export async function controllingVersion(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const controller = navigator.serviceWorker.controller;
        if (!controller) return reject(new Error('No service worker controls the page'));
        const channel = new MessageChannel();
        channel.port1.onmessage = (event) => resolve(String(event.data));
        controller.postMessage({ type: 'E2E_VERSION' }, [channel.port2]);
      }),
  );
}

export type TestBrowser = { context: BrowserContext; page: Page; close: () => Promise<void> };

/**
 * Chromium with a fresh profile. A persistent context, because Chromium's installability check
 * answers `in-incognito` for Playwright's ordinary (incognito-like) contexts. The page's console
 * and errors are printed when the calling test fails.
 */
export async function openBrowser(): Promise<TestBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'tillsyn-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_FLAGS,
    headless: true,
    locale: 'en-US',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const logs: string[] = [];
  page.on('console', (message) => logs.push(`console.${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => logs.push(`pageerror: ${error.message}`));
  onTestFailed(() => {
    if (logs.length > 0) console.error(`--- browser console ---\n${logs.join('\n')}`);
  });
  return {
    context,
    page,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export type LoggedInUser = { id: string; username: string; name: string; role: string };

/** Asks the API who a demo account is, so tests check the name the server really has. */
export async function demoUser(server: TestServer, username: string): Promise<LoggedInUser> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`Login as ${username} failed: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { user: LoggedInUser };
  return body.user;
}

/** Signs in through the form, as a person would, and waits for the main navigation. */
export async function signIn(page: Page, server: TestServer, username: string): Promise<void> {
  await page.goto(server.url);
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/**
 * A dead network, as a tablet on a Wi-Fi with no way out sees it: the browser still says online, but
 * no request reaches the server. Real, not emulated: Chromium 150 forgets `setOffline(true)` on a page
 * the service worker reloads, so a test must not lean on the emulation. The app shell still comes from
 * the service worker's precache; only the server is cut off.
 */
export async function cutServerOff(context: BrowserContext, server: TestServer): Promise<void> {
  await context.route(`${server.url}/api/**`, (route) => route.abort('internetdisconnected'));
}

/**
 * No network as the browser knows it (`navigator.onLine` false, the `offline` event), with the server
 * cut off for real as well, so work done now stays on the device whatever the emulation does.
 */
export async function goOffline(context: BrowserContext, server: TestServer): Promise<void> {
  await cutServerOff(context, server);
  await context.setOffline(true);
}

/** Undoes goOffline and cutServerOff: the `online` event fires, and requests reach the server again. */
export async function goOnline(context: BrowserContext, server: TestServer): Promise<void> {
  await context.unroute(`${server.url}/api/**`);
  await context.setOffline(false);
}

/** Waits until a service worker controls the page (the SW claims clients on its first install). */
export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
}

/** Every URL in every Cache Storage cache of the page's origin. */
export async function cachedUrls(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) urls.push(request.url);
    }
    return urls;
  });
}

/** Saves the page at phone, tablet and desktop sizes when SCREENSHOTS names a folder; the size is put back. */
export async function shoot(page: Page, name: string): Promise<void> {
  if (!process.env.SCREENSHOTS) return;
  const before = page.viewportSize();
  for (const [size, width, height] of [['phone', 390, 844], ['tablet', 820, 1180], ['desktop', 1366, 900]] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${process.env.SCREENSHOTS}/${name}-${size}.png`, fullPage: true });
  }
  if (before) await page.setViewportSize(before);
}
