import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChildService } from '../scripts/child-service.js';
import type { CaseDraft } from '../src/shared/cases.js';
import { openCaseDatabase } from '../src/terminal/cases/case-db.js';
import { createCaseStore } from '../src/terminal/cases/case-store.js';
import { createMaterialStore } from '../src/terminal/cases/material-store.js';
import { createPlatformClient } from '../src/terminal/cases/platform-client.js';
import { createSyncEngine } from '../src/terminal/cases/sync-engine.js';
import { httpCall } from '../src/http-client/http-call.js';
import { percentile, round, writeResults } from './results-file.js';

const CASES = Number(process.env.ONEWINDOW_BENCH_CASES ?? 10_000);
const MATERIAL_BYTES = 50 * 1024;
const CONCURRENCY = Number(process.env.ONEWINDOW_BENCH_CONCURRENCY ?? 16);
const SECRET = 'bench-counter-platform-secret';

const draft: CaseDraft = {
  itemCode: '11440300007542037X4440117009000',
  itemName: '不动产登记（转移登记）',
  caseType: '2',
  promisedDays: 5,
  applicant: { name: '张三', certificateType: '111', certificateNumber: '11010519491231002X', mobile: '13800138000' },
  materials: [],
};

/** The same payloads, over the same HTTP client, to a server that only reads and answers: what loopback HTTP itself allows. */
async function rawLoopback(cases: number, op: string): Promise<number> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('{"ok":true}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const page = randomBytes(MATERIAL_BYTES);
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < cases) {
        await httpCall(url, 'PATCH', { 'content-type': 'application/offset+octet-stream' }, page, 15_000);
        await httpCall(url, 'PATCH', { 'content-type': 'application/offset+octet-stream' }, page, 15_000);
        await httpCall(url, 'POST', { 'content-type': 'application/json' }, op, 15_000);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  server.close();
  return cases / seconds;
}

/**
 * A counter's backlog after an outage: 10,000 cases with two 50 KB pages each registered while the
 * platform is unreachable, then drained to the reference platform (its own process, on loopback).
 */
export async function benchCases(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-bench-cases-'));
  try {
    const key = randomBytes(32);
    const db = openCaseDatabase(join(dir, 'terminal'), key);
    const store = createCaseStore({
      db,
      materials: createMaterialStore(join(dir, 'terminal', 'materials'), key),
      terminalId: 'counter-bench',
      timeZone: 'Asia/Shanghai',
    });

    const registerMs: number[] = [];
    for (let i = 0; i < CASES; i++) {
      const t0 = performance.now();
      const first = store.stageMaterial(randomBytes(MATERIAL_BYTES), 'image/jpeg');
      const second = store.stageMaterial(randomBytes(MATERIAL_BYTES), 'image/jpeg');
      store.register(
        {
          ...draft,
          materials: [
            { name: '不动产权证书', received: true, form: 'original', count: 1, files: [first] },
            { name: '买卖合同', received: true, form: 'copy', count: 1, files: [second] },
          ],
        },
        { id: 'c001' },
      );
      registerMs.push(performance.now() - t0);
    }
    registerMs.sort((a, b) => a - b);

    const config = {
      terminals: [
        { id: 'counter-bench', secretSha256: createHash('sha256').update(SECRET).digest('hex'), hall: 'bench-hall', role: 'counter' },
      ],
      timeZone: 'Asia/Shanghai',
    };
    writeFileSync(join(dir, 'platform.json'), JSON.stringify(config));
    const platform = await startChildService(
      'bench platform',
      'src/platform/cli.ts',
      ['--config', join(dir, 'platform.json'), '--data', join(dir, 'platform'), '--port', '0'],
      join(dir, 'platform.log'),
    );
    const engine = createSyncEngine({
      db,
      store,
      client: createPlatformClient({ baseUrl: platform.url, terminalId: 'counter-bench', secret: SECRET }),
      concurrency: CONCURRENCY,
      changesIntervalMs: 3_600_000,
    });
    const t0 = performance.now();
    engine.start();
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (engine.state().backlog === 0) {
          clearInterval(timer);
          resolve();
        }
      }, 50);
    });
    const drainSeconds = (performance.now() - t0) / 1000;
    const deadLetters = engine.state().deadLetters;
    await engine.stop();
    await platform.stop();
    db.close();

    const casesPerSecond = CASES / drainSeconds;
    const rawCasesPerSecond = await rawLoopback(
      Math.min(CASES, 3000),
      JSON.stringify({ kind: 'case.submit', case: draft, pad: 'x'.repeat(1200) }),
    );
    return writeResults(
      'cases',
      {
        cases: CASES,
        materialsPerCase: 2,
        materialBytes: MATERIAL_BYTES,
        concurrency: CONCURRENCY,
        registerWithTwoMaterials: {
          p50Ms: round(percentile(registerMs, 50), 2),
          p99Ms: round(percentile(registerMs, 99), 2),
          maxMs: round(registerMs.at(-1)!, 2),
        },
        drain: { seconds: round(drainSeconds, 1), casesPerSecond: Math.round(casesPerSecond), deadLetters },
        rawLoopbackSamePayloads: { casesPerSecond: Math.round(rawCasesPerSecond) },
        drainVsRawLoopback: round(casesPerSecond / rawCasesPerSecond, 3),
      },
      [
        { figure: 'drain.casesPerSecond', limit: 200, unit: 'cases/s (at least)', met: casesPerSecond >= 200 },
        { figure: 'registerWithTwoMaterials.p99Ms', limit: 20, unit: 'ms (at most)', met: percentile(registerMs, 99) <= 20 },
      ],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
