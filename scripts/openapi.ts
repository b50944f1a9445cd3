/**
 * `npm run openapi`: writes the platform API's OpenAPI document from its route declarations.
 * tests/shared/openapi.test.ts fails when the committed file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { platformOpenApi, PLATFORM_OPENAPI_FILE } from './openapi-document.js';

writeFileSync(PLATFORM_OPENAPI_FILE, `${JSON.stringify(platformOpenApi(), null, 2)}\n`);
console.log(`wrote ${PLATFORM_OPENAPI_FILE}`);
