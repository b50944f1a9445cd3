import { createHash } from 'node:crypto';

/** One entry of an audit trail (全程电子监察) — a terminal's, or the hall's event log — as exported, one JSON line each. */
export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  caseId: string | null;
  detail: unknown;
  /** The previous entry's hash (64 zeros for the first): removing or reordering entries breaks the chain. */
  prev: string;
  hash: string;
}

export const GENESIS = '0'.repeat(64);

/** The hash of an entry: its previous hash and its content, in a fixed field order. */
export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  return createHash('sha256')
    .update(`${entry.prev}\n${JSON.stringify([entry.seq, entry.at, entry.actor, entry.action, entry.caseId, entry.detail])}`)
    .digest('hex');
}

/**
 * The entry that follows `last` (the newest one stored; none for the first), hashed. Its detail is
 * taken as JSON will store it, so the hash checks against what is read back: `detailJson` is that text.
 */
export function nextEntry(
  last: { seq: number; hash: string | null } | undefined,
  content: Pick<AuditEntry, 'at' | 'actor' | 'action' | 'caseId'> & { detail: object },
): { entry: AuditEntry; detailJson: string } {
  const detailJson = JSON.stringify(content.detail);
  const body = { seq: (last?.seq ?? 0) + 1, ...content, detail: JSON.parse(detailJson) as unknown, prev: last?.hash ?? GENESIS };
  return { entry: { ...body, hash: entryHash(body) }, detailJson };
}

export type AuditProblem =
  | { kind: 'unreadable'; line: number; message: string }
  | { kind: 'edited'; line: number; seq: number }
  | { kind: 'removed'; line: number; expectedSeq: number; foundSeq: number }
  | { kind: 'reordered'; line: number; seq: number }
  | { kind: 'cutAtStart'; seq: number }
  | { kind: 'rewritten'; seq: number; reportedAt: number | null }
  | { kind: 'foreignAnchor'; seq: number; confirmedBy: number }
  | { kind: 'truncated'; lastSeq: number; anchorSeq: number; reportedAt: number | null };

/** What the trail itself recorded when the platform held an anchor it had not made (see audit-anchoring.ts). */
export const ANCHOR_MISMATCH_ACTION = 'audit.anchor-mismatch';

const reported = (at: number | null) =>
  at === null
    ? ''
    : `；本链序号 ${at} 记录了终端当时报告的平台存证不符，该存证也可能不是本链生成的 / the chain's entry ${at} records that the terminal reported this anchor as not its own: it may be foreign`;

/** Words for a problem, for the person holding the file. */
export function describeAuditProblem(problem: AuditProblem): string {
  switch (problem.kind) {
    case 'unreadable':
      return `第 ${problem.line} 行无法读取 / line ${problem.line} cannot be read: ${problem.message}`;
    case 'edited':
      return `第 ${problem.line} 行（序号 ${problem.seq}）被修改：内容与哈希不符 / line ${problem.line} (seq ${problem.seq}) was edited: its content does not match its hash`;
    case 'removed':
      return `第 ${problem.line} 行之前缺少记录：应为序号 ${problem.expectedSeq}，实为 ${problem.foundSeq} / entries were removed before line ${problem.line}: expected seq ${problem.expectedSeq}, found ${problem.foundSeq}`;
    case 'reordered':
      return `第 ${problem.line} 行（序号 ${problem.seq}）顺序被调换 / line ${problem.line} (seq ${problem.seq}) is out of order`;
    case 'cutAtStart':
      return `开头的记录被删除：第 1 行（序号 ${problem.seq}）不是链的第一条 / entries were removed at the start: line 1 (seq ${problem.seq}) is not the chain's first entry`;
    case 'rewritten':
      return `被重写：序号 ${problem.seq} 的哈希与平台存证不符，链在该序号或更早处被改写后重算 / REWRITTEN: seq ${problem.seq} does not match the hash anchored on the platform: the chain was edited at or before it and recomputed${reported(problem.reportedAt)}`;
    case 'foreignAnchor':
      return `平台存证不符：平台在序号 ${problem.seq} 的存证与本链不符，但其后序号 ${problem.confirmedBy} 的存证相符，链至该处未被改动，该存证不是由本链生成的 / ANCHOR MISMATCH: the platform's anchor at seq ${problem.seq} does not match, but its later anchor at seq ${problem.confirmedBy} does, so the chain is unchanged up to there: that anchor was not made from this chain`;
    case 'truncated':
      return `被截断：记录止于序号 ${problem.lastSeq}，而平台在序号 ${problem.anchorSeq} 持有存证，其后的记录被删除 / TRUNCATED: the log ends at seq ${problem.lastSeq}, but the platform holds an anchor at seq ${problem.anchorSeq}: the entries after the end were removed${reported(problem.reportedAt)}`;
  }
}

