import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hallApi } from '../shared/hall-api.js';
import { serveRoute } from '../http-server/serve-route.js';
import type { ManagerCaller } from './manager-sessions.js';
import type { Supervision } from './supervision.js';

/** 电子监察 on the console: the log read, checked and exported, by managers and supervisors (监察) alike. */
export function serveSupervisionRoutes(
  app: FastifyInstance,
  {
    supervision,
    read,
    today,
    now,
  }: { supervision: Supervision; read: (request: FastifyRequest) => Promise<ManagerCaller>; today: () => string; now: () => Date },
) {
  serveRoute(app, hallApi.auditLog, read, (_body, { query }) => supervision.page(query));
  serveRoute(app, hallApi.auditVerify, read, () => supervision.verify(now()));
  serveRoute(app, hallApi.deadlineCards, read, () => supervision.cards());
  serveRoute(app, hallApi.auditCsv, read, async (_body, { query, reply }) => {
    void reply.header('content-disposition', `attachment; filename="hall-audit-${query.from ?? 'start'}-${query.to ?? today()}.csv"`);
    return supervision.csv(query);
  });
  serveRoute(app, hallApi.auditChain, read, async (_body, { reply }) => {
    void reply.header('content-disposition', `attachment; filename="hall-audit-chain-${today()}.jsonl"`);
    let text = '';
    for await (const line of supervision.chain()) text += line;
    return text;
  });
}
