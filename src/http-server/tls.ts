import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { answerClientError, sendFrameworkError } from './error-handling.js';
import { requestForLog } from './request-log.js';

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
}

/**
 * The server's certificate and key when TLS is configured (both files, PEM); none when neither is given.
 * A hall or platform reached over the hall's network, not loopback, should always have them.
 */
export function readTlsFiles(certFile: string | undefined, keyFile: string | undefined): TlsFiles | undefined {
  if (!certFile && !keyFile) return undefined;
  if (!certFile || !keyFile) throw new Error('启用 TLS 需要同时提供 --tls-cert 和 --tls-key / TLS needs both --tls-cert and --tls-key');
  const read = (file: string, what: string) => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new Error(
        `无法读取${what} ${file} / cannot read the TLS ${what === '证书' ? 'certificate' : 'key'} ${file}: ${(error as Error).message}`,
      );
    }
  };
  return { cert: read(certFile, '证书'), key: read(keyFile, '私钥') };
}

/**
 * A Fastify instance for our servers: HTTPS when TLS files are given. Fastify types an HTTPS instance
 * apart from an HTTP one; everything we register works the same on both, so both are used as one type.
 */
export function createServerInstance(options: {
  logger?: FastifyBaseLogger | false;
  bodyLimit: number;
  tls?: TlsFiles;
  /** Fastify logs every request's URL, query string and all: a server that logs its own lines instead turns that off. */
  disableRequestLogging?: boolean;
  /** A server that does not listen itself: another hands it its requests (a hall of a county cluster). */
  serverFactory?: (handler: (request: IncomingMessage, response: ServerResponse) => void) => Server;
}): FastifyInstance {
  const base = {
    ...(options.logger ? { loggerInstance: options.logger.child({}, { serializers: { req: requestForLog } }) } : { logger: false }),
    bodyLimit: options.bodyLimit,
    frameworkErrors: sendFrameworkError,
    clientErrorHandler: answerClientError,
    ...(options.disableRequestLogging ? { logController: new LogController({ disableRequestLogging: true }) } : {}),
  };
  if (options.serverFactory) return Fastify({ ...base, serverFactory: options.serverFactory });
  return options.tls ? (Fastify({ ...base, https: options.tls }) as unknown as FastifyInstance) : Fastify(base);
}
