import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { servePage } from '../http-server/page-server.js';

/** The console's address under the hall's own (`/manager`, or `/halls/<id>/manager` in a county cluster). */
export const CONSOLE_PATH = '/manager';
/** The built renderer, two folders above this module; found when first served, so a bundle that never serves the console needs no such place. */
const rendererDir = () => fileURLToPath(new URL('../../dist/renderer/', import.meta.url));

/**
 * The hall's console as a page of the same built renderer the terminals show, served by the hall server
 * itself (no terminal host: it talks to the hall's manager routes), with the terminals' headers and policy.
 */
export function serveConsolePage(app: FastifyInstance, options: { tls: boolean; staticDir?: string }): void {
  let staticDir = options.staticDir;
  const serve = async (request: FastifyRequest, reply: FastifyReply) => {
    staticDir ??= rendererDir();
    const origin = `${options.tls ? 'https' : 'http'}://${request.headers.host ?? 'localhost'}`;
    const page = await servePage(staticDir, [CONSOLE_PATH.slice(1)], request.method, request.url.split('?')[0]!, origin);
    return reply.code(page.status).headers(page.headers).send(page.body);
  };
  for (const url of [CONSOLE_PATH, '/assets/*', '/favicon.svg']) app.route({ method: ['GET', 'HEAD'], url, handler: serve });
}
