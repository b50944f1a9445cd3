import type { FastifyRequest } from 'fastify';
import { LOG_REDACTION } from '../shared/log-redaction.js';

/**
 * A request as the servers' logs show it: the route's pattern rather than the path (a ticket page's
 * path is its secret link), and the query's names without their values, so no token reaches a log,
 * whatever a client put in the address.
 */
export function requestForLog(request: FastifyRequest): Record<string, unknown> {
  const [path, query] = request.url.split('?', 2);
  const names = query ? [...new URLSearchParams(query).keys()] : [];
  const shown = request.routeOptions?.url ?? path;
  return {
    method: request.method,
    url: names.length ? `${shown}?${names.map((name) => `${name}=${LOG_REDACTION.censor}`).join('&')}` : shown,
    remoteAddress: request.ip,
  };
}
