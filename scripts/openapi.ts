/**
 * `npm run openapi`: writes the OpenAPI documents of the platform's and the hall server's APIs from their
 * route declarations. tests/shared/openapi.test.ts fails when a committed file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { HALL_OPENAPI_FILE, hallOpenApi, platformOpenApi, PLATFORM_OPENAPI_FILE } from './openapi-document.js';

for (const [file, document] of [
  [PLATFORM_OPENAPI_FILE, platformOpenApi()],
  [HALL_OPENAPI_FILE, hallOpenApi()],
] as const) {
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  console.log(`wrote ${file}`);
}
