import type { MaterialFile, SyncState } from '../../shared/cases.js';
import { UPLOAD_CHUNK_BYTES, type UploadState } from '../../shared/platform-api.js';
import { RpcError } from '../../shared/rpc/errors.js';
import { createChainAnchoring } from '../../storage/audit-anchoring.js';
import { ANCHOR_MISMATCH_ACTION } from '../../storage/audit-chain.js';
import type { Db } from '../../storage/sqlite.js';
import { parseRetryAfter, retryDelayMs } from './backoff.js';
import type { CaseStore } from './case-store.js';
import type { OutboxEntry } from './outbox.js';
import type { Outcome, PlatformClient } from './platform-client.js';

export interface SyncEngineOptions {
  db: Db;
  store: CaseStore;
  client: PlatformClient;
  /** Cases sent at once; a case's own operations always go one after another. */
  concurrency?: number;
  baseDelayMs?: number;
  capDelayMs?: number;
  changesIntervalMs?: number;
  now?: () => number;
  random?: () => number;
  onState?: (state: SyncState) => void;
  onCasesChanged?: (caseIds: string[]) => void;
}

type Failure = Extract<Outcome<unknown>, { ok: false }>;
const CURSOR_KEY = 'changes.cursor';
const ANCHOR_KEY = 'audit.anchored';
/** The last anchor mismatch written into the trail, so one finding is recorded once, not at every pull. */
const MISMATCH_KEY = 'audit.anchor-mismatch';
/** A stale offset or a failed hash check restarts an upload at once this many times, then waits like any failure. */
const UPLOAD_RESTARTS = 3;

/**
 * Drains the outbox to the platform and pulls the platform's changes back. Every failure is sorted:
 * a dropped link, a timeout, 5xx or 429 waits (full jitter, or Retry-After) and tries again with the
 * same idempotency key; any other 4xx becomes a dead letter that holds its case's later operations
 * until a clerk retries or discards it.
 */
