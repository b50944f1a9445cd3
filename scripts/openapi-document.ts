import { hallApi, ticketPage } from '../src/shared/hall-api.js';
import { openApiDocument } from '../src/shared/openapi.js';
import { platformApi } from '../src/shared/platform-api.js';
import { APP_VERSION } from '../src/terminal/version.js';

export const PLATFORM_OPENAPI_FILE = 'docs/platform-api.openapi.json';
export const HALL_OPENAPI_FILE = 'docs/hall-api.openapi.json';

export function platformOpenApi(): object {
  return openApiDocument(
    {
      title: 'OneWindow central case platform API',
      version: APP_VERSION,
      description:
        'What a OneWindow counter needs from the city’s case platform: tokens, case operations (idempotent), resumable material uploads, the changes feed. src/platform implements it as a reference for development and tests.',
    },
    platformApi,
  );
}

/** The hall server's routes, the ticket's public page among them; its event stream (a WebSocket) is described in docs/architecture.md. */
export const hallRoutes = { ...hallApi, ticketPage };

export function hallOpenApi(): object {
  return openApiDocument(
    {
      title: 'OneWindow hall server API',
      version: APP_VERSION,
      description:
        "The hall's queue authority as its kiosks, counters and boards call it: numbers, calls, windows, clerks, appointments, pre-fill codes, ratings, statistics, terminal enrolment, and a ticket's public page.",
    },
    hallRoutes,
  );
}
