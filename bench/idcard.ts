import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeCard, encodeCardText, splitReadReply } from '../src/devices/idcard/card-text.js';
import { SamFrameDecoder } from '../src/devices/idcard/frame-decoder.js';
import { encodeReply, encodeRequest, SW3 } from '../src/devices/idcard/protocol.js';
import { SamClient } from '../src/devices/idcard/sam-client.js';
import { SamSimulator, SimulatorCardSchema } from '../src/devices/idcard/simulator.js';
import { openSerialChannel } from '../src/devices/serial/channel.js';
import { percentile, round, writeResults } from './results-file.js';

const BAUD = 115200;
const READS = 30;

/**
 * A card read (find + select + read) against the simulator over a real pty pair at 115200 baud, the
 * simulator pacing its replies as the line would, compared with the bytes' own time on the wire. A pty
 * carries the driver's three 10-byte requests at once, so the measured time can undercut the wire time
 * by up to their 2.6 ms.
 */
async function readTimes(): Promise<{ times: number[]; wireMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-bench-pty-'));
  const device = join(dir, 'device');
  const host = join(dir, 'host');
  const socat = spawn('socat', [`pty,raw,echo=0,link=${device}`, `pty,raw,echo=0,link=${host}`], { stdio: 'ignore' });
  try {
    while (!(existsSync(device) && existsSync(host))) await new Promise((resolve) => setTimeout(resolve, 20));
    const card = SimulatorCardSchema.parse(JSON.parse(readFileSync('resources/idcard/cards/resident.json', 'utf8')));
    const simulator = new SamSimulator(await openSerialChannel(device, BAUD), { card, baud: BAUD });
    const channel = await openSerialChannel(host, BAUD);
    const client = new SamClient(channel);
    const times: number[] = [];
    for (let i = 0; i < READS + 2; i++) {
      simulator.placeCard(card);
      const t0 = performance.now();
      const found = await client.command('findCard', 1000);
      const selected = await client.command('selectCard', 1000);
      const read = await client.command('readTextPhoto', 3000);
      const elapsed = performance.now() - t0;
      if (found.sw3 !== SW3.FIND_OK || selected.sw3 !== SW3.OK || read.sw3 !== SW3.OK) throw new Error('the simulated read failed');
      if (i >= 2) times.push(elapsed);
    }
    client.dispose();
    await channel.close();
    await simulator.close();
    const bytes =
      3 * encodeRequest('findCard').length +
      encodeReply(SW3.FIND_OK, Buffer.alloc(4)).length +
      encodeReply(SW3.OK, Buffer.alloc(8)).length +
      encodeReply(SW3.OK, Buffer.alloc(4 + 256 + 1024)).length;
    return { times: times.sort((a, b) => a - b), wireMs: (bytes * 10 * 1000) / BAUD };
  } finally {
    socat.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Frame decoding and card decoding throughput over many read replies fed in 4 KB chunks. */
function decoderThroughput(): { frameMBps: number; cardsPerSecond: number } {
  const card = SimulatorCardSchema.parse(JSON.parse(readFileSync('resources/idcard/cards/resident.json', 'utf8')));
  const header = Buffer.from([0x01, 0x00, 0x04, 0x00]);
  const reply = encodeReply(SW3.OK, Buffer.concat([header, encodeCardText(card), Buffer.from(card.photo.wlt, 'base64')]));
  const stream = Buffer.concat(Array.from({ length: 16_000 }, () => reply));
  const decoder = new SamFrameDecoder();
  let frames = 0;
  const t0 = performance.now();
  for (let offset = 0; offset < stream.length; offset += 4096) {
    for (const event of decoder.push(stream.subarray(offset, offset + 4096))) if (event.kind === 'frame') frames++;
  }
  const seconds = (performance.now() - t0) / 1000;
  if (frames !== 16_000) throw new Error(`decoded ${frames} frames of 16000`);
  const body = reply.subarray(10, reply.length - 1);
  const t1 = performance.now();
  for (let i = 0; i < 20_000; i++) decodeCard(splitReadReply(body, false));
  const cardSeconds = (performance.now() - t1) / 1000;
  return { frameMBps: round(stream.length / 1e6 / seconds, 1), cardsPerSecond: Math.round(20_000 / cardSeconds) };
}

export async function benchIdCard(): Promise<string> {
  const { times, wireMs } = await readTimes();
  const p50 = percentile(times, 50);
  const p95 = percentile(times, 95);
  const limit = wireMs * 1.15 + 5;
  const throughput = decoderThroughput();
  return writeResults(
    'idcard',
    {
      read: {
        baud: BAUD,
        reads: READS,
        unit: 'ms',
        wireMs: round(wireMs, 1),
        p50: round(p50, 1),
        p95: round(p95, 1),
        max: round(times.at(-1)!, 1),
        overheadP50Ms: round(p50 - wireMs, 1),
      },
      decoder: throughput,
    },
    [
      { figure: 'read.p50', limit: round(limit, 1), unit: 'ms (wire × 1.15 + 5)', met: p50 <= limit },
      { figure: 'decoder.frameMBps', limit: 50, unit: 'MB/s', met: throughput.frameMBps >= 50 },
    ],
  );
}