export function createSyncEngine(options: SyncEngineOptions) {
  const { db, store, client } = options;
  const concurrency = options.concurrency ?? 8;
  const now = options.now ?? Date.now;
  const backoff = { baseMs: options.baseDelayMs ?? 1000, capMs: options.capDelayMs ?? 60_000 };
  const inflight = new Set<string>();
  let acks: { apply(): void; resolve(): void; reject(error: unknown): void }[] = [];
  let running = false;
  /** Set for good by stop(): a reply that arrives afterwards must not touch the closed database. */
  let stopped = false;
  let wake: (() => void) | null = null;
  let pumping: Promise<void> | null = null;
  let pulling: Promise<unknown> | null = null;
  let changesTimer: NodeJS.Timeout | null = null;
  let online = false;
  let lastSuccessAt: string | null = null;
  let lastError: string | null = null;
  /** What is wrong with the audit trail's anchors on the platform, for the clerk to report; null when fine. */
  let auditAnchor: string | null = null;
  let lastState = '';
  let publishTimer: NodeJS.Timeout | null = null;
  const changed = new Set<string>();

  const readState = db.prepare<[string], { value: string }>('SELECT value FROM sync_state WHERE key = ?');
  const writeState = db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const cursor = {
    get: () => Number(readState.get(CURSOR_KEY)?.value ?? 0),
    set: (value: number) => writeState.run(CURSOR_KEY, String(value)),
  };

  function state(): SyncState {
    const counts = store.outbox.counts();
    return { online, backlog: counts.backlog, deadLetters: counts.dead, lastSuccessAt, lastError, auditAnchor };
  }

  /** While a backlog drains, one update every 100 ms tells the counter as much as one per operation. */
  function publishSoon(): void {
    if (publishTimer || !running) return;
    publishTimer = setTimeout(() => {
      publishTimer = null;
      publish();
      if (changed.size > 0) {
        const ids = [...changed];
        changed.clear();
        options.onCasesChanged?.(ids);
      }
    }, 100);
  }

  /** Acknowledged cases are told in the same 100 ms batches, not one event per case. */
  function changedSoon(caseId: string): void {
    changed.add(caseId);
    publishSoon();
  }

  function publish(): void {
    const current = state();
    const text = JSON.stringify(current);
    if (text !== lastState) {
      lastState = text;
      options.onState?.(current);
    }
  }

  function succeeded(): void {
    online = true;
    lastSuccessAt = new Date(now()).toISOString();
    lastError = null;
  }

  function failed(entry: OutboxEntry, failure: Failure): void {
    lastError = failure.message;
    if (failure.retry) {
      online = false;
      store.outbox.retryLater(
        entry.seq,
        retryDelayMs(entry.attempts, { ...backoff, retryAfterMs: parseRetryAfter(failure.retryAfter ?? null, now()) }, options.random),
        failure.message,
      );
    } else {
      online = true;
      db.transaction(() => {
        store.outbox.dead(entry.seq, `${failure.code}: ${failure.message}`);
        store.audit('sync', 'sync.dead-letter', entry.caseId, {
          opId: entry.opId,
          kind: entry.op.kind,
          status: failure.status,
          code: failure.code,
        });
      }).immediate();
      options.onCasesChanged?.([entry.caseId]);
    }
  }

  /**
   * Acknowledgements that arrive in the same turn of the event loop share one transaction and one
   * fsync. The transaction opens and commits inside flushAcks, so no other write (a case the clerk is
   * registering) can ever land in a transaction that is still open when its caller is told "saved".
   */
  function acknowledgeSoon(apply: () => void): Promise<void> {
    return new Promise((resolve, reject) => {
      acks.push({ apply, resolve, reject });
      if (acks.length === 1) setImmediate(flushAcks);
    });
  }

  function flushAcks(): void {
    const batch = acks;
    acks = [];
    try {
      db.transaction(() => {
        for (const ack of batch) ack.apply();
      }).immediate();
    } catch (error) {
      for (const ack of batch) ack.reject(error);
      return;
    }
    for (const ack of batch) ack.resolve();
  }

  /** `resuming`: an earlier attempt may have sent part of the file, so ask where it stands before sending. */
  async function upload(file: MaterialFile, resuming: boolean): Promise<Outcome<UploadState>> {
    let bytes: Buffer;
    try {
      bytes = store.readMaterial(file.sha256);
    } catch (error) {
      return {
        ok: false,
        retry: false,
        status: 0,
        code: 'MATERIAL_UNREADABLE',
        message: `本机材料文件丢失或损坏，请重新采集后重试 / the material file on this terminal is missing or damaged (${(error as Error).message}): capture it again, then retry`,
      };
    }
    let restarts = 0;
    // A first try sends the first piece at once, creating the upload as it goes (tus creation-with-upload).
    let upload = resuming
      ? await client.createUpload(file)
      : await client.appendUpload(file.sha256, 0, bytes.subarray(0, UPLOAD_CHUNK_BYTES), file);
    for (;;) {
      if (!upload.ok) {
        const restart = !upload.retry && (upload.code === 'OFFSET_MISMATCH' || upload.code === 'HASH_MISMATCH');
        if (!restart) return upload;
        // Our file checks against its hash, so repeated trouble is on the way: try again later, never give the case up.
        if (restarts++ >= UPLOAD_RESTARTS) return { ok: false, retry: true, message: upload.message };
        upload = await client.createUpload(file);
        continue;
      }
      if (upload.value.complete) break;
      const offset = upload.value.offset;
      upload = await client.appendUpload(file.sha256, offset, bytes.subarray(offset, offset + UPLOAD_CHUNK_BYTES));
    }
    return upload;
  }

  async function deliver(entry: OutboxEntry): Promise<void> {
    const uploaded: string[] = [];
    if (entry.op.kind === 'case.submit') {
      for (const material of entry.op.case.materials) {
        for (const file of material.files) {
          if (store.isUploaded(file.sha256)) continue;
          const sent = await upload(file, entry.attempts > 0);
          if (!sent.ok) return failed(entry, sent);
          uploaded.push(file.sha256);
        }
      }
    }
    const sent = await client.operation(entry.op);
    if (!sent.ok) return failed(entry, sent);
    // Until the acknowledgement is committed the case stays in flight, so its operation is not picked
    // again; a crash before the commit only means sending it once more, under the same key.
    await acknowledgeSoon(() => {
      for (const sha256 of uploaded) store.markUploaded(sha256);
      store.outbox.done(entry.seq);
      store.acknowledge(sent.value);
    });
    succeeded();
    changedSoon(entry.caseId);
  }

  async function pump(): Promise<void> {
    while (running) {
      const due = store.outbox.due(concurrency - inflight.size, inflight);
      for (const entry of due) {
        inflight.add(entry.caseId);
        void deliver(entry)
          .catch((error: unknown) => {
            try {
              failed(entry, { ok: false, retry: true, message: (error as Error).message });
            } catch (storeError) {
              // The store itself cannot be written (a failing disk): the operation stays as it was and is tried again.
              lastError = `本机办件库无法写入，请联系管理员 / the case store cannot be written: ${(storeError as Error).message}`;
            }
          })
          .finally(() => {
            inflight.delete(entry.caseId);
            publishSoon();
            wake?.();
          });
      }
      publishSoon();
      const next = store.outbox.nextDueAt();
      const waitMs = next === null ? 1000 : Math.max(0, Math.min(1000, next - now()));
      if (due.length === 0 || inflight.size >= concurrency) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, inflight.size >= concurrency ? 1000 : waitMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    }
  }

  const anchoring = createChainAnchoring({
    owner: client.terminalId,
    chain: store.auditLog,
    transport: { newest: client.newestAnchor, anchor: client.anchor },
    confirmed: {
      get: () => Number(readState.get(ANCHOR_KEY)?.value ?? 0) || null,
      set: (seq) => {
        if (!stopped) writeState.run(ANCHOR_KEY, String(seq));
      },
    },
  });

  /**
   * Anchors the audit trail's tip on the platform when it moved. What the platform holds that this trail
   * did not make goes into the trail itself (once per finding) and stays on the clerk's panel until an
   * anchor lands again. Returns whether a new anchor was stored.
   */
  async function anchorAudit(): Promise<boolean> {
    const before = readState.get(ANCHOR_KEY)?.value ?? null;
    const status = await anchoring.anchorTip();
    if (stopped) return false;
    if (status.state === 'mismatch') {
      // The trail's own end moves with the entry that records it: the finding is what the platform holds.
      const finding = JSON.stringify({ ...status.mismatch, tipSeq: undefined });
      if (readState.get(MISMATCH_KEY)?.value !== finding) {
        db.transaction(() => {
          writeState.run(MISMATCH_KEY, finding);
          store.audit('sync', ANCHOR_MISMATCH_ACTION, null, status.mismatch);
        }).immediate();
      }
      auditAnchor = status.message;
    } else if (status.state === 'anchored') {
      auditAnchor = null;
    } else if (status.state === 'refused') {
      auditAnchor = `平台拒绝审计存证 / the platform refused the audit anchor: ${status.message}`;
    }
    publish();
    return status.state === 'anchored' && readState.get(ANCHOR_KEY)?.value !== before;
  }

  /** A clerk's decision on a dead letter, audited with it in one transaction; the engine looks again at once. */
  function settleDeadLetter(opId: string, actor: string, action: 'sync.retry' | 'sync.discard', settle: (seq: number) => void): void {
    db.transaction(() => {
      const entry = store.outbox.findDead(opId);
      if (!entry) throw new RpcError('NOT_FOUND', `没有这条待处理的失败同步 / no dead letter ${opId}`);
      settle(entry.seq);
      store.audit(actor, action, entry.caseId, { opId, kind: entry.op.kind });
    }).immediate();
    publish();
    wake?.();
  }

  /** The pull under way: two at once would read the same cursor and apply and announce the same changes twice. */
  let pullUnderWay: Promise<number> | null = null;

  /** Pulls every change after the stored cursor, after any pull under way; returns how many cases both changed here. */
  async function pullChanges(): Promise<number> {
    let changed = 0;
    while (pullUnderWay) changed += await pullUnderWay.catch(() => 0);
    pullUnderWay = pullOnce();
    try {
      return changed + (await pullUnderWay);
    } finally {
      pullUnderWay = null;
    }
  }

  async function pullOnce(): Promise<number> {
    const pulled = new Set<string>();
    for (;;) {
      const page = await client.changes(cursor.get(), 200);
      if (stopped) return 0;
      if (!page.ok) {
        lastError = page.message;
        if (page.retry) online = false;
        break;
      }
      succeeded();
      db.transaction(() => {
        for (const change of page.value.changes) if (store.applyChange(change)) pulled.add(change.caseId);
        cursor.set(page.value.cursor);
      }).immediate();
      if (!page.value.more) break;
    }
    publish();
    if (pulled.size > 0) options.onCasesChanged?.([...pulled]);
    return pulled.size;
  }

  return {
    state,
    pullChanges,
    anchorAudit,
    /** Something new is in the outbox: look now rather than at the next tick. */
    kick(): void {
      wake?.();
    },
    start(): void {
      if (running) return;
      running = true;
      pumping = pump();
      const interval = options.changesIntervalMs ?? 5000;
      const tick = () => {
        pulling = pullChanges()
          .then(anchorAudit)
          .finally(() => {
            if (running) changesTimer = setTimeout(tick, interval);
          });
      };
      tick();
    },
    async stop(): Promise<void> {
      running = false;
      stopped = true;
      if (changesTimer) clearTimeout(changesTimer);
      if (publishTimer) clearTimeout(publishTimer);
      wake?.();
      await pumping;
      await pulling;
      while (inflight.size > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    },
    /** The clerk sends a dead letter again, as it is, once the cause is fixed. */
    retry: (opId: string, actor: string) => settleDeadLetter(opId, actor, 'sync.retry', (seq) => store.outbox.revive(seq)),
    /** The clerk gives up on a dead letter: it never reaches the platform, and the log says who decided. */
    discard: (opId: string, actor: string) => settleDeadLetter(opId, actor, 'sync.discard', (seq) => store.outbox.done(seq)),
  };
}
