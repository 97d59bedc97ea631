import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { readFileSync } from 'node:fs';
import { appLanguage, manifestTexts } from './src/pwa/manifest-texts.ts';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };
const apiPort = process.env.API_PORT ?? '8787';
// The deployment's main language: the installed app's name and description, and index.html's lang.
const appLang = appLanguage(process.env.APP_LANGUAGE);
const texts = manifestTexts[appLang];

export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  plugins: [
    preact(),
    {
      name: 'tillsyn-app-language',
      transformIndexHtml: (html) =>
        html.replace(/<html lang="[^"]*">/, `<html lang="${appLang}">`).replace(/(<meta name="description" content=")[^"]*(")/, `$1${texts.description}$2`),
    },
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      manifestFilename: 'manifest.webmanifest',
      injectManifest: {
        // The manifest and its icons are precached by the plugin itself.
        globPatterns: ['**/*.{js,css,html,svg,woff2}'],
      },
      manifest: {
        id: '/',
        name: texts.name,
        short_name: texts.short_name,
        description: texts.description,
        lang: appLang,
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: '#f6f7f9',
        theme_color: '#1d4f73',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
    }),
  ],
  // The manifest maps source modules to chunks: `npm run bench` reads it to size each route.
  build: { outDir: 'dist/app', emptyOutDir: true, target: 'es2022', sourcemap: true, manifest: true },
  server: { proxy: { '/api': `http://127.0.0.1:${apiPort}` } },
  test: {
    // Two test files at once, whatever the project (vitest's default on two cores is one): much of a test
    // waits (a server's answer, a browser's service worker, a sync's debounce), so two overlap well.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}', 'test/component/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['test/setup-dom.ts'],
          // An upper bound for a loaded machine (password hashing, a thousand queued edits), not a goal.
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          include: ['test/server/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // TEST_DATABASE_URL for the PostgreSQL tests: as given, or a throw-away cluster when PostgreSQL is installed.
          globalSetup: ['test/pg-global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          // Upper bounds only, never a goal: a whole visit with axe on every page takes a minute on a
          // quiet two-core machine and several on a loaded one; a test that hangs still fails.
          testTimeout: 300_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
