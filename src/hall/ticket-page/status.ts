import type { TicketPageStatus } from '../../shared/hall-api.js';
import { localTimeOfDay } from '../../shared/local-date.js';
import { ticketRuleWords } from '../../shared/tickets.js';
import type { LiveConfig } from '../live-config.js';
import type { HallStore } from '../storage/store.js';
import type { TicketNumberService } from '../ticket-numbers.js';

interface Row {
  arrival: number;
  queue_id: string;
  ticket_number: string;
  state: TicketPageStatus['state'];
  priority: number;
  line_at: string;
  window_number: number | null;
  finished_at: string | null;
  service_date: string;
}

/**
 * One ticket's state in the words of its public page. It reads the ticket's own row and counts the
 * line before it; it never returns another ticket's number, nor anything of the person who holds it.
 */
export function createTicketStatus(
  store: HallStore,
  config: LiveConfig,
  tickets: Pick<TicketNumberService, 'estimatedWaitMinutes'>,
  now: () => Date,
) {
  const queues = config.derived((hall) => new Map(hall.queues.map((queue) => [queue.id, queue])));
  const windows = config.derived((hall) => new Map(hall.windows.map((window) => [window.number, window])));
  const calling = config.derived((hall) => ({ rules: hall.calling, words: ticketRuleWords(hall.calling) }));

  const byId = (id: string) =>
    store.get<Row>(
      'SELECT arrival, queue_id, ticket_number, state, priority, line_at, window_number, finished_at, service_date FROM tickets WHERE id = ?',
      id,
    );

  /**
   * The calling engine's order: by time in line, a priority ticket as if it had come the configured
   * minutes earlier; at the same time, a priority ticket first, then the one issued first.
   */
  async function aheadOf(row: Row): Promise<number> {
    const advanceMs = calling().rules.priorityAdvanceMinutes * 60_000;
    const effective = Date.parse(row.line_at) - (row.priority ? advanceMs : 0);
    /** Those of a class in line before an instant; at the instant itself, those that arrived before `tiesBefore`. */
    const count = async (priority: number, lineAt: number, tiesBefore: number) => {
      const at = new Date(lineAt).toISOString();
      const found = await store.get<{ n: number }>(
        "SELECT count(*) AS n FROM tickets WHERE service_date = ? AND queue_id = ? AND state = 'waiting' AND priority = ? AND (line_at < ? OR (line_at = ? AND arrival < ?))",
        row.service_date,
        row.queue_id,
        priority,
        at,
        at,
        tiesBefore,
      );
      return found!.n;
    };
    const sameClass = await count(row.priority, Date.parse(row.line_at), row.arrival);
    const otherClass = row.priority ? await count(0, effective, 0) : await count(1, effective + advanceMs, Number.MAX_SAFE_INTEGER);
    return sameClass + otherClass;
  }

  async function describe(
    row: Row,
    at: Date,
  ): Promise<Pick<TicketPageStatus, 'ahead' | 'estimatedWaitMinutes' | 'window' | 'headline' | 'lines' | 'live'>> {
    const { rules, words } = calling();
    const window =
      row.window_number === null
        ? null
        : { number: row.window_number, name: windows().get(row.window_number)?.name ?? `${row.window_number} 号窗口` };
    const none = { ahead: null, estimatedWaitMinutes: null, window: null };
    switch (row.state) {
      case 'waiting': {
        const ahead = await aheadOf(row);
        const minutes = await tickets.estimatedWaitMinutes(row.queue_id, ahead);
        const wait =
          ahead === 0
            ? '您是下一位，请留意叫号'
            : minutes === null
              ? '今日该业务尚无办结记录，暂不能估算等候时间'
              : `预计还需等候约 ${Math.max(1, minutes)} 分钟`;
        return {
          ahead,
          estimatedWaitMinutes: minutes,
          window: null,
          headline: `前面还有 ${ahead} 人`,
          lines: [wait, '叫到您的号码时，本页会提示您去哪个窗口', words.recall],
          live: true,
        };
      }
      case 'called':
        return {
          ...none,
          window,
          headline: `请到 ${window!.number} 号窗口`,
          lines: [`${window!.name}（${window!.number} 号窗口）正在叫您的号码，请尽快前往`, words.recall],
          live: true,
        };
      case 'parked':
        return {
          ...none,
          window,
          headline: `请回到 ${window!.number} 号窗口`,
          lines: [`您的业务在 ${window!.number} 号窗口暂停办理，准备好后请回到该窗口继续`],
          live: true,
        };
      case 'served':
        return { ...none, headline: '已办结', lines: ['感谢您的耐心等候。如需办理其他业务，请重新取号'], live: false };
      case 'no_show': {
        const until = Date.parse(row.finished_at!) + rules.noShowReturnMinutes * 60_000;
        if (rules.noShowReturnMinutes > 0 && until > at.getTime()) {
          return {
            ...none,
            headline: '已过号',
            lines: [`请在 ${localTimeOfDay(new Date(until), config.current().timeZone)} 前找大厅工作人员为您恢复排队`, words.noShow],
            live: true,
          };
        }
        return {
          ...none,
          headline: '已过号',
          lines: [
            rules.noShowReturnMinutes > 0 ? `过号已超过 ${rules.noShowReturnMinutes} 分钟，如需办理请重新取号` : '如需办理请重新取号',
          ],
          live: false,
        };
      }
      case 'cancelled':
        return { ...none, headline: '号码已取消', lines: ['如需办理，请重新取号'], live: false };
    }
  }

  return {
    /** The ticket's state now; null when there is no such ticket. */
    async of(ticketId: string): Promise<TicketPageStatus | null> {
      const row = await byId(ticketId);
      if (!row) return null;
      const at = now();
      return {
        hallName: config.current().hallName,
        ticketNumber: row.ticket_number,
        queueName: queues().get(row.queue_id)?.name ?? row.queue_id,
        state: row.state,
        checkedAt: localTimeOfDay(at, config.current().timeZone),
        ...(await describe(row, at)),
      };
    },
  };
}
