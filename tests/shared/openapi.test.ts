import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { platformApi } from '../../src/shared/platform-api.js';
import { HALL_OPENAPI_FILE, hallOpenApi, hallRoutes, PLATFORM_OPENAPI_FILE, platformOpenApi } from '../../scripts/openapi-document.js';

interface Doc {
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string;
        parameters: { name: string; in: string }[];
        requestBody?: { content: Record<string, { schema: { oneOf?: unknown[] } }> };
        security?: unknown[];
      }
    >
  >;
}

describe('platform OpenAPI document', () => {
  const doc = platformOpenApi() as Doc;

  it('is committed as generated: run `npm run openapi` after changing the platform API', () => {
    expect(JSON.parse(readFileSync(PLATFORM_OPENAPI_FILE, 'utf8'))).toEqual(JSON.parse(JSON.stringify(doc)));
  });

  it('documents every route with its parameters, headers and body from the shared schemas', () => {
    const operations = Object.values(doc.paths).flatMap((methods) => Object.values(methods));
    expect(operations.map((operation) => operation.operationId).sort()).toEqual(Object.keys(platformApi).sort());
    const submit = doc.paths['/api/v1/operations']!.post!;
    expect(submit.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }));
    expect(submit.requestBody!.content['application/json']!.schema.oneOf).toHaveLength(3);
    const append = doc.paths['/api/v1/materials/{sha256}']!.patch!;
    expect(append.parameters.map((parameter) => `${parameter.in}:${parameter.name}`)).toEqual([
      'path:sha256',
      'header:Upload-Offset',
      'header:Upload-Length',
      'header:Upload-Media-Type',
    ]);
    expect(Object.keys(append.requestBody!.content)).toEqual(['application/offset+octet-stream']);
    expect(doc.paths['/api/v1/changes']!.get!.parameters.map((parameter) => parameter.name)).toEqual(['after', 'limit']);
    expect(doc.paths['/api/v1/token']!.post!.security).toEqual([]);
  });
});

describe('hall OpenAPI document', () => {
  const doc = hallOpenApi() as Doc & {
    paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, unknown> }> }>>;
  };

  it('is committed as generated: run `npm run openapi` after changing the hall API', () => {
    expect(JSON.parse(readFileSync(HALL_OPENAPI_FILE, 'utf8'))).toEqual(JSON.parse(JSON.stringify(doc)));
  });

  it('documents every declared route, the statistics among them, with their queries and media types', () => {
    const operations = Object.values(doc.paths).flatMap((methods) => Object.values(methods));
    expect(operations.map((operation) => operation.operationId).sort()).toEqual(Object.keys(hallRoutes).sort());
    expect(doc.paths['/api/v1/stats']!.get!.parameters.map((parameter) => `${parameter.in}:${parameter.name}`)).toEqual([
      'query:date',
      'query:from',
      'query:to',
    ]);
    const csv = doc.paths['/api/v1/stats.csv']!.get!;
    expect(csv.parameters.map((parameter) => `${parameter.in}:${parameter.name}`)).toEqual([
      'query:date',
      'query:from',
      'query:to',
      'query:by',
    ]);
    expect(Object.keys(csv.responses['200']!.content)).toEqual(['text/csv']);
    expect(Object.keys(doc.paths['/api/v1/stats.xlsx']!.get!.responses['200']!.content)).toEqual([
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
    expect(doc.paths['/api/v1/tickets']!.post!.parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }),
    );
    expect(doc.paths['/t/{token}/status']!.get!.security).toEqual([]);
  });
});
