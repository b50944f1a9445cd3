import { ANCHOR_CONFLICT, ANCHOR_NOT_NEWER, type AuditAnchor, type AuditAnchorRequest } from '../shared/platform-api.js';

/** A platform call's result as both anchoring clients see it: done, worth trying again later, or refused. */
export type AnchorAnswer<T> =
  { ok: true; value: T } | { ok: false; retry: true; message: string } | { ok: false; retry: false; code: string; message: string };

/** A chain read now (the terminal's SQLite trail) or from a database across the network (the hall's). */
export interface AnchoredChain {
  /** The newest entry; null while the chain is empty. */
  tip(): { seq: number; hash: string } | null | Promise<{ seq: number; hash: string } | null>;
  /** The chain's own hash at a seq; null when it has no such entry. */
  hashAt(seq: number): string | null | Promise<string | null>;
}

export interface AnchorTransport {
  newest(): Promise<AnchorAnswer<{ seq: number | null }>>;
  anchor(request: AuditAnchorRequest): Promise<AnchorAnswer<AuditAnchor>>;
}

/** What the platform holds that this chain did not make: an anchor beyond its end, one at a seq whose hash differs, or a stored answer unlike what was sent. */
export type AnchorMismatch =
  { kind: 'beyond'; platformSeq: number; tipSeq: number } | { kind: 'differs'; platformSeq: number } | { kind: 'stored'; seq: number };

export type AnchorStatus =
  | { state: 'anchored'; seq: number }
  | { state: 'empty' }
  | { state: 'unreachable'; message: string }
  | { state: 'refused'; message: string }
  | { state: 'mismatch'; mismatch: AnchorMismatch; message: string };

/** Words for a mismatch, for the clerk's panel, the hall's log and the audit entry. */
export function describeAnchorMismatch(mismatch: AnchorMismatch): string {
  switch (mismatch.kind) {
    case 'beyond':
      return `平台在序号 ${mismatch.platformSeq} 持有本链的存证，而本链只到序号 ${mismatch.tipSeq}：该存证不是本机做的，或本机记录被截断，请立即报告管理员 / the platform holds an anchor of this chain at seq ${mismatch.platformSeq}, but the chain ends at seq ${mismatch.tipSeq}: the anchor was not made here, or the log here was cut; report it to the administrator now`;
    case 'differs':
      return `平台在序号 ${mismatch.platformSeq} 的存证与本链不符：该存证不是本机做的，或本机记录被改写，请立即报告管理员 / the platform's anchor at seq ${mismatch.platformSeq} does not match this chain: the anchor was not made here, or the log here was rewritten; report it to the administrator now`;
    case 'stored':
      return `平台为序号 ${mismatch.seq} 保存的存证与本机发送的不同，请立即报告管理员 / the platform stored another anchor for seq ${mismatch.seq} than the one sent; report it to the administrator now`;
  }
}

/**
 * Anchors a hash chain's tip on the platform, for the terminal's audit trail and the hall's event log
 * alike. Each anchor names the newest one the platform holds with this chain's own hash there, and the
 * stored answer is checked against what was sent: what the platform holds that this chain did not make
 * is reported as a mismatch, never passed over. `confirmed` keeps the last seq the platform confirmed.
 */
export function createChainAnchoring(options: {
  owner: string;
  chain: AnchoredChain;
  transport: AnchorTransport;
  confirmed?: { get(): number | null; set(seq: number): void };
}) {
  const { chain, transport } = options;
  let memory: number | null | undefined;
  const confirmed = options.confirmed ?? { get: () => memory ?? null, set: (seq: number) => (memory = seq) };
  /** Whether the confirmed seq may be stale (a restart, a reply lost): then ask the platform first. */
  let known = options.confirmed !== undefined;

  async function platformNewest(): Promise<AnchorAnswer<number | null>> {
    const answer = await transport.newest();
    return answer.ok ? { ok: true, value: answer.value.seq } : answer;
  }

  /** `after`: the newest seq the platform holds, as far as we know; `checked`: it was confirmed as ours. */
  async function attempt(tip: { seq: number; hash: string }, after: number | null, checked: boolean): Promise<AnchorStatus | 'resync'> {
    if (after !== null && after > tip.seq) return mismatch({ kind: 'beyond', platformSeq: after, tipSeq: tip.seq });
    if (after === tip.seq && checked) return { state: 'anchored', seq: after };
    const afterHash = after === null ? null : await chain.hashAt(after);
    if (after !== null && afterHash === null) return mismatch({ kind: 'differs', platformSeq: after });
    // At the tip itself this sends the tip again: the platform answers with it only if it holds the same hash.
    const follows = after === null || after === tip.seq ? null : { seq: after, hash: afterHash! };
    const answer = await transport.anchor({ owner: options.owner, seq: tip.seq, hash: tip.hash, after: follows });
    if (answer.ok) {
      if (answer.value.seq !== tip.seq || answer.value.hash !== tip.hash) return mismatch({ kind: 'stored', seq: tip.seq });
      confirmed.set(tip.seq);
      known = true;
      return { state: 'anchored', seq: tip.seq };
    }
    if (answer.retry) return { state: 'unreachable', message: answer.message };
    if (answer.code === ANCHOR_CONFLICT || answer.code === ANCHOR_NOT_NEWER) return 'resync';
    return { state: 'refused', message: answer.message };
  }

  function mismatch(found: AnchorMismatch): AnchorStatus {
    known = false;
    return { state: 'mismatch', mismatch: found, message: describeAnchorMismatch(found) };
  }

  return {
    /** Anchors the tip if the platform does not hold it yet. Never throws for the platform's sake. */
    async anchorTip(): Promise<AnchorStatus> {
      const tip = await chain.tip();
      if (!tip) return { state: 'empty' };
      if (known) {
        const first = await attempt(tip, confirmed.get(), true);
        if (first !== 'resync') return first;
      }
      // The platform's newest anchor is not the one we confirmed: ask which it is, and follow it if it is ours.
      const newest = await platformNewest();
      if (!newest.ok)
        return newest.retry ? { state: 'unreachable', message: newest.message } : { state: 'refused', message: newest.message };
      const second = await attempt(tip, newest.value, false);
      if (second !== 'resync') return second;
      return mismatch({ kind: 'differs', platformSeq: newest.value ?? tip.seq });
    },
  };
}
export type ChainAnchoring = ReturnType<typeof createChainAnchoring>;
