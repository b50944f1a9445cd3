import { readdirSync, writeFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Emitter } from '../events.js';
import { EscPosDecoder, transcript } from './decoder.js';
import type { LaidOut } from './layout.js';
import { previewPng } from './preview.js';
import { canPrint, READY, statusBytes, type PrinterStatus } from './status.js';
import { makePrivateDir } from '../../storage/private-files.js';

export const VIRTUAL_CONDITIONS = ['ready', 'paper-near-end', 'paper-end', 'cover-open', 'offline'] as const;
export type VirtualCondition = (typeof VIRTUAL_CONDITIONS)[number];

const CONDITIONS: Record<VirtualCondition, PrinterStatus> = {
  ready: READY,
  'paper-near-end': { ...READY, paperNearEnd: true },
  'paper-end': { ...READY, online: false, paperEnd: true },
  'cover-open': { ...READY, online: false, coverOpen: true },
  offline: { ...READY, online: false },
};

export interface VirtualJob {
  seq: number;
  items: LaidOut[];
  transcript: string;
  /** Files written for the job (without extension): .txt always, .png once rendered. */
  basePath: string | null;
  /** Bytes that arrived while the printer could not print: a real one would lose them too. */
  droppedBytes: number;
}

export interface VirtualPrinterOptions {
  port?: number;
  host?: string;
  /** Where each job's transcript and PNG go; no files without it. */
  outDir?: string;
  paperDots?: number;
  condition?: VirtualCondition;
}

export interface VirtualPrinter extends Emitter<{ job: VirtualJob; bytes: number }> {
  readonly url: string;
  readonly jobs: VirtualJob[];
  setCondition(condition: VirtualCondition): void;
  close(): Promise<void>;
}

/**
 * A network receipt printer in software (TCP 9100, like the real ones): it decodes what it receives
 * with the ESC/POS decoder, answers DLE EOT with the status of its scripted condition, and writes each
 * job — ended by a cut or by the connection closing — as a text transcript and a PNG of the paper.
 */
/** How long the printer is idle before it draws the pictures of the jobs it took. */
const DRAW_AFTER_IDLE_MS = 500;

export async function startVirtualPrinter(options: VirtualPrinterOptions = {}): Promise<VirtualPrinter> {
  const emitter = new Emitter<{ job: VirtualJob; bytes: number }>();
  const jobs: VirtualJob[] = [];
  let condition: VirtualCondition = options.condition ?? 'ready';
  if (options.outDir) makePrivateDir(options.outDir);
  // Numbered on from the slips already there: a printer started again (the demo's next morning) overwrites none of them.
  let seq = options.outDir ? Math.max(0, ...readdirSync(options.outDir).map((name) => Number(/^job-(\d+)\.txt$/.exec(name)?.[1] ?? 0))) : 0;

  function finishJob(items: LaidOut[], droppedBytes: number): void {
    if (items.length === 0 && droppedBytes === 0) return;
    seq += 1;
    const text = transcript(items);
    const basePath = options.outDir ? join(options.outDir, `job-${String(seq).padStart(4, '0')}`) : null;
    if (basePath) writeFileSync(`${basePath}.txt`, `${text}\n`, { mode: 0o600 });
    const job: VirtualJob = { seq, items, transcript: text, basePath, droppedBytes };
    jobs.push(job);
    emitter.emit('job', job);
    if (basePath && items.length) {
      toDraw.push({ items, basePath });
      clearTimeout(drawTimer);
      drawTimer = setTimeout(() => void drawPictures(), DRAW_AFTER_IDLE_MS);
    }
  }

  /**
   * The pictures take about half a second of a core each (CJK text shaping): drawn off the event loop, one
   * at a time, once the printer has been idle a moment, so a slip printed in a burst (a kiosk's morning)
   * does not wait on the last one's picture. A real printer has no such cost; this one must not add it.
   */
  const toDraw: { items: LaidOut[]; basePath: string }[] = [];
  let drawTimer: ReturnType<typeof setTimeout> | undefined;
  let drawing: Promise<void> = Promise.resolve();
  function drawPictures(): Promise<void> {
    drawing = drawing.then(async () => {
      for (let next = toDraw.shift(); next; next = toDraw.shift()) {
        const { items, basePath } = next;
        try {
          const png = await previewPng(items, options.paperDots ?? 576);
          // Renamed into place: whoever waits for the picture never reads half of one.
          await writeFile(`${basePath}.png.part`, png, { mode: 0o600 });
          await rename(`${basePath}.png.part`, `${basePath}.png`);
        } catch (error) {
          console.error(`virtual printer: the picture of ${basePath} was not drawn: ${(error as Error).message}`);
        }
      }
    });
    return drawing;
  }

  const sockets = new Set<Socket>();
  const server: Server = createServer((socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    const decoder = new EscPosDecoder();
    let items: LaidOut[] = [];
    let dropped = 0;
    socket.on('data', (chunk) => {
      emitter.emit('bytes', chunk.length);
      const status = CONDITIONS[condition];
      for (const event of decoder.push(chunk)) {
        if (event.kind === 'status-request') {
          socket.write(Buffer.from([statusBytes(status)[event.n - 1] ?? 0x12]));
        } else if (event.kind === 'item') {
          if (!canPrint(status)) {
            dropped += 1;
            continue;
          }
          if (event.item.kind === 'cut') {
            finishJob([...items, event.item], dropped);
            items = [];
            dropped = 0;
          } else {
            items.push(event.item);
          }
        }
      }
    });
    socket.on('close', () => finishJob(items, dropped));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return Object.assign(emitter, {
    url: `tcp://${address.address}:${address.port}`,
    jobs,
    setCondition(next: VirtualCondition) {
      condition = next;
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      // What was printed is drawn before the printer is gone, as a test or the demo reads the pictures after.
      clearTimeout(drawTimer);
      await drawPictures();
    },
  });
}
