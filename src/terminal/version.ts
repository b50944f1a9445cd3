import { readFileSync } from 'node:fs';
import { PACKAGE_JSON } from './install-paths.js';

/** The version of package.json, which every page shows in its footer and support asks for. */
export const APP_VERSION: string = (JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string }).version;
