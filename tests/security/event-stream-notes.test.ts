import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createEventLog } from '../../src/hall/event-log.js';
import { HALL_EVENTS_PATH, HallStreamMessageSchema, type HallStreamMessage } from '../../src/shared/hall-api.js';
import { HallConfigSchema } from '../../src/shared/hall-config.js';
import { verifyChain } from '../../src/storage/audit-chain.js';
import { TEST_HALL } from '../helpers/hall-config.js';
import { useHallServers, type RunningHall } from '../helpers/hall-http.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { waitFor } from '../helpers/wait-for.js';

const startHall = useHallServers();
const tempDir = useTempDir('onewindow-notes-');
const sockets: WebSocket[] = [];
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.terminate();
});

const sha = (token: string) => createHash('sha256').update(token).digest('hex');
const TOKENS = {
  board: 'board-token-0123456789',
  kiosk: 'kiosk-token-0123456789',
  counter2: 'counter2-token-0123456789',
  counter5: 'counter5-token-0123456789',
};
const CONFIG = HallConfigSchema.parse({
  ...TEST_HALL,
  terminals: [
    { id: 'board-01', role: 'board', tokenSha256: sha(TOKENS.board) },
    { id: 'kiosk-01', role: 'kiosk', tokenSha256: sha(TOKENS.kiosk) },
    { id: 'counter-02', role: 'counter', window: 2, tokenSha256: sha(TOKENS.counter2) },
    { id: 'counter-05', role: 'counter', window: 5, tokenSha256: sha(TOKENS.counter5) },
  ],
});
const NOTE = '申请人王小明，身份证已核，需补税单';

/** Everything the stream sent, raw as it came over the wire, and parsed. */
function listen(base: string, token: string | null) {
  const raw: string[] = [];
  const messages: HallStreamMessage[] = [];
  const socket = new WebSocket(
    `${base.replace('http', 'ws')}${HALL_EVENTS_PATH}`,
    token ? { headers: { authorization: `Bearer ${token}` } } : {},
  );
  sockets.push(socket);
  socket.on('message', (data) => {
    raw.push(String(data));
    messages.push(HallStreamMessageSchema.parse(JSON.parse(String(data))));
  });
  const open = new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return { raw, messages, open, events: () => messages.flatMap((message) => (message.kind === 'event' ? [message.event] : [])) };
}

/** A number taken, called at window 2 and transferred to window 5 with a note that names the applicant. */
async function transferWithNote(hall: RunningHall, token: (name: keyof typeof TOKENS) => string | undefined) {
  await hall.post('/api/v1/tickets', { queueId: 'comprehensive', terminalId: 'k' }, token('kiosk'));
  expect((await hall.post('/api/v1/calls/next', { windowNumber: 2 }, token('counter2'))).status).toBe(200);
  const moved = await hall.post('/api/v1/calls/transfer', { windowNumber: 2, toWindowNumber: 5, note: NOTE }, token('counter2'));
  expect(moved.status).toBe(200);
}

describe('attack: a transfer note on the public screens', () => {
  it('never reaches a board or a kiosk, nor any kind they are not allowed; the counters get it', async () => {
    const hall = await startHall(CONFIG);
    const board = listen(hall.base, TOKENS.board);
    const kiosk = listen(hall.base, TOKENS.kiosk);
    const counter = listen(hall.base, TOKENS.counter5);
    await Promise.all([board.open, kiosk.open, counter.open]);
    await transferWithNote(hall, (name) => TOKENS[name]);

    for (const screen of [board, kiosk, counter]) await waitFor(() => screen.events().some((event) => event.type === 'ticket.transferred'));
    for (const screen of [board, kiosk]) {
      expect(screen.raw.join('\n')).not.toContain('王小明');
      expect(screen.events().map((event) => event.type)).toEqual(['ticket.issued', 'ticket.called', 'ticket.transferred']);
      for (const event of screen.events()) expect(Object.keys(event).sort()).toEqual(['at', 'seq', 'ticket', 'type', 'windowNumber']);
    }
    expect(counter.events().find((event) => event.type === 'ticket.transferred')).toMatchObject({
      windowNumber: 2,
      note: NOTE,
      ticket: expect.objectContaining({ windowNumber: 5 }),
    });
  });

  it('in the open development mode a stream without a role is treated as a public screen', async () => {
    const hall = await startHall(TEST_HALL);
    const anyone = listen(hall.base, null);
    await anyone.open;
    await transferWithNote(hall, () => undefined);
    await waitFor(() => anyone.events().some((event) => event.type === 'ticket.transferred'));
    expect(anyone.raw.join('\n')).not.toContain('王小明');
  });

  it('is kept only for the ticket’s day: retention clears it the next day, and the chain still verifies', async () => {
    const file = join(tempDir(), 'hall.db');
    let clock = new Date('2026-11-27T02:00:00Z');
    const first = await startHall(CONFIG, { reuse: file, now: () => clock });
    await transferWithNote(first, (name) => TOKENS[name]);
    expect(await first.store.get('SELECT count(*) AS n FROM hall_event_notes')).toEqual({ n: 1 });
    await first.stop();

    clock = new Date('2026-11-28T02:00:00Z');
    const next = await startHall(CONFIG, { reuse: file, now: () => clock });
    const rows = await next.store.all("SELECT * FROM hall_events WHERE type = 'ticket.transferred'");
    expect(JSON.stringify(rows)).not.toContain('王小明');
    expect(await next.store.get('SELECT count(*) AS n FROM hall_event_notes')).toEqual({ n: 0 });
    const chain: string[] = [];
    for await (const entry of createEventLog(next.store, () => clock).auditEntries()) chain.push(JSON.stringify(entry));
    expect(chain).toHaveLength(4); // the configuration, the number, the call, the transfer
    expect(verifyChain(chain).problems).toEqual([]);
  });
});
