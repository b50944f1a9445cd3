import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRouteClient, orThrow, type Outcome } from '../../src/http-client/route-client.js';
import { route } from '../../src/shared/http-route.js';

const api = {
  echo: route({
    method: 'POST',
    path: '/echo/:id',
    body: z.object({ n: z.number() }),
    query: z.object({ twice: z.boolean().optional() }),
    response: z.object({ id: z.string(), n: z.number(), twice: z.string().nullable(), auth: z.string().nullable() }),
  }),
  status: route({ method: 'GET', path: '/status/:code', body: null, response: z.object({}) }),
  wrongShape: route({ method: 'GET', path: '/wrong', body: null, response: z.object({ n: z.number() }) }),
  slow: route({ method: 'GET', path: '/slow', body: null, response: z.object({}) }),
  csv: route({ method: 'GET', path: '/csv', body: null, response: z.string(), responseMediaType: 'text/csv' }),
};
const SERVER = { zh: '测试服务器', en: 'test server' };

function answer(request: IncomingMessage, response: ServerResponse, body: string): void {
  const url = new URL(request.url!, 'http://x');
  const send = (status: number, value: unknown, headers: Record<string, string> = {}): void => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(value));
  };
  if (url.pathname.startsWith('/echo/'))
    return send(200, {
      id: decodeURIComponent(url.pathname.slice(6)),
      n: (JSON.parse(body) as { n: number }).n,
      twice: url.searchParams.get('twice'),
      auth: request.headers.authorization ?? null,
    });
  if (url.pathname === '/status/403') return send(403, { error: { code: 'FORBIDDEN', message: '不许 / not allowed' } });
  if (url.pathname === '/status/422') return send(422, { error: { code: 'SOMETHING_NEW', message: '新的拒绝 / a new refusal' } });
  if (url.pathname === '/status/409') return void response.writeHead(409).end('not json');
  if (url.pathname === '/status/429')
    return send(429, { error: { code: 'LOGIN_LOCKED', message: '已锁定 / locked' } }, { 'retry-after': '30' });
  if (url.pathname === '/status/500') return send(500, { error: { code: 'INTERNAL', message: 'internal' } });
  if (url.pathname === '/wrong') return send(200, { n: 'one' });
  if (url.pathname === '/csv') return void response.writeHead(200, { 'content-type': 'text/csv' }).end('a,b\r\n');
  // /slow never answers.
}

const servers: ReturnType<typeof createServer>[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(): Promise<{ base: string; connections: Set<Socket> }> {
  const connections = new Set<Socket>();
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => answer(request, response, body));
  });
  server.on('connection', (socket) => connections.add(socket));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections };
}

const failure = (outcome: Outcome<unknown>) => {
  if (outcome.ok) throw new Error('expected a failure');
  return outcome;
};

describe('a client derived from route declarations', () => {
  it('sends the body, path parameters, query and token each route declares, on one kept-alive connection', async () => {
    const { base, connections } = await serve();
    let token = 'first';
    const client = createRouteClient(api, { baseUrl: base, server: SERVER, token: () => token });
    expect(orThrow(await client.echo({ params: { id: 'a b' }, body: { n: 1 }, query: { twice: true } }))).toEqual({
      id: 'a b',
      n: 1,
      twice: 'true',
      auth: 'Bearer first',
    });
    token = 'second';
    expect(orThrow(await client.echo({ params: { id: 'c' }, body: { n: 2 } }))).toEqual({
      id: 'c',
      n: 2,
      twice: null,
      auth: 'Bearer second',
    });
    expect(orThrow(await client.csv())).toBe('a,b\r\n');
    expect(connections.size).toBe(1);
  });

  it('keeps the server’s code of a refusal, and pages see it as its general code with the server’s words', async () => {
    const { base } = await serve();
    const client = createRouteClient(api, { baseUrl: base, server: SERVER });
    expect(failure(await client.status({ params: { code: '403' } }))).toEqual({
      ok: false,
      retry: false,
      code: 'FORBIDDEN',
      status: 403,
      message: '不许 / not allowed',
    });
    await expect(client.status({ params: { code: '403' } }).then(orThrow)).rejects.toMatchObject({
      name: 'RpcError',
      code: 'FORBIDDEN',
      message: '不许 / not allowed',
    });
    expect(failure(await client.status({ params: { code: '422' } }))).toMatchObject({ retry: false, code: 'SOMETHING_NEW', status: 422 });
    await expect(client.status({ params: { code: '422' } }).then(orThrow)).rejects.toMatchObject({
      code: 'REFUSED',
      message: '新的拒绝 / a new refusal',
    });
    expect(failure(await client.status({ params: { code: '409' } }))).toMatchObject({
      retry: false,
      code: 'REFUSED',
      status: 409,
      message: expect.stringContaining('HTTP 409'),
    });
    const locked = failure(await client.status({ params: { code: '429' } }));
    expect(locked).toMatchObject({ retry: true, code: 'LOGIN_LOCKED', status: 429, retryAfter: '30', message: '已锁定 / locked' });
    await expect(client.status({ params: { code: '429' } }).then(orThrow)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      message: '已锁定 / locked',
    });
  });

  it('sorts what is worth trying again: 5xx, a reply it does not understand, no connection, no answer in time', async () => {
    const { base } = await serve();
    const client = createRouteClient(api, { baseUrl: base, server: SERVER, timeoutMs: 300 });
    expect(failure(await client.status({ params: { code: '500' } }))).toMatchObject({
      retry: true,
      code: 'UNAVAILABLE',
      status: 500,
      message: expect.stringMatching(/^测试服务器暂时无法处理（HTTP 500）/),
    });
    expect(failure(await client.wrongShape())).toMatchObject({
      retry: true,
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/^测试服务器返回了无法识别的数据/),
    });
    expect(failure(await client.slow())).toMatchObject({
      retry: true,
      code: 'TIMEOUT',
      message: expect.stringMatching(/^测试服务器响应超时/),
    });
    const nowhere = createRouteClient(api, { baseUrl: 'http://127.0.0.1:9', server: SERVER });
    const unreachable = failure(await nowhere.slow());
    expect(unreachable).toMatchObject({ retry: true, code: 'UNAVAILABLE', message: expect.stringMatching(/^无法连接测试服务器/) });
    expect(unreachable.message).not.toContain('127.0.0.1');
  });

  it('types each call from its route', () => {
    const client = createRouteClient(api, { baseUrl: 'http://127.0.0.1:9', server: SERVER });
    const typed = () => {
      // @ts-expect-error the route has a path parameter and a body
      void client.echo({ body: { n: 1 } });
      // @ts-expect-error the body's n is a number
      void client.echo({ params: { id: 'x' }, body: { n: 'one' } });
      // @ts-expect-error the route has no path parameter called other
      void client.status({ params: { other: '1' } });
      const reply: Promise<Outcome<{ n: number }>> = client.wrongShape();
      return reply;
    };
    expect(typeof typed).toBe('function');
  });
});
