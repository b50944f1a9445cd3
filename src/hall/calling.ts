import type { HallTicketRef, WindowView } from '../shared/hall-events.js';
import { localDate } from '../shared/local-date.js';
import type { Clerk, HallWindow } from '../shared/hall-config.js';
import type { LiveConfig } from './live-config.js';
import type { EventLog } from './event-log.js';
import { idHasher } from './id-hash.js';
import { createLoginGuard, wrongTry } from './login-guard.js';
import { ApiError } from '../shared/errors.js';
import { query, type HallStore } from './storage/store.js';

interface TicketRow {
  id: string;
  queue_id: string;
  ticket_number: string;
  state: string;
  priority: number;
  line_at: string;
  target_window: number | null;
  window_number: number | null;
  recalls: number;
  called_at: string | null;
  finished_at: string | null;
  service_codes: string | null;
  lease_id: string | null;
  issued_at: string;
  clerk_id: string | null;
}

/** The columns a move may change. */
type TicketChanges = Partial<
  Pick<
    TicketRow,
    | 'state'
    | 'queue_id'
    | 'window_number'
    | 'target_window'
    | 'called_at'
    | 'recalls'
    | 'finished_at'
    | 'service_codes'
    | 'line_at'
    | 'clerk_id'
  >
>;

/** A clerk login under way, its try already counted. */
export interface LoginAttempt {
  windowNumber: number;
  /** Null: the id or card is no clerk's (the PIN is still checked, against a stand-in). */
  clerk: Clerk | null;
  byCard: boolean;
  keys: string[];
  triesLeft: number;
}

export interface TransferTarget {
  queueId?: string;
  windowNumber?: number;
  note?: string;
}

/**
 * The calling engine: which ticket a window gets next, and every move a ticket can make after it was
 * called. Each move is one transaction (under the hall's write lock) that checks the ticket's state first and logs an
 * event, so a ticket is never served twice, never lost, and an illegal move is refused with the reason.
 */
