import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { startChildService, type ChildService } from '../../scripts/child-service.js';
import { HALL_EVENTS_PATH } from '../../src/shared/hall-api.js';
import type { HallEvent } from '../../src/shared/hall-events.js';
import { followHallEvents } from '../../src/terminal/hall-events-client.js';
import { TEST_HALL } from '../helpers/hall-config.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { runTool } from '../helpers/run-cli.js';
import { waitFor } from '../helpers/wait-for.js';

const tempDir = useTempDir('onewindow-hall-cli-');
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The hall server as it runs in a hall: its own process, started by its CLI. */
async function startHallProcess(dir: string, port = 0): Promise<ChildService> {
  const config = join(dir, 'hall.json');
  writeFileSync(config, JSON.stringify(TEST_HALL));
  const hall = await startChildService(
    'hall server',
    'src/hall/cli.ts',
    ['--config', config, '--db', join(dir, 'hall.db'), '--unencrypted', '--port', String(port)],
    join(dir, 'hall.log'),
  );
  cleanups.push(() => hall.stop());
  return hall;
}

function openStream(url: string): Promise<{ socket: WebSocket; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}${HALL_EVENTS_PATH}?after=0`);
    const closed = new Promise<number>((done) => socket.once('close', (code) => done(code)));
    socket.once('open', () => resolve({ socket, closed }));
    socket.once('error', reject);
  });
}

const issueTicket = (url: string) =>
  fetch(`${url}/api/v1/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({ queueId: 'comprehensive', terminalId: 'k1' }),
  });

/** A county's file naming its two halls, xinhe.json and dongba.json beside it. */
const writeCluster = (dir: string) =>
  writeFileSync(
    join(dir, 'county.json'),
    JSON.stringify({
      halls: [
        { id: 'xinhe', config: 'xinhe.json' },
        { id: 'dongba', config: 'dongba.json' },
      ],
    }),
  );

// Each test starts Node processes through tsx, which takes seconds on a busy machine.
describe('hall server process', { timeout: 60_000 }, () => {
  it('on SIGTERM closes its event streams saying it restarts, and exits', async () => {
    const hall = await startHallProcess(tempDir());
    const stream = await openStream(hall.url);
    hall.process.kill('SIGTERM');
    expect(await stream.closed).toBe(1012);
    expect(await hall.exited).toBe(0);
  });

  it('on SIGINT exits as well', async () => {
    const hall = await startHallProcess(tempDir());
    await openStream(hall.url);
    hall.process.kill('SIGINT');
    expect(await hall.exited).toBe(0);
  });

  it('a terminal following its events follows the hall started in its place, and hears the next call', async () => {
    const dir = tempDir();
    const first = await startHallProcess(dir);
    const events: HallEvent[] = [];
    const links: boolean[] = [];
    const follower = followHallEvents(first.url, () => undefined, {
      event: (event) => events.push(event),
      resync: () => undefined,
      connected: (connected) => links.push(connected),
    });
    follower.start();
    cleanups.push(() => follower.stop());
    await waitFor(() => links.at(-1) === true);
    await issueTicket(first.url);
    await waitFor(() => events.some((event) => event.type === 'ticket.issued'));

    first.process.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    await waitFor(() => links.at(-1) === false);
    const second = await startHallProcess(dir, Number(new URL(first.url).port));
    await waitFor(() => links.at(-1) === true, 10_000);
    await issueTicket(second.url);
    await (
      await fetch(`${second.url}/api/v1/calls/next`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ windowNumber: 2 }),
      })
    ).json();
    await waitFor(() => events.some((event) => event.type === 'ticket.called'), 10_000);
    expect(events.filter((event) => event.type === 'ticket.issued').map((event) => event.ticket?.ticketNumber)).toEqual(['A001', 'A002']);
    expect(events.find((event) => event.type === 'ticket.called')?.ticket?.ticketNumber).toBe('A001');
  });

  it('serves a county cluster from its file: each hall under its path, and a SIGTERM closes every hall’s streams saying it restarts', async () => {
    const dir = tempDir();
    for (const [id, name] of [
      ['xinhe', '新河镇便民服务中心'],
      ['dongba', '东坝镇便民服务中心'],
    ])
      writeFileSync(join(dir, `${id}.json`), JSON.stringify({ ...TEST_HALL, hallName: name }));
    writeCluster(dir);
    const cluster = await startChildService(
      'hall cluster',
      'src/hall/cli.ts',
      ['--cluster', join(dir, 'county.json'), '--data-dir', join(dir, 'halls'), '--unencrypted', '--port', '0'],
      join(dir, 'cluster.log'),
    );
    cleanups.push(() => cluster.stop());
    const numberAt = async (hall: string) =>
      ((await (await issueTicket(`${cluster.url}/halls/${hall}`)).json()) as { ticketNumber: string }).ticketNumber;
    expect([await numberAt('xinhe'), await numberAt('dongba'), await numberAt('xinhe')]).toEqual(['A001', 'A001', 'A002']);
    const streams = await Promise.all([openStream(`${cluster.url}/halls/xinhe`), openStream(`${cluster.url}/halls/dongba`)]);
    cluster.process.kill('SIGTERM');
    expect(await Promise.all(streams.map((stream) => stream.closed))).toEqual([1012, 1012]);
    expect(await cluster.exited).toBe(0);
  });

  it('refuses a cluster file where two halls share an idHashKey, naming both', async () => {
    const dir = tempDir();
    const key = 'one-key-for-two-halls-0123456789';
    for (const id of ['xinhe', 'dongba']) writeFileSync(join(dir, `${id}.json`), JSON.stringify({ ...TEST_HALL, idHashKey: key }));
    writeCluster(dir);
    const result = await runTool('src/hall/cli.ts', ['--cluster', join(dir, 'county.json'), '--unencrypted', '--port', '0']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('大厅 xinhe 与 dongba 使用了同一个 idHashKey');
  });
});
