import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startChildService } from '../scripts/child-service.js';
import { postgresAvailable, startPostgres } from '../tests/helpers/postgres.js';
import { percentile, round, writeResults } from './results-file.js';

const CLIENTS = 50;
const COUNTERS = 12;
const DURATION_MS = 8000;
const SUBSCRIBERS = 200;
const CALLS = 40;

/**
 * The demo hall without enrolled terminals and clerks (open API, no logins), daily caps or rate limits (one
 * address sends everything), as its own process: on a SQLite file (encrypted or not) or on PostgreSQL.
 */
async function startBenchHall(dir: string, database: { encrypted: boolean } | { postgres: string }) {
  const config = JSON.parse(readFileSync('resources/hall.demo.json', 'utf8')) as {
    terminals?: unknown;
    clerks?: unknown;
    rateLimit?: false;
    queues: { maxPerDay?: number; idRequired?: boolean }[];
  };
  delete config.terminals;
  delete config.clerks;
  config.rateLimit = false;
  for (const queue of config.queues) {
    queue.maxPerDay = 9999;
    queue.idRequired = false;
  }
  writeFileSync(join(dir, 'hall.json'), JSON.stringify(config));
  writeFileSync(join(dir, 'hall.key'), randomBytes(32).toString('hex'), { mode: 0o600 });
  const storage =
    'postgres' in database
      ? ['--database', database.postgres]
      : database.encrypted
        ? ['--db', join(dir, 'hall.db'), '--key-file', join(dir, 'hall.key')]
        : ['--db', join(dir, 'plain-hall.db'), '--unencrypted'];
  return startChildService(
    'bench hall',
    'src/hall/cli.ts',
    ['--config', join(dir, 'hall.json'), ...storage, '--port', '0'],
    join(dir, 'hall.log'),
  );
}

async function post(base: string, path: string, body: unknown): Promise<number> {
  const reply = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify(body),
  });
  await reply.arrayBuffer();
  return reply.status;
}

/** 38 kiosks issuing numbers and 12 counters calling and finishing, all at once, for a few seconds. */
async function throughput(base: string) {
  const latencies: number[] = [];
  let refused = 0;
  const end = Date.now() + DURATION_MS;
  const timed = async (op: () => Promise<number>) => {
    const t0 = performance.now();
    const status = await op();
    latencies.push(performance.now() - t0);
    if (status !== 200) refused++;
  };
  const kiosk = async (index: number) => {
    const queues = ['comprehensive', 'tax', 'real-estate', 'housing-fund', 'social-security'];
    for (let i = 0; Date.now() < end; i++)
      await timed(() => post(base, '/api/v1/tickets', { queueId: queues[(index + i) % queues.length], terminalId: `k${index}` }));
  };
  const counter = async (window: number) => {
    while (Date.now() < end) {
      await timed(() => post(base, '/api/v1/calls/next', { windowNumber: window }));
      await timed(() => post(base, '/api/v1/calls/finish', { windowNumber: window }));
    }
  };
  const t0 = performance.now();
  await Promise.all([
    ...Array.from({ length: CLIENTS - COUNTERS }, (_, i) => kiosk(i)),
    ...Array.from({ length: COUNTERS }, (_, i) => counter(i + 1)),
  ]);
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    clients: CLIENTS,
    seconds: round(seconds, 1),
    operations: latencies.length,
    operationsPerSecond: Math.round(latencies.length / seconds),
    refused,
    p50Ms: round(percentile(latencies, 50), 2),
    p99Ms: round(percentile(latencies, 99), 2),
  };
}

/** `count` listeners on the hall's event stream from `after`, each message handed to `onMessage`; resolves once all are open. */
function openStreams(base: string, count: number, after: number, onMessage: (data: WebSocket.RawData) => void): Promise<WebSocket[]> {
  return Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<WebSocket>((resolve, reject) => {
          const socket = new WebSocket(`${base.replace('http', 'ws')}/api/v1/events?after=${after}`);
          socket.on('message', onMessage);
          socket.once('open', () => resolve(socket));
          socket.once('error', reject);
        }),
    ),
  );
}