/** The verdict in one line, Chinese first: intact, or which kinds of damage were found. */
export function auditVerdict(entries: number, anchors: number, problems: readonly AuditProblem[]): string {
  if (problems.length === 0) {
    return anchors > 0
      ? `完整 / INTACT: ${entries} 条记录，${anchors} 个平台存证相符 / ${entries} entries, ${anchors} anchors matched`
      : `完整（未核对平台存证，无法发现末尾截断）/ INTACT: ${entries} entries (no anchors given: a cut at the end cannot be found)`;
  }
  const kinds = new Set(problems.map((problem) => problem.kind));
  const verdicts = [
    ['edited', 'removed', 'reordered', 'cutAtStart', 'unreadable'].some((kind) => kinds.has(kind as AuditProblem['kind'])) &&
      '被篡改 / TAMPERED',
    kinds.has('rewritten') && '被重写 / REWRITTEN',
    kinds.has('truncated') && '被截断 / TRUNCATED',
    kinds.has('foreignAnchor') && '平台存证不符 / ANCHOR MISMATCH',
  ].filter(Boolean);
  return `${verdicts.join('；')}：${entries} 条记录中 ${problems.length} 处问题 / ${problems.length} problem(s) in ${entries} entries`;
}

/**
 * Checks a chain line by line: each entry's hash against its content (edited), its seq against the one
 * before (removed, reordered), its prev against the previous hash (the first one's against the genesis:
 * cut at the start), and, with anchors from the platform, that the anchored hashes are still there (a
 * chain recomputed after an edit passes every other check) and that none lies beyond its end (cut at
 * the end). A mismatched anchor followed by a matching one cannot be the chain's: that is said apart.
 */
export function verifyChain(
  lines: Iterable<string>,
  anchors: ReadonlyMap<number, string> = new Map(),
): { entries: number; problems: AuditProblem[] } {
  const problems: AuditProblem[] = [];
  let previous: AuditEntry | null = null;
  let count = 0;
  let lineNumber = 0;
  const hashes = new Map<number, string>();
  /** The platform seq of each anchor mismatch the trail recorded, and the seq of the entry that did. */
  const reports = new Map<number, number>();
  for (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    let entry: AuditEntry;
    try {
      entry = JSON.parse(line) as AuditEntry;
    } catch (error) {
      problems.push({ kind: 'unreadable', line: lineNumber, message: (error as Error).message });
      continue;
    }
    count++;
    const expectedSeq = previous ? previous.seq + 1 : entry.seq;
    if (entryHash(entry) !== entry.hash) problems.push({ kind: 'edited', line: lineNumber, seq: entry.seq });
    else if (!previous && entry.prev !== GENESIS) problems.push({ kind: 'cutAtStart', seq: entry.seq });
    else if (previous && entry.seq < expectedSeq) problems.push({ kind: 'reordered', line: lineNumber, seq: entry.seq });
    else if (previous && entry.seq > expectedSeq) problems.push({ kind: 'removed', line: lineNumber, expectedSeq, foundSeq: entry.seq });
    else if (previous && entry.prev !== previous.hash) problems.push({ kind: 'reordered', line: lineNumber, seq: entry.seq });
    hashes.set(entry.seq, entry.hash);
    const platformSeq =
      entry.action === ANCHOR_MISMATCH_ACTION ? (entry.detail as { platformSeq?: unknown } | null)?.platformSeq : undefined;
    if (typeof platformSeq === 'number') reports.set(platformSeq, entry.seq);
    previous = entry;
  }
  const lastSeq = previous?.seq ?? 0;
  const matched = [...anchors].filter(([seq, hash]) => hashes.get(seq) === hash).map(([seq]) => seq);
  const newestMatch = Math.max(0, ...matched);
  let rewritten = false;
  for (const [seq, hash] of [...anchors].sort(([a], [b]) => a - b)) {
    if (seq > lastSeq || hashes.get(seq) === hash || !hashes.has(seq)) continue;
    if (newestMatch > seq) problems.push({ kind: 'foreignAnchor', seq, confirmedBy: newestMatch });
    // Every anchor after a rewrite differs too: the earliest one says where it is.
    else if (!rewritten) {
      problems.push({ kind: 'rewritten', seq, reportedAt: reports.get(seq) ?? null });
      rewritten = true;
    }
  }
  const beyond = Math.max(0, ...[...anchors.keys()].filter((seq) => seq > lastSeq));
  if (beyond > 0) problems.push({ kind: 'truncated', lastSeq, anchorSeq: beyond, reportedAt: reports.get(beyond) ?? null });
  return { entries: count, problems };
}
