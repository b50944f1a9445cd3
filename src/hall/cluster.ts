import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import type { Duplex } from 'node:stream';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { httpStatusOf, type ErrorCode } from '../shared/errors.js';
import type { HallConfig } from '../shared/hall-config.js';
import { hallPath, HallClusterHealthSchema } from '../shared/hall-cluster.js';
import { hallApi } from '../shared/hall-api.js';
import { answerClientError, endWithError, errorBody } from '../http-server/error-handling.js';
import type { TlsFiles } from '../http-server/tls.js';
import { createHallServer, type HallServerOptions } from './server.js';
import type { HallStore } from './storage/store.js';

export interface ClusterHall {
  id: string;
  config: HallConfig;
  store: HallStore;
}

export interface HallClusterOptions extends Pick<HallServerOptions, 'instanceId' | 'now'> {
  halls: readonly ClusterHall[];
  logger?: FastifyBaseLogger | false;
  tls?: TlsFiles;
}

export interface HallCluster {
  /** The server that listens; each hall's requests are handed to that hall's own server. */
  server: Server;
  /** Each hall's server, by hall id. */
  halls: ReadonlyMap<string, FastifyInstance>;
  listen(port: number, host: string): Promise<string>;
  close(): Promise<void>;
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;
interface MountedHall {
  app: FastifyInstance;
  handle: Handler;
  hallName: string;
}

const PATH = /^\/halls\/([^/?#]+)(.*)$/;

/**
 * One hall server deployment serving a county's halls. Each hall is a hall server of its own, built as a
 * hall alone is (its configuration, store, clerks, terminals and chained log), mounted at `/halls/<id>`:
 * a request reaches that hall's server only, with the path under it, so a terminal's token, a ticket's
 * link or a clerk's PIN of one hall means nothing at another's path. The cluster itself answers its
 * health (which halls it serves, on which database) and nothing else.
 */
export function createHallCluster(options: HallClusterOptions): HallCluster {
  const front: Server = options.tls ? createHttpsServer(options.tls) : createHttpServer();
  const halls = new Map<string, MountedHall>();
  for (const hall of options.halls) {
    let handle: Handler | undefined;
    const app = createHallServer({
      config: hall.config,
      store: hall.store,
      instanceId: options.instanceId,
      now: options.now,
      logger: options.logger && options.logger.child({ hall: hall.id }),
      mounted: {
        path: hallPath(hall.id),
        tls: options.tls !== undefined,
        address: () => front.address(),
        take: (handler) => {
          handle = handler;
          // Never listens: it is where the hall's event stream hears the upgrades the cluster hands it.
          return createHttpServer();
        },
      },
    });
    halls.set(hall.id, { app, handle: handle!, hallName: hall.config.hallName });
  }

  const known = () => [...halls.keys()].map(hallPath).join('、');
  const unknownHall = (path: string) =>
    `本服务器没有这个大厅：${path}；这里的大厅是 ${known()}，请检查终端配置中的 hall.url / ` +
    `no such hall on this server: ${path}; its halls are ${known()}: check hall.url in the terminal's configuration`;

  /** The hall a path is under, with the path as that hall's server sees it. */
  function hallOf(url: string | undefined): { hall: MountedHall | undefined; rest: string } | null {
    const matched = PATH.exec(url ?? '/');
    if (!matched) return null;
    const rest = matched[2]!;
    if (rest !== '' && !/^[/?]/.test(rest)) return null;
    return { hall: halls.get(matched[1]!), rest: rest.startsWith('/') ? rest : `/${rest}` };
  }

  function answer(response: ServerResponse, status: number, body: unknown): void {
    const json = JSON.stringify(body);
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
    response.end(json);
  }
  const refuse = (response: ServerResponse, code: ErrorCode, message: string) =>
    answer(response, httpStatusOf(code), errorBody(code, message));

  async function health(response: ServerResponse): Promise<void> {
    const first = options.halls[0]!.store;
    const database = await first.health();
    const body = HallClusterHealthSchema.parse({
      service: 'onewindow-hall-cluster',
      instance: { id: options.instanceId ?? hostname(), database: { engine: database.engine, primary: database.primary } },
      halls: [...halls].map(([id, hall]) => ({ id, path: hallPath(id), hallName: hall.hallName })),
    });
    answer(response, 200, body);
  }

  front.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const under = hallOf(request.url);
    if (under?.hall) {
      request.url = under.rest;
      under.hall.handle(request, response);
      return;
    }
    if (under) return refuse(response, 'NOT_FOUND', unknownHall(request.url!.split('?')[0]!));
    if (request.method === 'GET' && request.url?.split('?')[0] === hallApi.health.path) {
      health(response).catch(() =>
        refuse(response, 'UNAVAILABLE', '大厅数据库暂时无法连接 / the hall database is unreachable at the moment'),
      );
      return;
    }
    refuse(
      response,
      'NOT_FOUND',
      `这是县级大厅服务器，各大厅在 /halls/<大厅编号> 下（${known()}） / this is a county hall server: each hall is under /halls/<id> (${known()})`,
    );
  });
  front.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const under = hallOf(request.url);
    if (!under?.hall) {
      endWithError(socket, 'NOT_FOUND', unknownHall((request.url ?? '/').split('?')[0]!));
      return;
    }
    request.url = under.rest;
    under.hall.app.server.emit('upgrade', request, socket, head);
  });
  front.on('clientError', (error: Error & { code?: string }, socket) => answerClientError(error, socket as never));

  return {
    server: front,
    halls: new Map([...halls].map(([id, hall]) => [id, hall.app])),
    async listen(port, host) {
      await Promise.all([...halls.values()].map((hall) => hall.app.ready()));
      await new Promise<void>((resolve, reject) => {
        front.once('error', reject);
        front.listen(port, host, () => {
          front.off('error', reject);
          resolve();
        });
      });
      const address = front.address() as AddressInfo;
      const shown = address.address.includes(':') ? `[${address.address}]` : address.address;
      return `${options.tls ? 'https' : 'http'}://${shown}:${address.port}`;
    },
    async close() {
      // Each hall first: its event streams are told it restarts, and its routines stop; then the listening server.
      await Promise.all([...halls.values()].map((hall) => hall.app.close()));
      await new Promise<void>((resolve) => {
        front.close(() => resolve());
        front.closeIdleConnections();
      });
    },
  };
}