/** 200 boards and counters subscribed to the event stream; how long each call takes to reach each of them. */
async function fanOut(base: string) {
  const delays: number[] = [];
  const sockets = await openStreams(base, SUBSCRIBERS, 999999999, (data) => {
    const message = JSON.parse(String(data)) as { kind: string; event?: { type: string; at: string } };
    if (message.kind === 'event' && message.event!.type === 'ticket.called') delays.push(Date.now() - Date.parse(message.event!.at));
  });
  for (let i = 0; i < CALLS; i++) {
    await post(base, '/api/v1/tickets', { queueId: 'pickup', terminalId: 'bench' });
    await post(base, '/api/v1/calls/next', { windowNumber: 9 });
    await post(base, '/api/v1/calls/finish', { windowNumber: 9 });
  }
  const deadline = Date.now() + 5000;
  while (delays.length < SUBSCRIBERS * CALLS && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  for (const socket of sockets) socket.close();
  delays.sort((a, b) => a - b);
  return {
    subscribers: SUBSCRIBERS,
    calls: CALLS,
    delivered: delays.length,
    p50Ms: percentile(delays, 50),
    p99Ms: percentile(delays, 99),
    maxMs: delays.at(-1) ?? null,
  };
}

const OPEN_LOOP_RATE = 500;
const OPEN_LOOP_MS = 10_000;
const OPEN_LOOP_WINDOWS = 12;
const TICKET_QUEUES = ['comprehensive', 'tax', 'real-estate', 'housing-fund', 'social-security'];

/**
 * A hall's mix sent at a fixed 500 operations a second whatever the answers take, with 200 subscribers on the
 * event stream: of every 20, 8 tickets, 10 window operations (the 12 windows in turn, each calling, then finishing,
 * one finish in five a transfer instead) and 2 snapshots. Latency counts from when an operation was due, not from when
 * it went out, so a server falling behind shows in the figure instead of slowing the load down.
 */
async function openLoop(base: string) {
  const sockets = await openStreams(base, SUBSCRIBERS, 999999999, () => undefined);
  const total = (OPEN_LOOP_RATE * OPEN_LOOP_MS) / 1000;
  const latencies: number[] = [];
  const byKind: Record<string, number> = {};
  let refused = 0;
  const turns = Array.from({ length: OPEN_LOOP_WINDOWS }, () => 0);
  let windowOperations = 0;
  const operation = (i: number): [string, () => Promise<number>] => {
    const slot = i % 20;
    if (slot < 8)
      return ['ticket', () => post(base, '/api/v1/tickets', { queueId: TICKET_QUEUES[i % TICKET_QUEUES.length], terminalId: 'k' })];
    if (slot < 18) {
      const window = windowOperations++ % OPEN_LOOP_WINDOWS;
      const turn = turns[window]!++;
      const windowNumber = window + 1;
      if (turn % 2 === 0) return ['call', () => post(base, '/api/v1/calls/next', { windowNumber })];
      if (turn % 10 === 9) return ['transfer', () => post(base, '/api/v1/calls/transfer', { windowNumber, toQueueId: 'tax' })];
      return ['finish', () => post(base, '/api/v1/calls/finish', { windowNumber })];
    }
    return [
      'snapshot',
      async () => {
        const reply = await fetch(`${base}/api/v1/snapshot`);
        await reply.arrayBuffer();
        return reply.status;
      },
    ];
  };
  const sent: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < total;) {
    const now = performance.now();
    for (; i < total && start + (i * 1000) / OPEN_LOOP_RATE <= now; i++) {
      const due = start + (i * 1000) / OPEN_LOOP_RATE;
      const [kind, send] = operation(i);
      byKind[kind] = (byKind[kind] ?? 0) + 1;
      sent.push(
        send().then((status) => {
          latencies.push(performance.now() - due);
          // A window with no one waiting, or not serving when its finish comes, is refused: that is the mix, not a fault.
          if (status >= 500) refused++;
        }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(sent);
  const seconds = (performance.now() - start) / 1000;
  for (const socket of sockets) socket.close();
  latencies.sort((a, b) => a - b);
  return {
    ratePerSecond: OPEN_LOOP_RATE,
    subscribers: SUBSCRIBERS,
    operations: latencies.length,
    mix: byKind,
    seconds: round(seconds, 1),
    serverErrors: refused,
    p50Ms: round(percentile(latencies, 50), 2),
    p99Ms: round(percentile(latencies, 99), 2),
    maxMs: round(latencies.at(-1)!, 2),
  };
}

const STARTING_BOARDS = 50;
const HEALTH_PROBES = 200;

/** The health route's latency, one request after the other. */
async function healthLatency(base: string) {
  const latencies: number[] = [];
  for (let i = 0; i < HEALTH_PROBES; i++) {
    const t0 = performance.now();
    await (await fetch(`${base}/api/v1/health`)).arrayBuffer();
    latencies.push(performance.now() - t0);
  }
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, p50Ms: round(percentile(latencies, 50), 2), p99Ms: round(percentile(latencies, 99), 2) };
}

/**
 * 50 boards starting again and again (no position: `?after=0`, as every terminal start asked) on a hall with
 * the throughput run's history behind it, while the health route is asked; against the same route with none.
 * Each start gets `resync`, never the history: the messages each one got say so.
 */
async function healthUnderStartingBoards(base: string) {
  const none = await healthLatency(base);
  let starting = true;
  let starts = 0;
  let messages = 0;
  const boards = (async () => {
    while (starting) {
      const sockets = await openStreams(base, STARTING_BOARDS, 0, () => messages++);
      starts += sockets.length;
      await new Promise((resolve) => setTimeout(resolve, 50));
      for (const socket of sockets) socket.close();
    }
  })();
  const withBoards = await healthLatency(base);
  starting = false;
  await boards;
  return {
    none,
    withBoards: { ...withBoards, boards: STARTING_BOARDS, boardStarts: starts, messagesPerStart: round(messages / Math.max(starts, 1), 1) },
  };
}

async function throughputOnPostgres(dir: string) {
  const pg = await startPostgres();
  try {
    // The harness runs without fsync for the tests' speed; a fair comparison with SQLite's synchronous=FULL has it on.
    await pg.psql('ALTER SYSTEM SET fsync = on');
    await pg.psql('SELECT pg_reload_conf()');
    const hall = await startBenchHall(dir, { postgres: pg.url });
    try {
      return { ...(await throughput(hall.url)), openLoop: await openLoop(hall.url) };
    } finally {
      await hall.stop();
    }
  } finally {
    await pg.stop();
  }
}

export async function benchHall(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-bench-hall-'));
  // The same load on a plain database first, to say what encryption at rest costs, measured in this run.
  const plainHall = await startBenchHall(dir, { encrypted: false });
  const plain = await throughput(plainHall.url).finally(() => plainHall.stop());
  // The same load on PostgreSQL (one local server, a hall server in front of it), side by side in this run.
  const postgresql = postgresAvailable() ? await throughputOnPostgres(dir) : null;
  const hall = await startBenchHall(dir, { encrypted: true });
  try {
    const ops = await throughput(hall.url);
    const steady = await openLoop(hall.url);
    const health = await healthUnderStartingBoards(hall.url);
    const calls = await fanOut(hall.url);
    const encryption = {
      plainOperationsPerSecond: plain.operationsPerSecond,
      plainP99Ms: plain.p99Ms,
      throughputRatio: round(ops.operationsPerSecond / plain.operationsPerSecond),
    };
    return writeResults(
      'hall',
      {
        throughput: ops,
        openLoop: steady,
        fanOut: calls,
        health,
        encryption,
        postgresql: postgresql && {
          ...postgresql,
          throughputRatioToSqlite: round(postgresql.operationsPerSecond / ops.operationsPerSecond),
        },
        note: 'hall server (database encrypted, as shipped) in its own process; clients and subscribers in the bench process, on loopback; throughput: 50 closed-loop clients at saturation; openLoop: a fixed rate of the mix, latency from when each operation was due; postgresql: the same runs on a hall server over a local PostgreSQL 15 with fsync on',
      },
      [
        { figure: 'throughput.operationsPerSecond', limit: 1000, unit: 'ops/s', met: ops.operationsPerSecond >= 1000 },
        { figure: 'throughput.p99Ms', limit: 50, unit: 'ms', met: ops.p99Ms <= 50 },
        { figure: 'openLoop.p99Ms', limit: 10, unit: 'ms', met: steady.p99Ms <= 10 && steady.serverErrors === 0 },
        ...(postgresql
          ? [
              {
                figure: 'postgresql.openLoop.p99Ms',
                limit: 15,
                unit: 'ms',
                met: postgresql.openLoop.p99Ms <= 15 && postgresql.openLoop.serverErrors === 0,
              },
            ]
          : []),
        { figure: 'fanOut.p99Ms', limit: 100, unit: 'ms', met: calls.p99Ms <= 100 && calls.delivered === SUBSCRIBERS * CALLS },
        // A start is sent resync and heartbeats, not the history: a few messages each, whatever the day behind it.
        {
          figure: 'health.withBoards.p99Ms',
          limit: 50,
          unit: 'ms',
          met: health.withBoards.p99Ms <= 50 && health.withBoards.messagesPerStart <= 3,
        },
      ],
    );
  } finally {
    await hall.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
