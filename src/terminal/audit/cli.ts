import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { describeIssues } from '../../shared/issues.js';
import { AuditAnchorSchema } from '../../shared/platform-api.js';
import { caseKeyFromEnvironment } from '../cases/case-key.js';
import { openCaseDatabase } from '../cases/case-db.js';
import { createAuditLog } from './audit-log.js';
import { auditVerdict, describeAuditProblem, verifyChain } from '../../storage/audit-chain.js';

/**
 * `onewindow-audit`: the supervisor's tool for a terminal's audit trail.
 *   export --data DIR [--key-file FILE]   the trail as JSON lines on stdout (the key as for the terminal)
 *   verify FILE [--anchors FILE]          exit 0 when intact; else every edited, removed or reordered entry,
 *                                         and with the platform's anchors a rewritten or truncated chain
 * The hall server's event log (hall-admin audit-export) is verified the same way, with the hall's anchors.
 */
const AnchorsFileSchema = z.array(AuditAnchorSchema.pick({ seq: true, hash: true }));

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
    let listed: z.infer<typeof AnchorsFileSchema>;
    try {
      listed = AnchorsFileSchema.parse(JSON.parse(readFileSync(values.anchors, 'utf8')));
    } catch (error) {
      fail(
        3,
        `无法读取存证文件 ${values.anchors}：应为平台 /api/v1/audit/anchors 返回的 JSON / cannot read the anchors file ${values.anchors}: expected the JSON the platform's /api/v1/audit/anchors returns (${error instanceof z.ZodError ? describeIssues(error.issues).join('; ') : (error as Error).message})`,
      );
    }
    for (const anchor of listed) anchors.set(anchor.seq, anchor.hash);
  }
  let text: string;
  try {
    text = readFileSync(rest[0], 'utf8');
  } catch (error) {
    fail(3, `无法读取 ${rest[0]} / cannot read ${rest[0]}: ${(error as Error).message}`);
  }
  const { entries, problems } = verifyChain(text.split('\n'), anchors);
  for (const problem of problems) process.stderr.write(`${describeAuditProblem(problem)}\n`);
  if (problems.length > 0) fail(1, auditVerdict(entries, anchors.size, problems));
  process.stdout.write(`${auditVerdict(entries, anchors.size, problems)}\n`);
} else {
  fail(1, USAGE);
}
