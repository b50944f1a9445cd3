import { readFileSync } from 'node:fs';

/** The version of package.json, which every page shows in its footer and support asks for. */
export const APP_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
