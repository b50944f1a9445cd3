import { openApiDocument } from '../src/shared/openapi.js';
import { platformApi } from '../src/shared/platform-api.js';
import { APP_VERSION } from '../src/terminal/version.js';

export const PLATFORM_OPENAPI_FILE = 'docs/platform-api.openapi.json';

export function platformOpenApi(): object {
  return openApiDocument(
    {
      title: 'OneWindow central case platform API',
      version: APP_VERSION,
      description: 'What a OneWindow counter needs from the city’s case platform: tokens, case operations (idempotent), resumable material uploads, the changes feed. src/platform implements it as a reference for development and tests.',
    },
    platformApi,
  );
}
