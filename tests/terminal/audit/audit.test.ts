import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryHash, verifyChain, type AuditEntry } from '../../../src/storage/audit-chain.js';
import { createAuditLog } from '../../../src/terminal/audit/audit-log.js';
import { openCaseDatabase } from '../../../src/terminal/cases/case-db.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir('onewindow-audit-');

function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/onewindow-audit.js', ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** A terminal's trail of 20 entries, exported as the supervisor gets it. */
async function exported(): Promise<{ dir: string; key: string; lines: string[] }> {
  const dir = tempDir();
  const key = randomBytes(32).toString('hex');
  const db = openCaseDatabase(dir, Buffer.from(key, 'hex'));
  const log = createAuditLog(db, () => new Date('2026-11-28T01:00:00Z'));
  for (let i = 0; i < 20; i++) log.append('c001', i % 2 ? 'case.accepted' : 'sync.retry', `case-${i}`, { i });
  db.close();
  const result = await cli(['export', '--data', dir], { ONEWINDOW_CASE_KEY: key });
  expect(result.code).toBe(0);
  return { dir, key, lines: result.stdout.trim().split('\n') };
}

async function verify(lines: string[], anchors?: { seq: number; hash: string }[]) {
  const dir = tempDir();
  writeFileSync(join(dir, 'audit.jsonl'), `${lines.join('\n')}\n`);
  if (anchors) writeFileSync(join(dir, 'anchors.json'), JSON.stringify(anchors));
  return cli(['verify', join(dir, 'audit.jsonl'), ...(anchors ? ['--anchors', join(dir, 'anchors.json')] : [])]);
}

describe('hash-chained audit trail', () => {
  it('exports an intact chain that verifies', async () => {
    const { lines } = await exported();
    expect(lines).toHaveLength(20);
    const result = await verify(lines);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('INTACT: 20 entries');
  });

  it('finds an edited, a removed and a reordered entry, and says which', async () => {
    const { lines } = await exported();
    const edited = [...lines];
    edited[6] = edited[6]!.replace('"i":6', '"i":66');
    expect((await verify(edited)).stderr).toMatch(/line 7 \(seq 7\) was edited/);
    const removed = lines.filter((_, i) => i !== 10);
    expect((await verify(removed)).stderr).toMatch(/entries were removed before line 11: expected seq 11, found 12/);
    const reordered = [...lines];
    [reordered[3], reordered[4]] = [reordered[4]!, reordered[3]!];
    const result = await verify(reordered);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/line 5 \(seq 4\) is out of order/);
  });

  it('catches a chain recomputed after an edit when hashes were anchored on the platform', async () => {
    const { lines } = await exported();
    const entries = lines.map((line) => JSON.parse(line) as AuditEntry);
    const anchors = [{ seq: 20, hash: entries[19]!.hash }];
    entries[2]!.detail = { i: 222 };
    let prev = entries[1]!.hash;
    for (const entry of entries.slice(2)) {
      entry.prev = prev;
      entry.hash = entryHash(entry);
      prev = entry.hash;
    }
    const rewritten = entries.map((entry) => JSON.stringify(entry));
    expect(verifyChain(rewritten).problems).toEqual([]);
    const result = await verify(rewritten, anchors);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/seq 20 does not match the hash anchored on the platform/);
  });

  it('chains entries written before the chain existed, in order, when opened', () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const db = openCaseDatabase(dir, key);
    db.prepare(
      `INSERT INTO audit (at, actor, action, case_id, detail) VALUES ('2026-11-27T01:00:00Z', 'c001', 'case.accepted', NULL, '{}')`,
    ).run();
    db.prepare(
      `INSERT INTO audit (at, actor, action, case_id, detail) VALUES ('2026-11-27T01:01:00Z', 'c001', 'case.accepted', NULL, '{}')`,
    ).run();
    const log = createAuditLog(db, () => new Date());
    log.append('c002', 'sync.discard', null);
    expect(verifyChain([...log.entries()].map((entry) => JSON.stringify(entry))).problems).toEqual([]);
    expect(log.tip()!.seq).toBe(3);
    db.close();
    expect(readFileSync(join(dir, 'cases.db')).includes('sync.discard')).toBe(false);
  });
});
