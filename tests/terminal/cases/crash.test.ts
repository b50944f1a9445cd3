import Database from 'better-sqlite3-multiple-ciphers';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { openCaseDatabase } from '../../../src/terminal/cases/case-db.js';
import { seededRandom } from '../../helpers/fault-proxy.js';
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const RUNS = Number(process.env.ONEWINDOW_CRASH_RUNS ?? 200);
const tempDir = useTempDir('onewindow-crash-');
let platform: TestPlatform | undefined;
afterEach(async () => platform?.close());

/** The child as one bundle, so each of the many starts costs a Node start, not a TypeScript compile. */
async function bundleChild(): Promise<string> {
  const outfile = join(process.cwd(), 'node_modules', '.cache', 'onewindow-tests', 'crash-child.cjs');
  mkdirSync(join(outfile, '..'), { recursive: true });
  await build({
    entryPoints: ['tests/terminal/cases/crash-child.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    external: ['better-sqlite3-multiple-ciphers'],
    logLevel: 'silent',
  });
  return outfile;
}

function run(script: string, args: string[], onLine: (line: string, child: ChildProcess) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buffered = '';
    let errors = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) onLine(line, child);
    });
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 || signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited ${code ?? signal}: ${errors}`)),
    );
  });
}

describe('kill -9 while registering and syncing', () => {
  it(`every case the clerk saw saved reaches the platform exactly once, over ${RUNS} kills`, async () => {
    const script = await bundleChild();
    platform = await startTestPlatform(tempDir());
    const dir = tempDir();
    const key = randomBytes(32);
    const random = seededRandom(9);
    const saved = new Set<string>();

    for (let index = 0; index < RUNS; index++) {
      const killAfterMs = Math.floor(random() * 120);
      await run(script, [dir, key.toString('hex'), platform.url, 'work'], (line, child) => {
        if (line === 'ready') setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        else if (line.startsWith('saved ')) saved.add(line.slice(6));
      });
    }
    let drained = false;
    await run(script, [dir, key.toString('hex'), platform.url, 'drain'], (line) => {
      if (line === 'drained') drained = true;
    });
    expect(drained).toBe(true);

    const local = openCaseDatabase(dir, key);
    const localIds = new Set(
      local
        .prepare<[], { case_id: string }>('SELECT case_id FROM cases')
        .all()
        .map((row) => row.case_id),
    );
    expect(local.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
    local.close();
    const reader = new Database(join(platform.dataDir, 'platform.db'), { readonly: true });
    const onPlatform = reader
      .prepare<[], { case_id: string; n: number }>('SELECT case_id, count(*) AS n FROM cases GROUP BY case_id')
      .all();
    const ops = reader.prepare<[], { n: number }>('SELECT count(*) AS n FROM applied_operations').get()!.n;
    const unlinked = reader
      .prepare<[], { n: number }>(
        'SELECT count(*) AS n FROM cases c WHERE NOT EXISTS (SELECT 1 FROM case_materials m WHERE m.case_id = c.case_id)',
      )
      .get()!.n;
    reader.close();

    expect(saved.size).toBeGreaterThan(RUNS);
    const platformIds = new Set(onPlatform.map((row) => row.case_id));
    for (const id of saved) expect(platformIds.has(id)).toBe(true);
    expect(onPlatform.every((row) => row.n === 1)).toBe(true);
    // Cases committed just before a kill, before the clerk saw them, arrive too: the platform has exactly the terminal's cases.
    expect([...platformIds].sort()).toEqual([...localIds].sort());
    expect(ops).toBe(localIds.size);
    expect(unlinked).toBe(0);
  }, 600_000);
});
