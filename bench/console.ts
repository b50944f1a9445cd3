import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLiveConfig } from '../src/hall/live-config.js';
import { createStats } from '../src/hall/stats.js';
import { HALL_MIGRATIONS } from '../src/hall/storage/migrations.js';
import { createSqliteHallStore } from '../src/hall/storage/sqlite-store.js';
import { HallConfigSchema } from '../src/shared/hall-config.js';
import { openDatabase } from '../src/storage/sqlite.js';
import { percentile, round, writeResults } from './results-file.js';

const DAYS = 90;
const WINDOWS = 100;
const QUEUES = 20;
const TICKETS_PER_DAY = 3334;
const LIMIT_MS = 300;

const config = HallConfigSchema.parse({
  hallName: '基准大厅',
  queues: Array.from({ length: QUEUES }, (_, i) => ({ id: `q${i}`, name: `队列${i}`, prefix: String.fromCharCode(65 + i) })),
  windows: Array.from({ length: WINDOWS }, (_, i) => ({ number: i + 1, name: `窗口${i + 1}`, queues: [{ queueId: `q${i % QUEUES}` }] })),
});

/**
 * The console's statistics over 90 days of a 100-window hall: about 300,000 tickets, each issued, called
 * and finished (900,000 events, written straight into the log), then each view the console opens timed:
 * one day, a week, a month, the whole 90 days. The first look at the 90 days counts each settled day from
 * the log and keeps it (firstNinetyDaysMs); the views are timed after it, each ending with today, whose last
 * three days are counted from the log every time.
 */
export async function benchConsole(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-bench-console-'));
  try {
    const file = join(dir, 'hall.db');
    const db = openDatabase(file, HALL_MIGRATIONS);
    const insert = db.prepare('INSERT INTO hall_events (at, type, payload, actor) VALUES (?, ?, ?, ?)');
    const start = Date.parse('2026-09-01T00:30:00Z');
    db.transaction(() => {
      for (let day = 0; day < DAYS; day++) {
        for (let i = 0; i < TICKETS_PER_DAY; i++) {
          const queue = i % QUEUES;
          const windowNumber = (i % WINDOWS) + 1;
          const issued = start + day * 86_400_000 + Math.floor((i / TICKETS_PER_DAY) * 8 * 3_600_000);
          const ticket = {
            ticketId: `t${day}-${i}`,
            ticketNumber: `${String.fromCharCode(65 + queue)}${String(i).padStart(3, '0')}`,
            queueId: `q${queue}`,
            queueName: `队列${queue}`,
            windowNumber,
            windowName: `窗口${windowNumber}`,
            announcement: null,
            offline: false,
            issuedAt: new Date(issued).toISOString(),
          };
          const called = issued + (5 + (i % 25)) * 60_000;
          const finished = called + (3 + (i % 12)) * 60_000;
          insert.run(
            new Date(issued).toISOString(),
            'ticket.issued',
            JSON.stringify({ ticket: { ...ticket, windowNumber: null, windowName: null }, windowNumber: null }),
            'kiosk-01',
          );
          insert.run(new Date(called).toISOString(), 'ticket.called', JSON.stringify({ ticket, windowNumber }), `counter-${windowNumber}`);
          insert.run(
            new Date(finished).toISOString(),
            'ticket.finished',
            JSON.stringify({ ticket, windowNumber }),
            `counter-${windowNumber}`,
          );
        }
      }
    })();
    const store = createSqliteHallStore(db, file);
    // The hall's service day is the 90th: it and the two before it are counted from the log at every look, the others kept.
    const stats = createStats(store, createLiveConfig(config), () => '2026-11-29');
    const t0 = performance.now();
    await stats.forRange('2026-09-01', '2026-11-29');
    const firstNinetyDaysMs = round(performance.now() - t0, 0);
    const timed = async (from: string, to: string, runs: number) => {
      const times: number[] = [];
      for (let run = 0; run < runs; run++) {
        const t0 = performance.now();
        await stats.forRange(from, to);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      return { p50Ms: round(percentile(times, 50), 1), p99Ms: round(percentile(times, 99), 1), runs };
    };
    const views = {
      day: await timed('2026-11-29', '2026-11-29', 20),
      week: await timed('2026-11-23', '2026-11-29', 10),
      month: await timed('2026-10-31', '2026-11-29', 5),
      ninetyDays: await timed('2026-09-01', '2026-11-29', 5),
    };
    const worst = Math.max(...Object.values(views).map((view) => view.p99Ms));
    await store.close();
    return writeResults(
      'console',
      { tickets: DAYS * TICKETS_PER_DAY, events: DAYS * TICKETS_PER_DAY * 3, windows: WINDOWS, queues: QUEUES, firstNinetyDaysMs, views },
      [{ figure: 'views.*.p99Ms', limit: LIMIT_MS, unit: 'ms (at most, every view)', met: worst <= LIMIT_MS }],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
