import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import { createServerInstance, type TlsFiles } from '../http-server/tls.js';
import { join } from 'node:path';
import { ApiError } from '../shared/errors.js';
import { installErrorHandling } from '../http-server/error-handling.js';
import { installRateLimit } from '../http-server/rate-limit.js';
import { serveRoute } from '../http-server/serve-route.js';
import { MaterialFileSchema } from '../shared/cases.js';
import type { Catalog } from '../shared/catalog.js';
import { describeIssues } from '../shared/issues.js';
import {
  IDEMPOTENCY_HEADER,
  platformApi,
  UPLOAD_CHUNK_BYTES,
  UPLOAD_CONTENT_TYPE,
  UPLOAD_LENGTH_HEADER,
  UPLOAD_MEDIA_TYPE_HEADER,
  UPLOAD_OFFSET_HEADER,
} from '../shared/platform-api.js';
import { createGroupCommit } from '../storage/group-commit.js';
import { openDatabase } from '../storage/sqlite.js';
import { createAuditAnchors } from './audit-anchors.js';
import { createCaseLedger } from './case-ledger.js';
import type { PlatformConfig } from './config.js';
import { createIdempotency } from '../http-server/idempotency.js';
import { createMaterialUploads } from './material-uploads.js';
import { PLATFORM_MIGRATIONS } from './migrations.js';
import { createTokens } from './tokens.js';

export interface PlatformServerOptions {
  config: PlatformConfig;
  /** The directory of the database (cases, materials, changes). */
  dataDir: string;
  /** The service catalog it publishes to terminals; none published when absent. */
  catalog?: Catalog;
  now?: () => Date;
  logger?: FastifyBaseLogger | false;
  /** Serve HTTPS with this certificate and key. */
  tls?: TlsFiles;
}

const CREDENTIAL_PARAMETERS = /(^|[?&])(token|access_token|authorization|secret|api_key)=/i;

/**
 * Tokens travel in the Authorization header only: a URL is kept by proxies, browsers' histories and
 * access logs. A request with one in its query string is refused, whether or not it also has the header.
 */
function refuseCredentialsInUrls(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const query = request.url.indexOf('?');
    if (query >= 0 && CREDENTIAL_PARAMETERS.test(request.url.slice(query))) {
      throw new ApiError(
        'TOKEN_IN_URL',
        '令牌或密钥不能放在网址中，请放在 Authorization 请求头里发送 / a token or secret must not be in the URL: send it in the Authorization header',
      );
    }
  });
}

/**
 * A tighter limit for the routes of `scope`, per verified terminal (per address for a caller whose token
 * does not verify: it gets 401 anyway, but may not try tokens faster than this either).
 */
async function limitPerTerminal(
  scope: FastifyInstance,
  perMinute: number,
  callerOf: (request: FastifyRequest) => { terminalId: string },
): Promise<void> {
  await scope.register(fastifyRateLimit, { global: false });
  const check = scope.createRateLimit({
    max: perMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => {
      try {
        return `terminal ${callerOf(request).terminalId}`;
      } catch {
        return `address ${request.ip}`;
      }
    },
  });
  scope.addHook('onRequest', async (request, reply) => {
    const limit = await check(request);
    if (!limit.isAllowed && limit.isExceeded) {
      reply.header('retry-after', String(limit.ttlInSeconds));
      throw new ApiError(
        'RATE_LIMITED',
        `查询过于频繁，请 ${limit.ttlInSeconds} 秒后再试 / too many progress lookups from this terminal: try again in ${limit.ttlInSeconds} s`,
      );
    }
  });
}

/**
 * REFERENCE implementation of the city's central case platform, for development, tests and demos. The
 * product is the terminal and its sync client; this server only answers as the real platform would.
 */
