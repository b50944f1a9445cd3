import type { Evaluation } from '../shared/evaluation.js';
import { isBadReview, SATISFACTION_LEVELS } from '../shared/satisfaction.js';
import { uuidv7 } from '../shared/uuid.js';
import type { Caller } from './access.js';
import { ApiError } from '../shared/errors.js';
import type { EventLog } from './event-log.js';
import type { FollowUps } from './follow-ups.js';
import type { HallStore } from './storage/store.js';

interface EvaluationRequest {
  ticketId: string;
  level: number;
  reasons: string[];
  text?: string;
  contact?: string;
}

/** Records a rating for a served ticket, once, and in the chained log (the console's 差评 alerts follow it); a 差评 opens its work order. */
export function createEvaluations(store: HallStore, events: EventLog, followUps: FollowUps, now: () => Date) {
  return {
    record: (request: EvaluationRequest, caller: Caller): Promise<Evaluation> =>
      store.transaction(async () => {
        const row = await store.get<{
          id: string;
          ticket_number: string;
          state: string;
          window_number: number | null;
          service_date: string;
        }>('SELECT id, ticket_number, state, window_number, service_date FROM tickets WHERE id = ?', request.ticketId);
        if (!row || row.state !== 'served')
          throw new ApiError('REFUSED', '该号码尚未办结，暂不能评价 / only a finished service can be rated');
        if (caller.window !== null && row.window_number !== caller.window) {
          throw new ApiError(
            'FORBIDDEN',
            `该号码不是在 ${caller.window} 号窗口办理的 / this ticket was not served at window ${caller.window}`,
          );
        }
        if (await store.get('SELECT id FROM evaluations WHERE ticket_id = ?', request.ticketId))
          throw new ApiError('REFUSED', '该次服务已评价，感谢您的参与 / this service has been rated already, thank you');
        const evaluation: Evaluation = {
          id: uuidv7(),
          ticketId: row.id,
          ticketNumber: row.ticket_number,
          windowNumber: row.window_number,
          at: now().toISOString(),
          level: request.level,
          levelName: SATISFACTION_LEVELS[request.level - 1]!.name,
          reasons: request.reasons,
          followUp: isBadReview(request.level),
        };
        await store.run(
          `INSERT INTO evaluations (id, ticket_id, service_date, window_number, at, level, reasons, text, channel, follow_up, actor)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'hall-window', ?, ?)`,
          evaluation.id,
          evaluation.ticketId,
          row.service_date,
          evaluation.windowNumber,
          evaluation.at,
          evaluation.level,
          JSON.stringify(request.reasons),
          request.text ?? null,
          evaluation.followUp ? 1 : 0,
          caller.terminalId,
        );
        await events.withActor(caller.terminalId, async () => {
          await events.append('evaluation.recorded', null, evaluation.windowNumber, { evaluationId: evaluation.id });
          // A contact left with a good rating is not the hall's to keep: it is only for a 差评's return call.
          if (evaluation.followUp) await followUps.open(evaluation.id, row.service_date, request.contact ?? null);
        });
        return evaluation;
      }),
  };
}
