/** The bundled script's text: `entry` (a module of the app) with its exports on `globalThis[name]`. */
export function bundleForBrowser(entry: string, name: string): Promise<string>;
