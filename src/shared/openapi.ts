import { z } from 'zod';
import { ApiErrorBodySchema, type HttpRoute } from './http-route.js';

const json = (schema: z.ZodType, io: 'input' | 'output') => ({
  'application/json': { schema: z.toJSONSchema(schema, { io, unrepresentable: 'any' }) },
});

/** A route's own security where it is not the document's bearer token: none, or a session cookie (its scheme added). */
function security(authenticated: HttpRoute['authenticated'], schemes: Record<string, object>): { security?: object[] } {
  if (authenticated === false) return { security: [] };
  if (authenticated === undefined || authenticated === true) return {};
  schemes[authenticated.cookie] = { type: 'apiKey', in: 'cookie', name: authenticated.cookie };
  return { security: [{ [authenticated.cookie]: [] }] };
}

/**
 * An OpenAPI 3.1 document built from the same route declarations both sides use, so the document
 * cannot drift from what the server checks and the client sends.
 */
export function openApiDocument(info: { title: string; version: string; description: string }, routes: Record<string, HttpRoute>): object {
  const paths: Record<string, Record<string, object>> = {};
  const securitySchemes: Record<string, object> = { bearer: { type: 'http', scheme: 'bearer' } };
  for (const [operationId, route] of Object.entries(routes)) {
    const path = route.path.replace(/:([A-Za-z][A-Za-z0-9]*)/g, '{$1}');
    const pathParameters = [...route.path.matchAll(/:([A-Za-z][A-Za-z0-9]*)/g)].map((match) => ({
      name: match[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const queryParameters = route.query
      ? Object.entries((z.toJSONSchema(route.query, { io: 'input' }) as { properties?: Record<string, object> }).properties ?? {}).map(
          ([name, schema]) => ({ name, in: 'query', schema }),
        )
      : [];
    const headerParameters = (route.requestHeaders ?? []).map((header) => ({
      name: header.name,
      in: 'header',
      required: header.required ?? true,
      description: header.description,
      schema: { type: 'string' },
    }));
    const requestBody = route.body
      ? { required: true, content: json(route.body, 'input') }
      : route.rawBody
        ? { required: true, content: { [route.rawBody]: { schema: { type: 'string', format: 'binary' } } } }
        : undefined;
    paths[path] = {
      ...paths[path],
      [route.method.toLowerCase()]: {
        operationId,
        summary: route.summary,
        parameters: [...pathParameters, ...queryParameters, ...headerParameters],
        ...(requestBody ? { requestBody } : {}),
        ...security(route.authenticated, securitySchemes),
        responses: {
          '200': {
            description: 'OK',
            content: route.responseMediaType
              ? { [route.responseMediaType]: { schema: { type: 'string' } } }
              : json(route.response, 'output'),
          },
          default: {
            description: 'An error: 4xx says what to fix, 5xx and 429 are worth retrying',
            content: json(ApiErrorBodySchema, 'output'),
          },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info,
    components: { securitySchemes },
    security: [{ bearer: [] }],
    paths,
  };
}
