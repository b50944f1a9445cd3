import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { entryHash, GENESIS, verifyChain } from '../src/storage/audit-chain.js';
import { round, writeResults } from './results-file.js';

const ENTRIES = 1_000_000;

/** `onewindow-audit verify` on a 1,000,000-entry trail: reading the file and checking every link. */
export function benchAudit(): string {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-bench-audit-'));
  try {
    const file = join(dir, 'audit.jsonl');
    const lines: string[] = [];
    let prev = GENESIS;
    for (let seq = 1; seq <= ENTRIES; seq++) {
      const body = {
        seq,
        at: new Date(1_795_000_000_000 + seq * 1000).toISOString(),
        actor: `c00${seq % 7}`,
        action: seq % 3 ? 'case.accepted' : 'sync.retry',
        caseId: `01a21f5d-03d7-7876-a8b5-${String(seq).padStart(12, '0')}`,
        detail: { itemCode: '11440300MB2C931790440117009000' },
        prev,
      };
      const hash = entryHash(body);
      lines.push(JSON.stringify({ ...body, hash }));
      prev = hash;
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
    lines.length = 0;
    const t0 = performance.now();
    const { entries, problems } = verifyChain(readFileSync(file, 'utf8').split('\n'));
    const seconds = (performance.now() - t0) / 1000;
    return writeResults(
      'audit',
      { entries, problems: problems.length, verifySeconds: round(seconds, 2), fileMegabytes: Math.round(readFileSync(file).length / 1e6) },
      [{ figure: 'verifySeconds', limit: 5, unit: 's (at most)', met: seconds <= 5 && problems.length === 0 }],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
