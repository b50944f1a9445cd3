import { fileURLToPath } from 'node:url';

/**
 * Files the terminal ships with, found from this module's place. It sits two folders below the
 * project's root, as the bundles of the host (dist/host, dist/main) do, so the same relative paths hold
 * in the sources and in a bundle: every path of an installed file goes through here.
 */
const fromRoot = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

export const PACKAGE_JSON = fromRoot('package.json');
/** The simulator's sample ID cards. */
export const SAMPLE_CARDS_DIR = fromRoot('resources/idcard/cards');
/** The catalog shipped with the terminal, used until the platform has given a newer one. */
export const SHIPPED_CATALOG_DIR = fromRoot('resources/catalog');
