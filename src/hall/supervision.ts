import { createPlatformRoutes } from '../http-client/platform-routes.js';
import type { HallConfig } from '../shared/hall-config.js';
import type { HallEvent } from '../shared/hall-events.js';
import { dayAfter, localMidnight, wireDateText } from '../shared/local-date.js';
import {
  AUDIT_PAGE_ROWS,
  type AuditQuery,
  type AuditRow,
  type AuditVerification,
  type DeadlineCard,
  type DeadlineCards,
} from '../shared/supervision.js';
import { auditVerdict, describeAuditProblem, verifyChain, type AuditProblem } from '../storage/audit-chain.js';
import type { EventLog } from './event-log.js';
import type { LiveConfig } from './live-config.js';
import type { HallStore, SqlValue } from './storage/store.js';
import { workingDaysBetween, type WorkingCalendarService } from './working-days.js';

interface Row {
  seq: number;
  at: string;
  type: HallEvent['type'];
  payload: string;
  actor: string;
  hash: string | null;
}

/** A CSV export holds this many rows at most: a year of a busy hall's log is for the JSON lines export. */
const CSV_ROWS = 100_000;

/**
 * 电子监察: the hall's chained log as a supervisor reads it (filtered by days, actor and kind, newest
 * first), checked whole (each hash, each link) and against the platform's anchors of it, and exported for
 * 第三方监督评估: the rows as CSV to read, the chain itself as JSON lines for `onewindow-audit verify`.
 */
