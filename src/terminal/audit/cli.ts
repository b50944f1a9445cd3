import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { caseKeyFromEnvironment } from '../cases/case-key.js';
import { openCaseDatabase } from '../cases/case-db.js';
import { createAuditLog } from './audit-log.js';
import { describeAuditProblem, verifyChain } from '../../storage/audit-chain.js';

/**
 * `onewindow-audit`: the supervisor's tool for a terminal's audit trail.
 *   export --data DIR [--key-file FILE]   the trail as JSON lines on stdout (the key as for the terminal)
 *   verify FILE [--anchors FILE]          exit 0 when intact; else every edited, removed or reordered entry
 */
const USAGE = 'usage:\n  onewindow-audit export --data DIR [--key-file FILE]\n  onewindow-audit verify FILE.jsonl [--anchors anchors.json]';

function fail(code: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'export') {
  const { values } = parseArgs({ args: rest, options: { data: { type: 'string' }, 'key-file': { type: 'string' } } });
  if (!values.data) fail(1, `--data 必填 / --data is required\n${USAGE}`);
  try {
    const db = openCaseDatabase(values.data, caseKeyFromEnvironment(process.env, values['key-file']).load());
    for (const entry of createAuditLog(db, () => new Date()).entries()) process.stdout.write(`${JSON.stringify(entry)}\n`);
    db.close();
  } catch (error) {
    fail(3, (error as Error).message);
  }
} else if (command === 'verify' && rest[0] && !rest[0].startsWith('--')) {
  const { values } = parseArgs({ args: rest.slice(1), options: { anchors: { type: 'string' } } });
  const anchors = new Map<number, string>();
  if (values.anchors) {
    for (const anchor of JSON.parse(readFileSync(values.anchors, 'utf8')) as { seq: number; hash: string }[]) anchors.set(anchor.seq, anchor.hash);
  }
  let text: string;
  try {
    text = readFileSync(rest[0], 'utf8');
  } catch (error) {
    fail(3, `无法读取 ${rest[0]} / cannot read ${rest[0]}: ${(error as Error).message}`);
  }
  const { entries, problems } = verifyChain(text.split('\n'), anchors);
  for (const problem of problems) process.stderr.write(`${describeAuditProblem(problem)}\n`);
  if (problems.length > 0) fail(1, `审计记录不完整或被篡改：${problems.length} 处 / the audit trail was tampered with: ${problems.length} problem(s) in ${entries} entries`);
  process.stdout.write(`完整 / intact: ${entries} entries${anchors.size ? `, ${anchors.size} anchors matched` : ''}\n`);
} else {
  fail(1, USAGE);
}
