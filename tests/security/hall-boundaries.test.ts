import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createEventLog } from '../../src/hall/event-log.js';
import { createHallServer } from '../../src/hall/server.js';
import { createSqliteHallStore } from '../../src/hall/storage/sqlite-store.js';
import { HALL_MIGRATIONS } from '../../src/hall/storage/migrations.js';
import { createTerminalRegistry } from '../../src/hall/terminal-registry.js';
import { LOG_REDACTION } from '../../src/shared/log-redaction.js';
import { HallConfigSchema } from '../../src/shared/hall-config.js';
import { openDatabase } from '../../src/storage/sqlite.js';
import { TEST_HALL } from '../helpers/hall-config.js';
import { useHallServers } from '../helpers/hall-http.js';

const startHall = useHallServers();
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const KIOSK = 'kiosk-01-token-0123456789';
const CONFIG = HallConfigSchema.parse({ ...TEST_HALL, terminals: [{ id: 'kiosk-01', role: 'kiosk', tokenSha256: sha(KIOSK) }] });
const APPLICATION = {
  request: { kind: 'item', code: '11440300MB2C92179L4442111004000', answers: {} },
  title: '个体工商户设立登记',
  formId: 'f1',
  catalogVersion: 'v1',
};

const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0)) await close();
});

const send = (base: string, path: string, init: RequestInit & { token?: string } = {}) =>
  fetch(base + path, {
    ...init,
    headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.headers as Record<string, string>) },
  });

/** A raw request, for what fetch will not send (a broken request line). */
function raw(port: number, text: string): Promise<string> {
  return new Promise((done) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
    let reply = '';
    socket.on('data', (chunk) => (reply += chunk.toString()));
    socket.on('close', () => done(reply));
    socket.on('error', () => done(reply));
  });
}

const ERROR_BODY = { error: { code: expect.stringMatching(/^[A-Z_]+$/), message: expect.stringMatching(/^[\u4e00-\u9fff].* \/ /) } };

describe('the hall’s boundaries, attacked over HTTP', () => {
  it('answers Fastify’s own refusals with {error:{code,message}}, Chinese first', async () => {
    const hall = await startHall(CONFIG);
    const json = { 'content-type': 'application/json' };
    const cases: [string, Promise<Response>, number][] = [
      ['bad JSON', send(hall.base, '/api/v1/tickets', { method: 'POST', headers: json, body: '{"queueId":', token: KIOSK }), 400],
      ['empty JSON', send(hall.base, '/api/v1/tickets', { method: 'POST', headers: json, body: '', token: KIOSK }), 400],
      [
        'text body',
        send(hall.base, '/api/v1/tickets', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'tax', token: KIOSK }),
        415,
      ],
      [
        'unsupported media type',
        send(hall.base, '/api/v1/tickets', { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<a/>', token: KIOSK }),
        415,
      ],
      [
        'too large',
        send(hall.base, '/api/v1/tickets', {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ queueId: 'x'.repeat(70_000) }),
          token: KIOSK,
        }),
        413,
      ],
      ['no such path', send(hall.base, '/api/v1/nothing', { token: KIOSK }), 404],
      ['wrong method', send(hall.base, '/api/v1/tickets', { method: 'DELETE', token: KIOSK }), 405],
    ];
    for (const [what, reply, status] of cases) {
      const answered = await reply;
      expect({ what, status: answered.status, body: await answered.json() }).toEqual({ what, status, body: ERROR_BODY });
    }
    const port = Number(new URL(hall.base).port);
    const broken = await raw(port, 'NOT-HTTP\r\n\r\n');
    expect(broken).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(broken.slice(broken.indexOf('\r\n\r\n') + 4))).toEqual(ERROR_BODY);
  });

  it('authenticates before it validates: a bad body without a token gets 401, not the schema', async () => {
    const hall = await startHall(CONFIG);
    const reply = await hall.post('/api/v1/tickets', { queueId: 42, extra: 'x' });
    expect(reply.status).toBe(401);
    expect(reply.body.error?.message).not.toMatch(/queueId|expected/);
  });

  it('takes no token from the query string', async () => {
    const hall = await startHall(CONFIG);
    expect((await send(hall.base, `/api/v1/queues?token=${KIOSK}`)).status).toBe(401);
    expect((await send(hall.base, '/api/v1/queues', { token: KIOSK })).status).toBe(200);
  });

  it('logs no token, from the header, the query or a ticket page’s link', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info', redact: LOG_REDACTION }, { write: (line: string) => lines.push(line) });
    const store = createSqliteHallStore(openDatabase(':memory:', HALL_MIGRATIONS), ':memory:');
    const app = createHallServer({ config: CONFIG, store, logger });
    await app.listen({ port: 0, host: '127.0.0.1' });
    closing.push(async () => {
      await app.close();
      await store.close();
    });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    await send(base, '/api/v1/queues', { token: KIOSK });
    await send(base, '/api/v1/queues?token=query-secret-0123456789');
    await send(base, '/t/page-secret-0123456789abcdefghij');
    await send(base, '/api/v1/tickets', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{', token: KIOSK });
    expect(lines.join('\n')).toContain('incoming request');
    expect(lines.join('\n')).not.toMatch(/kiosk-01-token|query-secret|page-secret/);
  });

  it('does not name the terminal an enrolment code was issued for', async () => {
    const hall = await startHall(CONFIG);
    const registry = createTerminalRegistry(
      hall.store,
      CONFIG.terminals,
      createEventLog(hall.store, () => new Date()),
      () => new Date(),
    );
    const { code } = await registry.createEnrolmentCode({ id: 'counter-07', role: 'counter', window: 5 });
    const wrong = await hall.post('/api/v1/terminals/enrol', { code, terminalId: 'kiosk-09' });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error?.message).not.toContain('counter-07');
  });

  it('bounds pre-filled answers in number and size, saying so in Chinese', async () => {
    const hall = await startHall(CONFIG);
    const many = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`f${i}`, '是']));
    const tooMany = await hall.post('/api/v1/prefills', { application: { ...APPLICATION, values: many } }, KIOSK);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error?.message).toContain('预填表单最多 100 项');
    const long = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`f${i}`, 'a'.repeat(500)]));
    const tooLong = await hall.post('/api/v1/prefills', { application: { ...APPLICATION, values: long } }, KIOSK);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error?.message).toContain('预填内容合计最多');
    const real = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`f${i}`, '字'.repeat(50)]));
    expect((await hall.post('/api/v1/prefills', { application: { ...APPLICATION, values: real } }, KIOSK)).status).toBe(200);
  });
});