export function createPlatformServer(options: PlatformServerOptions): FastifyInstance {
  const { config } = options;
  const now = options.now ?? (() => new Date());
  const app = createServerInstance({ logger: options.logger, bodyLimit: 1024 * 1024, tls: options.tls, disableRequestLogging: true });
  installErrorHandling(app);
  refuseCredentialsInUrls(app);
  // The route's pattern, never the URL: a query string may carry what must not be logged.
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      { method: request.method, route: request.routeOptions.url ?? '(none)', status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
  });
  const db = openDatabase(join(options.dataDir, 'platform.db'), PLATFORM_MIGRATIONS);
  const ledger = createCaseLedger(db, config.timeZone, now, new Map(config.terminals.map((terminal) => [terminal.id, terminal.hall])));
  const uploads = createMaterialUploads(db);
  const idempotency = createIdempotency(db);
  const tokens = createTokens(config, db, () => now().getTime());
  installRateLimit(app, config.rateLimit, { credentialPaths: [platformApi.token.path], terminalOf: tokens.terminalOf });
  // Every write joins the current group commit: one fsync for all the requests of an event-loop turn.
  const committer = createGroupCommit(db, () => {});
  const counter = tokens.counterOf;
  const anchors = createAuditAnchors(db, now);

  // JSON or upload bytes only: Fastify would hand a text/plain body to a route as a string.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(UPLOAD_CONTENT_TYPE, { parseAs: 'buffer', bodyLimit: UPLOAD_CHUNK_BYTES }, (_request, body, done) =>
    done(null, body),
  );

  serveRoute(
    app,
    platformApi.health,
    () => null,
    () => ({ service: 'onewindow-reference-platform' as const, reference: true as const }),
  );
  serveRoute(
    app,
    platformApi.token,
    () => null,
    (body) => tokens.issue(body.terminalId, body.secret),
  );
  serveRoute(app, platformApi.operation, counter, (body, { caller, request }) =>
    committer.run(() =>
      idempotency.once(caller.terminalId, request.headers[IDEMPOTENCY_HEADER] as string | undefined, body, () =>
        ledger.apply(caller, body),
      ),
    ),
  );
  // The recipient's number stays out of the stored request hash: a hash of so few digits is as good as the number.
  serveRoute(app, platformApi.handOver, counter, (body, { caller, request }) =>
    committer.run(() =>
      idempotency.once(
        caller.terminalId,
        request.headers[IDEMPOTENCY_HEADER] as string | undefined,
        { ...body, recipientIdNumber: undefined },
        () => ledger.handOver(caller, body),
      ),
    ),
  );
  serveRoute(app, platformApi.createUpload, counter, (body, { caller }) => committer.run(() => uploads.create(caller.terminalId, body)));
  serveRoute(app, platformApi.appendUpload, counter, (_body, { caller, request }) => {
    const { sha256 } = request.params as { sha256: string };
    const offset = Number(request.headers[UPLOAD_OFFSET_HEADER]);
    if (!Number.isSafeInteger(offset) || offset < 0)
      throw new ApiError('INVALID_INPUT', 'Upload-Offset 请求头应为非负整数 / the Upload-Offset header must be a whole number ≥ 0');
    if (!Buffer.isBuffer(request.body))
      throw new ApiError('UNSUPPORTED_MEDIA_TYPE', `上传内容类型应为 ${UPLOAD_CONTENT_TYPE} / the body must be ${UPLOAD_CONTENT_TYPE}`);
    const length = request.headers[UPLOAD_LENGTH_HEADER];
    const bytes = request.body;
    if (length === undefined) return committer.run(() => uploads.append(caller.terminalId, sha256, offset, bytes));
    const creation = MaterialFileSchema.safeParse({ sha256, size: Number(length), mediaType: request.headers[UPLOAD_MEDIA_TYPE_HEADER] });
    if (!creation.success)
      throw new ApiError(
        'INVALID_INPUT',
        `Upload-Length 或 Upload-Media-Type 无效 / Upload-Length or Upload-Media-Type is not valid: ${describeIssues(creation.error.issues).join('; ')}`,
      );
    return committer.run(() => uploads.append(caller.terminalId, sha256, offset, bytes, creation.data));
  });
  serveRoute(app, platformApi.changes, counter, (_body, { caller, query }) =>
    ledger.changes(caller.hall, query.after as number, query.limit as number),
  );
  serveRoute(app, platformApi.anchorAudit, tokens.chainOwnerOf, (body, { caller }) => committer.run(() => anchors.anchor(caller, body)));
  serveRoute(app, platformApi.newestAnchor, tokens.chainOwnerOf, (_body, { caller }) => anchors.newestSeq(caller.terminalId));
  serveRoute(app, platformApi.openDeadlines, tokens.hallServerOf, (_body, { caller }) => ({ cases: ledger.openDeadlines(caller.hall) }));
  serveRoute(app, platformApi.checkAnchors, tokens.chainOwnerOf, (body, { caller }) => anchors.check(caller.terminalId, body.points));
  serveRoute(
    app,
    platformApi.auditAnchors,
    (request) => tokens.admin(request),
    (_body, { query }) => anchors.of(query.terminal as string),
  );
  serveRoute(
    app,
    platformApi.catalog,
    () => null,
    (_body, { query }) => {
      if (!options.catalog)
        throw new ApiError(
          'CATALOG_NOT_PUBLISHED',
          '平台尚未发布事项库，终端继续使用本机缓存 / no catalog is published: terminals keep using their cached one',
        );
      return { version: options.catalog.version, catalog: query.have === options.catalog.version ? null : options.catalog };
    },
  );
  void app.register(async (scope) => {
    if (config.rateLimit !== false) await limitPerTerminal(scope, config.progressPerMinute, tokens.progressCallerOf);
    serveRoute(scope, platformApi.progress, tokens.progressCallerOf, (body, { caller }) => ({ cases: ledger.progress(caller, body) }));
  });
  serveRoute(
    app,
    platformApi.reissueSecret,
    (request) => tokens.admin(request),
    (body) => tokens.reissueSecret(body.terminalId),
  );
  serveRoute(
    app,
    platformApi.revokeTerminal,
    (request) => tokens.admin(request),
    (body) => tokens.revoke(body.terminalId),
  );
  serveRoute(
    app,
    platformApi.advance,
    (request) => tokens.admin(request),
    (body) => committer.run(() => db.transaction(() => ledger.advance(body.caseNumber, body.handler, body.opinion))()),
  );

  if (config.autoAdvanceSeconds) {
    const timer = setInterval(() => {
      void committer.run(() => {
        for (const caseNumber of ledger.open()) ledger.advance(caseNumber, '后台审批员（演示）');
      });
    }, config.autoAdvanceSeconds * 1000);
    app.addHook('onClose', async () => clearInterval(timer));
  }
  app.addHook('onClose', async () => db.close());
  return app;
}
