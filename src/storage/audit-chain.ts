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
  | { kind: 'unanchored'; seq: number };

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
    case 'unanchored':
      return `序号 ${problem.seq} 的哈希与平台存证不符：整条链被重算过 / seq ${problem.seq} does not match the hash anchored on the platform: the chain was rewritten`;
  }
}

/**
 * Checks a chain line by line: each entry's hash against its content (edited), its seq against the one
 * before (removed, reordered), its prev against the previous hash, and, with anchors from the platform,
 * that the anchored hashes are still there (a chain recomputed after an edit passes every other check).
 */
export function verifyChain(lines: Iterable<string>, anchors: ReadonlyMap<number, string> = new Map()): { entries: number; problems: AuditProblem[] } {
  const problems: AuditProblem[] = [];
  let previous: AuditEntry | null = null;
  let count = 0;
  let lineNumber = 0;
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
    else if (previous && entry.seq < expectedSeq) problems.push({ kind: 'reordered', line: lineNumber, seq: entry.seq });
    else if (previous && entry.seq > expectedSeq) problems.push({ kind: 'removed', line: lineNumber, expectedSeq, foundSeq: entry.seq });
    else if (previous && entry.prev !== previous.hash) problems.push({ kind: 'reordered', line: lineNumber, seq: entry.seq });
    const anchored = anchors.get(entry.seq);
    if (anchored !== undefined && anchored !== entry.hash) problems.push({ kind: 'unanchored', seq: entry.seq });
    previous = entry;
  }
  return { entries: count, problems };
}