export function createSupervision(options: {
  store: HallStore;
  events: EventLog;
  config: LiveConfig;
  platform: HallConfig['platform'];
  calendar: WorkingCalendarService;
  today: () => string;
}) {
  const { store, events, config } = options;
  const platform = options.platform
    ? createPlatformRoutes({
        baseUrl: options.platform.url,
        terminalId: options.platform.terminalId,
        secret: options.platform.secret,
        timeoutMs: 10_000,
        who: { zh: '大厅服务器', en: 'the hall server' },
      })
    : null;

  function filter(query: AuditQuery): { where: string; params: SqlValue[] } {
    const { timeZone } = config.current();
    const clauses: string[] = [];
    const params: SqlValue[] = [];
    if (query.from) {
      clauses.push('at >= ?');
      params.push(localMidnight(query.from, timeZone).toISOString());
    }
    if (query.to) {
      clauses.push('at < ?');
      params.push(localMidnight(dayAfter(query.to), timeZone).toISOString());
    }
    if (query.actor) {
      clauses.push("actor LIKE ? ESCAPE '\\'");
      params.push(`%${query.actor.replace(/[%_\\]/g, (special) => `\\${special}`)}%`);
    }
    if (query.type) {
      clauses.push('type = ?');
      params.push(query.type);
    }
    if (query.before) {
      clauses.push('seq < ?');
      params.push(query.before);
    }
    return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
  }

  function toRow(row: Row): AuditRow {
    const hall = config.current();
    const event = JSON.parse(row.payload) as Partial<HallEvent>;
    const managerId = row.actor.startsWith('manager:') ? row.actor.slice('manager:'.length) : null;
    const clerk = event.clerkId ? hall.clerks.find((each) => each.id === event.clerkId) : undefined;
    const subject =
      event.terminalId ??
      (clerk ? `${clerk.name}（${clerk.id}）` : event.clerkId) ??
      event.managerId ??
      event.followUpId ??
      event.alertId ??
      event.alertRuleId ??
      event.calendarDate ??
      (event.settingsVersion ? `v${event.settingsVersion}` : undefined) ??
      null;
    return {
      seq: row.seq,
      at: row.at,
      type: row.type,
      actor: row.actor,
      actorName: managerId ? (hall.managers.find((manager) => manager.id === managerId)?.name ?? null) : null,
      windowNumber: event.windowNumber ?? event.ticket?.windowNumber ?? null,
      ticketNumber: event.ticket?.ticketNumber ?? null,
      subject,
      hash: row.hash,
    };
  }

  const select = (query: AuditQuery, limit: number) => {
    const { where, params } = filter(query);
    return store.all<Row>(
      `SELECT seq, at, type, payload, actor, hash FROM hall_events ${where} ORDER BY seq DESC LIMIT ?`,
      ...params,
      limit,
    );
  };

  /** The platform's word on the anchors: each anchored seq checked against this log's own hash there. */
  async function anchorProblems(lastSeq: number): Promise<{ problems: AuditProblem[]; platform: AuditVerification['platform'] }> {
    if (!platform) return { problems: [], platform: { state: 'unconfigured' } };
    const seqs = await platform.checkAnchors({ body: { points: [] } });
    if (!seqs.ok) return { problems: [], platform: { state: 'unreachable', message: seqs.message } };
    const points = (
      await Promise.all(seqs.value.anchors.map(async (anchor) => ({ seq: anchor.seq, hash: await events.hashAt(anchor.seq) })))
    ).filter((point): point is { seq: number; hash: string } => point.hash !== null);
    const checked = await platform.checkAnchors({ body: { points } });
    if (!checked.ok) return { problems: [], platform: { state: 'unreachable', message: checked.message } };
    const { anchors } = checked.value;
    const problems: AuditProblem[] = [];
    const beyond = anchors.filter((anchor) => anchor.seq > lastSeq);
    if (beyond.length > 0) problems.push({ kind: 'truncated', lastSeq, anchorSeq: beyond.at(-1)!.seq, reportedAt: null });
    const differs = anchors.filter((anchor) => anchor.seq <= lastSeq && anchor.matches !== true);
    if (differs.length > 0) problems.push({ kind: 'rewritten', seq: differs[0]!.seq, reportedAt: null });
    const newest = anchors.at(-1);
    return {
      problems,
      platform: {
        state: 'checked',
        anchors: anchors.length,
        matched: anchors.filter((anchor) => anchor.matches === true).length,
        newestSeq: newest?.seq ?? null,
        newestAt: newest?.at ?? null,
      },
    };
  }

  return {
    async page(query: AuditQuery) {
      const rows = await select(query, AUDIT_PAGE_ROWS + 1);
      const shown = rows.slice(0, AUDIT_PAGE_ROWS).map(toRow);
      return { rows: shown, nextBefore: rows.length > AUDIT_PAGE_ROWS ? shown.at(-1)!.seq : null };
    },

    async csv(query: AuditQuery): Promise<string> {
      const quote = (value: string | number | null) => {
        const text = value === null ? '' : String(value);
        return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
      };
      const lines = (await select(query, CSV_ROWS))
        .map(toRow)
        .map((row) =>
          [row.seq, row.at, row.type, row.actor, row.actorName, row.windowNumber, row.ticketNumber, row.subject, row.hash]
            .map(quote)
            .join(','),
        );
      return `\uFEFF序号 seq,时间 at (UTC),事件 type,操作者 actor,姓名 name,窗口 window,号码 ticket,对象 subject,哈希 hash\n${lines.join('\n')}\n`;
    },

    /** Every chained entry, oldest first, as `hall:admin audit-export` writes them. */
    async *chain(): AsyncGenerator<string> {
      for await (const entry of events.auditEntries()) yield `${JSON.stringify(entry)}\n`;
    },

    /** The hall's 承诺件 from the platform, carded by the hall's working days: 红牌 past the promised date, 黄牌 near it. */
    async cards(): Promise<DeadlineCards> {
      if (!platform) return { state: 'unconfigured' };
      const open = await platform.openDeadlines({});
      if (!open.ok) return { state: 'unreachable', message: open.message };
      const today = options.today();
      const overrides = await options.calendar.overrides();
      const warningDays = config.current().yellowCardWorkingDays;
      const cards = open.value.cases.flatMap((wire): DeadlineCard[] => {
        // The platform's date is the wire's YYYYMMDD.
        const due = { ...wire, promisedDate: wireDateText(wire.promisedDate) };
        if (due.promisedDate < today)
          return [{ ...due, card: 'red', workingDaysLeft: -workingDaysBetween(due.promisedDate, today, overrides) }];
        const left = workingDaysBetween(today, due.promisedDate, overrides);
        return left <= warningDays ? [{ ...due, card: 'yellow', workingDaysLeft: left }] : [];
      });
      return { state: 'checked', today, warningDays, open: open.value.cases.length, cards };
    },

    async verify(now: Date): Promise<AuditVerification> {
      const lines: string[] = [];
      let lastSeq = 0;
      for await (const entry of events.auditEntries()) {
        lines.push(JSON.stringify(entry));
        lastSeq = entry.seq;
      }
      const own = verifyChain(lines);
      const anchored = await anchorProblems(lastSeq);
      const problems = [...own.problems, ...anchored.problems];
      const matched = anchored.platform.state === 'checked' ? anchored.platform.matched : 0;
      return {
        checkedAt: now.toISOString(),
        entries: own.entries,
        lastSeq,
        intact: problems.length === 0,
        verdict: auditVerdict(own.entries, matched, problems),
        problems: problems.map(describeAuditProblem),
        platform: anchored.platform,
      };
    },
  };
}

export type Supervision = ReturnType<typeof createSupervision>;