export function createCallingEngine(store: HallStore, config: LiveConfig, events: EventLog, now: () => Date) {
  const windows = config.derived((hall) => new Map(hall.windows.map((window) => [window.number, window])));
  const queues = config.derived((hall) => new Map(hall.queues.map((queue) => [queue.id, queue])));
  const rules = () => config.current().calling;
  const { timeZone } = config.current();
  const today = () => localDate(now(), timeZone);

  const clerks = config.derived((hall) => new Map(hall.clerks.map((clerk) => [clerk.id, clerk])));
  const idHash = idHasher(config.current());
  const guard = createLoginGuard(store, timeZone, now);

  const CURRENT = "SELECT * FROM tickets WHERE service_date = ? AND window_number = ? AND state = 'called'";
  const current = (date: string, windowNumber: number) => store.get<TicketRow>(CURRENT, date, windowNumber);
  const byId = (id: string) => store.get<TicketRow & { service_date: string }>('SELECT * FROM tickets WHERE id = ?', id);
  const byNumber = (date: string, ticketNumber: string) =>
    store.get<TicketRow & { service_date: string }>(
      'SELECT * FROM tickets WHERE service_date = ? AND ticket_number = ?',
      date,
      ticketNumber,
    );
  const HEAD = `SELECT * FROM tickets WHERE service_date = ? AND queue_id = ? AND state = 'waiting' AND priority = ?
    AND (target_window IS NULL OR target_window = ?) ORDER BY line_at, arrival LIMIT 1`;
  /** The SQL of `heads` by how many heads it asks for. */
  const headsSql = new Map<number, string>();
  /** The first in line of each priority class of each queue a window serves; the index walks straight to each, however long the line. */
  const heads = (date: string, window: HallWindow) => {
    const params = window.queues.flatMap((served) => [1, 0].flatMap((priority) => [date, served.queueId, priority, window.number]));
    const count = window.queues.length * 2;
    let sql = headsSql.get(count);
    if (!sql)
      headsSql.set(count, (sql = Array.from({ length: count }, (_, i) => `SELECT * FROM (${HEAD}) AS head_${i}`).join(' UNION ALL ')));
    return query<TicketRow>(sql, ...params);
  };
  const setClerk = (windowNumber: number, clerkId: string | null) =>
    store.write(
      'INSERT INTO window_state (window_number, paused, updated_at, clerk_id) VALUES (?, 0, ?, ?) ON CONFLICT (window_number) DO UPDATE SET clerk_id = excluded.clerk_id, updated_at = excluded.updated_at',
      windowNumber,
      now().toISOString(),
      clerkId,
    );
  const setPaused = (windowNumber: number, pause: boolean) =>
    store.write(
      'INSERT INTO window_state (window_number, paused, updated_at) VALUES (?, ?, ?) ON CONFLICT (window_number) DO UPDATE SET paused = excluded.paused, updated_at = excluded.updated_at',
      windowNumber,
      pause ? 1 : 0,
      now().toISOString(),
    );

  function windowOf(number: number): HallWindow {
    const window = windows().get(number);
    if (!window) throw new ApiError('NOT_FOUND', `本大厅没有 ${number} 号窗口 / this hall has no window ${number}`);
    return window;
  }

  function ref(row: TicketRow, windowNumber: number | null, announce = false): HallTicketRef {
    const window = windowNumber === null ? null : (windows().get(windowNumber) ?? null);
    return {
      ticketId: row.id,
      ticketNumber: row.ticket_number,
      queueId: row.queue_id,
      queueName: queues().get(row.queue_id)?.name ?? row.queue_id,
      windowNumber,
      windowName: window?.name ?? null,
      announcement:
        announce && windowNumber !== null
          ? rules().announcement.replace('{number}', row.ticket_number).replace('{window}', String(windowNumber))
          : null,
      offline: row.lease_id !== null,
      issuedAt: row.issued_at,
    };
  }

  /** Writes a move: the ticket as it was, with the changed columns. */
  async function save(row: TicketRow, changes: TicketChanges): Promise<void> {
    const next = { ...row, ...changes };
    await store.write(
      `UPDATE tickets SET state = ?, queue_id = ?, window_number = ?, target_window = ?, called_at = ?, recalls = ?, finished_at = ?,
         service_codes = ?, line_at = ?, clerk_id = ? WHERE id = ?`,
      next.state,
      next.queue_id,
      next.window_number,
      next.target_window,
      next.called_at,
      next.recalls,
      next.finished_at,
      next.service_codes,
      next.line_at,
      next.clerk_id,
      next.id,
    );
  }

  async function requireCurrent(windowNumber: number): Promise<TicketRow> {
    windowOf(windowNumber);
    const row = await current(today(), windowNumber);
    if (!row)
      throw new ApiError(
        'REFUSED',
        `${windowNumber}号窗口当前没有正在办理的号码，请先叫号 / window ${windowNumber} is serving no ticket: call one first`,
      );
    return row;
  }

  /** Orders a queue's waiting tickets: by when they got in line, priority ones moved ahead by a bounded advance. */
  function effectiveTime(row: TicketRow): number {
    return Date.parse(row.line_at) - (row.priority ? rules().priorityAdvanceMinutes * 60_000 : 0);
  }

  /**
   * Picks the next ticket for a window: among the queues it serves, the one furthest behind its
   * weight (calls so far ÷ weight) that has someone waiting; within that queue, the earliest by
   * effective time. A ticket transferred to this window by name counts in its queue like any other.
   */
  function pick(window: HallWindow, calledSoFar: { queue_id: string; n: number }[], waiting: TicketRow[]): TicketRow | null {
    const calls = new Map(calledSoFar.map((row) => [row.queue_id, row.n]));
    let best: { row: TicketRow; load: number; time: number } | null = null;
    for (const served of window.queues) {
      const inLine = waiting.filter((row) => row.queue_id === served.queueId);
      if (!inLine.length) continue;
      const head = inLine.reduce((a, b) => (effectiveTime(b) < effectiveTime(a) ? b : a));
      const load = (calls.get(served.queueId) ?? 0) / served.weight;
      const time = effectiveTime(head);
      if (!best || load < best.load || (load === best.load && time < best.time)) best = { row: head, load, time };
    }
    return best?.row ?? null;
  }

  /** Each move is one transaction under the hall's write lock. */
  const transaction =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      store.transaction(() => fn(...args));

  return {
    callNext: transaction(async (windowNumber: number): Promise<HallTicketRef> => {
      const window = windowOf(windowNumber);
      const date = today();
      // All a call reads, together: on PostgreSQL one round trip under the hall's lock, a call being the busiest change there is.
      const [[state], [busy], calledSoFar, waiting] = await store.allTogether(
        query<{ paused: number; clerk_id: string | null }>(
          'SELECT paused, clerk_id FROM window_state WHERE window_number = ?',
          windowNumber,
        ),
        query<TicketRow>(CURRENT, date, windowNumber),
        query<{ queue_id: string; n: number }>(
          'SELECT queue_id, count(*) AS n FROM tickets WHERE service_date = ? AND window_number = ? AND called_at IS NOT NULL GROUP BY queue_id',
          date,
          windowNumber,
        ),
        heads(date, window),
      );
      if (state?.paused)
        throw new ApiError('REFUSED', `${windowNumber}号窗口已暂停，请先恢复服务 / window ${windowNumber} is paused: resume it first`);
      if (busy)
        throw new ApiError(
          'REFUSED',
          `请先办结、过号或转移当前号码 ${busy.ticket_number} / finish, mark no-show or transfer ${busy.ticket_number} first`,
        );
      const clerkId = state?.clerk_id ?? null;
      if (clerks().size > 0 && !clerkId)
        throw new ApiError('REFUSED', `请工作人员先登录 ${windowNumber} 号窗口 / a clerk must log in at window ${windowNumber} first`);
      const next = pick(window, calledSoFar, waiting);
      if (!next) throw new ApiError('REFUSED', '当前没有等候的群众 / nobody is waiting for this window');
      await save(next, {
        state: 'called',
        window_number: windowNumber,
        target_window: null,
        called_at: now().toISOString(),
        clerk_id: clerkId,
      });
      const called = ref(next, windowNumber, true);
      await events.append('ticket.called', called, windowNumber);
      return called;
    }),

    recall: transaction(async (windowNumber: number): Promise<HallTicketRef> => {
      const row = await requireCurrent(windowNumber);
      if (row.recalls >= rules().maxRecalls) {
        throw new ApiError(
          'REFUSED',
          `${row.ticket_number} 已重呼 ${row.recalls} 次，请按过号处理 / ${row.ticket_number} was recalled ${row.recalls} times: mark it no-show`,
        );
      }
      await save(row, { recalls: row.recalls + 1 });
      const called = ref(row, windowNumber, true);
      await events.append('ticket.recalled', called, windowNumber);
      return called;
    }),

    noShow: transaction(async (windowNumber: number): Promise<HallTicketRef> => {
      const row = await requireCurrent(windowNumber);
      await save(row, { state: 'no_show', finished_at: now().toISOString() });
      const ticket = ref(row, windowNumber);
      await events.append('ticket.noShow', ticket, windowNumber);
      return ticket;
    }),

    /** 过号 and back in time: today's number gets in line again from now on, behind those already waiting. */
    reinstate: transaction(async (ticketNumber: string): Promise<HallTicketRef> => {
      const row = await byNumber(today(), ticketNumber);
      if (!row)
        throw new ApiError('NOT_FOUND', `今天没有 ${ticketNumber} 这个号码，请核对凭条上的号码 / there is no ticket ${ticketNumber} today`);
      if (row.state !== 'no_show')
        throw new ApiError('REFUSED', `${ticketNumber} 不是过号状态，无需重新排队 / ${ticketNumber} is not a no-show`);
      if (row.service_date !== today() || Date.parse(row.finished_at!) + rules().noShowReturnMinutes * 60_000 < now().getTime()) {
        throw new ApiError(
          'REFUSED',
          `过号已超过 ${rules().noShowReturnMinutes} 分钟，请重新取号 / more than ${rules().noShowReturnMinutes} minutes since the no-show: take a new number`,
        );
      }
      await save(row, { state: 'waiting', window_number: null, finished_at: null, recalls: 0, line_at: now().toISOString() });
      const ticket = ref(row, null);
      await events.append('ticket.reinstated', ticket, null);
      return ticket;
    }),

    /** To another queue or a named window; the citizen keeps the number and their place by when they first got in line. */
    transfer: transaction(async (windowNumber: number, target: TransferTarget): Promise<HallTicketRef> => {
      const row = await requireCurrent(windowNumber);
      const toWindow = target.windowNumber === undefined ? null : windowOf(target.windowNumber);
      let queueId = target.queueId ?? row.queue_id;
      if (toWindow && !target.queueId) {
        const servesCurrent = toWindow.queues.some((served) => served.queueId === row.queue_id);
        queueId = servesCurrent ? row.queue_id : toWindow.queues[0]!.queueId;
      }
      if (!queues().has(queueId)) throw new ApiError('NOT_FOUND', `没有编号为 ${queueId} 的队列 / no queue ${queueId}`);
      if (toWindow && !toWindow.queues.some((served) => served.queueId === queueId)) {
        throw new ApiError(
          'REFUSED',
          `${toWindow.number}号窗口不办理${queues().get(queueId)!.name} / window ${toWindow.number} does not serve ${queueId}`,
        );
      }
      if (!toWindow && queueId === row.queue_id)
        throw new ApiError('REFUSED', '请选择要转去的业务或窗口 / choose the queue or window to transfer to');
      await save(row, { state: 'waiting', queue_id: queueId, window_number: null, target_window: toWindow?.number ?? null, recalls: 0 });
      const ticket = ref({ ...row, queue_id: queueId }, toWindow?.number ?? null);
      await events.append('ticket.transferred', ticket, windowNumber, { note: target.note });
      return ticket;
    }),

    park: transaction(async (windowNumber: number): Promise<HallTicketRef> => {
      const row = await requireCurrent(windowNumber);
      await save(row, { state: 'parked' });
      const ticket = ref(row, windowNumber);
      await events.append('ticket.parked', ticket, windowNumber);
      return ticket;
    }),

    resume: transaction(async (windowNumber: number, ticketId: string): Promise<HallTicketRef> => {
      windowOf(windowNumber);
      const row = await byId(ticketId);
      if (!row || row.state !== 'parked' || row.window_number !== windowNumber) {
        throw new ApiError('REFUSED', `该号码未在${windowNumber}号窗口挂起 / this ticket is not parked at window ${windowNumber}`);
      }
      const busy = await current(today(), windowNumber);
      if (busy) throw new ApiError('REFUSED', `请先处理当前号码 ${busy.ticket_number} / deal with ${busy.ticket_number} first`);
      await save(row, { state: 'called' });
      const ticket = ref(row, windowNumber, true);
      await events.append('ticket.resumed', ticket, windowNumber);
      return ticket;
    }),

    finish: transaction(async (windowNumber: number, serviceCodes: string[]): Promise<HallTicketRef> => {
      const row = await requireCurrent(windowNumber);
      await save(row, { state: 'served', finished_at: now().toISOString(), service_codes: JSON.stringify(serviceCodes) });
      const ticket = ref(row, windowNumber);
      await events.append('ticket.finished', ticket, windowNumber);
      return ticket;
    }),

    pause: transaction(async (windowNumber: number, pause: boolean): Promise<WindowView> => {
      windowOf(windowNumber);
      await setPaused(windowNumber, pause);
      await events.append(pause ? 'window.paused' : 'window.resumed', null, windowNumber);
      return await windowView(windowNumber);
    }),

    /**
     * Starts a login, by the clerk's id or their own ID card: the try is counted for the window and for
     * the clerk (or the id or card named, when it is no clerk's) before the PIN is checked, slowly,
     * elsewhere; refused while either is locked.
     */
    async beginLogin(windowNumber: number, who: { clerkId: string } | { idNumber: string }): Promise<LoginAttempt> {
      windowOf(windowNumber);
      const cardHash = 'idNumber' in who ? idHash(who.idNumber) : null;
      const clerk =
        ('clerkId' in who
          ? clerks().get(who.clerkId)
          : config.current().clerks.find((candidate) => cardHash !== null && candidate.idHash === cardHash)) ?? null;
      const keys = [`window ${windowNumber}`, clerk ? `clerk ${clerk.id}` : 'clerkId' in who ? `clerk ${who.clerkId}` : `card ${cardHash}`];
      return { windowNumber, clerk, byCard: cardHash !== null, keys, triesLeft: await guard.begin(keys) };
    },

    /** Ends a login: the clerk at the window when the PIN matched; else the failed try, in the chained log, and the refusal to give. */
    finishLogin: transaction(
      async (attempt: LoginAttempt, pinMatched: boolean): Promise<{ window: WindowView } | { refusal: ApiError }> => {
        const { windowNumber, clerk } = attempt;
        if (!clerk || !pinMatched) {
          await events.append('clerk.loginFailed', null, windowNumber, { clerkId: clerk?.id, triesLeft: attempt.triesLeft });
          const wrong = attempt.byCard
            ? '该证件未登记为本厅工作人员，或密码不正确 / this card is not a clerk’s, or the PIN is wrong'
            : '工号或密码不正确 / wrong clerk id or PIN';
          return { refusal: wrongTry(wrong, attempt.triesLeft) };
        }
        await guard.succeeded(attempt.keys);
        // Said only to whoever knows the PIN: a disabled account is nobody else's business.
        if (clerk.disabled)
          return {
            refusal: new ApiError(
              'REFUSED',
              `工号 ${clerk.id} 已停用，请联系大厅管理员 / clerk ${clerk.id} is disabled: ask the hall manager`,
            ),
          };
        await setClerk(windowNumber, clerk.id);
        await events.append('clerk.loggedIn', null, windowNumber, { clerkId: clerk.id });
        return { window: await windowView(windowNumber) };
      },
    ),

    logout: transaction(async (windowNumber: number): Promise<WindowView> => {
      windowOf(windowNumber);
      // Who left is in the log too: a logout by the console (a clerk disabled) names whom it ended.
      const state = await store.get<{ clerk_id: string | null }>('SELECT clerk_id FROM window_state WHERE window_number = ?', windowNumber);
      await setClerk(windowNumber, null);
      await events.append('clerk.loggedOut', null, windowNumber, state?.clerk_id ? { clerkId: state.clerk_id } : undefined);
      return await windowView(windowNumber);
    }),

    window: (windowNumber: number) => windowView(windowNumber),
    windows: () => windowViews(config.current().windows),
  };

  async function windowView(windowNumber: number): Promise<WindowView> {
    return (await windowViews([windowOf(windowNumber)]))[0]!;
  }

  /** Windows as a board or a counter shows them, in three queries however many: a snapshot reads them all. */
  async function windowViews(shown: readonly HallWindow[]): Promise<WindowView[]> {
    const date = today();
    const called = await store.all<TicketRow>("SELECT * FROM tickets WHERE service_date = ? AND state = 'called'", date);
    const states = await store.all<{ window_number: number; paused: number; clerk_id: string | null }>(
      'SELECT window_number, paused, clerk_id FROM window_state',
    );
    const parked = await store.all<TicketRow>("SELECT * FROM tickets WHERE service_date = ? AND state = 'parked' ORDER BY called_at", date);
    return shown.map((window) => {
      const state = states.find((each) => each.window_number === window.number);
      const row = called.find((each) => each.window_number === window.number);
      const clerk = state?.clerk_id ? clerks().get(state.clerk_id) : undefined;
      return {
        number: window.number,
        name: window.name,
        paused: Boolean(state?.paused),
        clerk: clerk ? { id: clerk.id, name: clerk.name } : null,
        current: row ? ref(row, window.number) : null,
        parked: parked.filter((each) => each.window_number === window.number).map((each) => ref(each, window.number)),
      };
    });
  }
}

export type CallingEngine = ReturnType<typeof createCallingEngine>;
