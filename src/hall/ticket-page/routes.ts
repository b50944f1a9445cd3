import type { AddressInfo } from 'node:net';
import type { FastifyBaseLogger, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hallApi, ticketPage } from '../../shared/hall-api.js';
import type { LiveConfig } from '../live-config.js';
import type { IssuedTicket, Ticket } from '../../shared/tickets.js';
import { ApiError } from '../../shared/errors.js';
import { serveRoute } from '../../http-server/serve-route.js';
import type { HallStore } from '../storage/store.js';
import type { TicketNumberService } from '../ticket-numbers.js';
import { TICKET_PAGE_CSP, ticketPageHtml, ticketPageRefusalHtml } from './html.js';
import { createTicketLinks } from './links.js';
import { createTicketStatus } from './status.js';

export interface TicketPageOptions {
  store: HallStore;
  config: LiveConfig;
  tickets: TicketNumberService;
  now: () => Date;
  tls: boolean;
  logger?: FastifyBaseLogger | false;
  mount?: HallMount;
}

/** A hall of a county cluster: served under `path` on the cluster's server, which alone listens and knows its address. */
export interface HallMount {
  path: string;
  address(): AddressInfo | string | null;
}

const GONE = ['排队号仅限当日使用；号码链接有误或已过期', '如需办理，请到取号机重新取号'];
const PAGE_PATHS = new Set<string>([ticketPage.path, hallApi.ticketStatus.path]);

/**
 * Each ticket's public page, for the citizen's phone: its secret link is the only key, so it needs
 * no login and shows the ticket alone. Its requests fall under the per-address rate limit of every
 * caller without a terminal token.
 */
export function serveTicketPages(app: FastifyInstance, options: TicketPageOptions) {
  const { config, tickets } = options;
  const links = createTicketLinks(options.store);
  const status = createTicketStatus(options.store, config, tickets, options.now);
  let warned = false;

  /** The configured public address (on a cluster, with the hall's path); else the hall's own when it listens on loopback (the demo); else none. */
  function publicBase(): string | null {
    const { publicUrl } = config.current();
    if (publicUrl) return publicUrl;
    const listening = options.mount ? [options.mount.address()] : app.addresses();
    const loopback = listening.find(
      (address): address is AddressInfo =>
        typeof address === 'object' && address !== null && (address.address === '127.0.0.1' || address.address === '::1'),
    );
    if (loopback)
      return `${options.tls ? 'https' : 'http'}://${loopback.address.includes(':') ? `[${loopback.address}]` : loopback.address}:${loopback.port}${options.mount?.path ?? ''}`;
    if (!warned && options.logger) options.logger.warn('publicUrl is not configured: queue tickets carry no link to their page');
    warned = true;
    return null;
  }

  const find = async (request: FastifyRequest) => {
    const ticketId = await links.ticketOf((request.params as { token: string }).token, tickets.serviceDate());
    return ticketId === null ? null : status.of(ticketId);
  };

  app.addHook('onSend', async (request, reply) => {
    if (!PAGE_PATHS.has(request.routeOptions.url ?? '')) return;
    reply
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .header('x-robots-tag', 'noindex')
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', TICKET_PAGE_CSP);
  });

  const html = (reply: FastifyReply, code: number, body: string) => reply.status(code).type('text/html; charset=utf-8').send(body);

  app.route({
    method: 'GET',
    url: ticketPage.path,
    // A person reads this page: refusals (the rate limit's too) come as a page in Chinese, not as JSON.
    errorHandler: (error: FastifyError, request, reply) => {
      if (error instanceof ApiError && error.status === 429) {
        return html(reply, 429, ticketPageRefusalHtml('查询过于频繁', [`请 ${reply.getHeader('retry-after') ?? 60} 秒后再刷新本页`]));
      }
      request.log.error({ err: error }, 'ticket page failed');
      return html(reply, 500, ticketPageRefusalHtml('暂时无法显示', ['请稍后刷新本页，或留意大厅的叫号屏']));
    },
    handler: async (request, reply) => {
      const found = await find(request);
      return found ? html(reply, 200, ticketPageHtml(found)) : html(reply, 404, ticketPageRefusalHtml('未找到该号码', GONE));
    },
  });

  serveRoute(
    app,
    hallApi.ticketStatus,
    () => null,
    async (_body, { request }) => {
      const found = await find(request);
      if (!found) throw new ApiError('NOT_FOUND', `未找到该号码：${GONE.join('；')} / no such ticket today`);
      return found;
    },
  );

  const rules = config.derived(({ calling }) => ({ maxRecalls: calling.maxRecalls, noShowReturnMinutes: calling.noShowReturnMinutes }));
  return {
    /** The ticket as handed out: with a new link to its page (in the same transaction as the ticket) and the rules for its slip. */
    async issued(ticket: Ticket): Promise<IssuedTicket> {
      const base = publicBase();
      const statusUrl = base === null ? null : `${base}/t/${await links.grant(ticket.id, ticket.serviceDate)}`;
      return { ...ticket, statusUrl, rules: rules() };
    },
    /** A ticket a kiosk printed offline, with the link it made for it: the page opens once the hall has the ticket. */
    adopt: (ticket: Ticket, token: string) => links.grant(ticket.id, ticket.serviceDate, token),
    /** Where the tickets' pages are, for the links a kiosk makes offline. */
    base: publicBase,
    rules,
  };
}
