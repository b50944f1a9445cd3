import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { ApiError, httpStatusOf, type ErrorCode } from '../shared/errors.js';
import type { ApiErrorBody } from '../shared/http-route.js';

/** Every failure answers with the same {error: {code, message}} body, with the status its code has in src/shared/errors.ts; internals never leak. */
export function installErrorHandling(app: FastifyInstance): void {
  // The paths served and their methods, so a wrong method is told apart from a wrong path.
  const routes: { pattern: RegExp; methods: Set<string> }[] = [];
  app.addHook('onRoute', (route) => {
    const pattern = new RegExp(`^${route.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[^/]+/g, '[^/]+')}$`);
    const methods = [route.method].flat();
    const known = routes.find((entry) => entry.pattern.source === pattern.source);
    if (known) for (const method of methods) known.methods.add(method);
    else routes.push({ pattern, methods: new Set(methods) });
  });

  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof ApiError) {
      return reply.status(httpStatusOf(error.code)).send(errorBody(error.code, error.message));
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const known = FRAMEWORK_REFUSALS[(error as { code?: string }).code ?? ''];
      return reply
        .status(status)
        .send(
          known
            ? errorBody(known.code, known.message)
            : errorBody('BAD_REQUEST', `请求无法处理 / The request could not be processed: ${(error as Error).message}`),
        );
    }
    request.log.error({ err: error }, 'request failed');
    return reply
      .status(httpStatusOf('INTERNAL'))
      .send(
        errorBody(
          'INTERNAL',
          '服务器内部错误，请重试；若仍出现请联系管理员 / Internal server error: try again, and call the administrator if it persists',
        ),
      );
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const served = routes.find((entry) => entry.pattern.test(path));
    if (served) {
      const allowed = [...served.methods].filter((method) => method !== 'HEAD').join(', ');
      return reply
        .status(httpStatusOf('METHOD_NOT_ALLOWED'))
        .header('allow', allowed)
        .send(
          errorBody(
            'METHOD_NOT_ALLOWED',
            `此接口不支持 ${request.method} 请求，请使用 ${allowed} / ${request.method} is not allowed here: use ${allowed}`,
          ),
        );
    }
    return reply
      .status(httpStatusOf('NOT_FOUND'))
      .send(errorBody('NOT_FOUND', `没有这个接口 / No such endpoint: ${request.method} ${path}`));
  });
}

/**
 * The same {error:{code,message}} body written straight to a socket Fastify never answers: a request too
 * malformed to reach its routes, or a WebSocket upgrade refused.
 */
export function endWithError(socket: Duplex, code: ErrorCode, message: string, headers: Record<string, string> = {}): void {
  if (!socket.writable) return;
  const body = JSON.stringify(errorBody(code, message));
  const extra = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  const status = httpStatusOf(code);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${extra}content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

/** What a request too malformed to reach Fastify's routes gets (bad request line, headers too large). */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    endWithError(socket, 'HEADERS_TOO_LARGE', '请求头过大，请检查客户端 / the request headers are too large: check the client');
  } else endWithError(socket, 'BAD_REQUEST', '请求格式无效，请检查客户端 / the request is not valid HTTP: check the client');
}

/** Fastify's own refusals of a request it could not read, in words that say what to send instead. */
const FRAMEWORK_REFUSALS: Record<string, { code: ErrorCode; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: 'INVALID_JSON',
    message: '请求内容不是有效的 JSON，请检查后重发 / the body is not valid JSON: check it and send it again',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'INVALID_JSON', message: '请求内容为空，请发送 JSON / the body is empty: send JSON' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: '不支持这种内容类型，请以 application/json 发送 / this content type is not accepted: send application/json',
  },
  FST_ERR_CTP_INVALID_TYPE: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: '内容类型无效，请以 application/json 发送 / the content type is not valid: send application/json',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'TOO_LARGE', message: '请求内容过大，请缩小后重发 / the body is too large: send less' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'BAD_REQUEST',
    message: 'Content-Length 与内容长度不符 / Content-Length does not match the body',
  },
  FST_ERR_BAD_URL: { code: 'BAD_REQUEST', message: '网址无效（编码有误），请检查 / the URL is not valid: check its encoding' },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'BAD_REQUEST', message: '网址中的参数过长 / a parameter in the URL is too long' },
};

/** Fastify's `frameworkErrors`: a URL it cannot route (bad encoding, a parameter too long), in our error body. */
export function sendFrameworkError(
  error: { code?: string; statusCode?: number; message: string },
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  const known = FRAMEWORK_REFUSALS[error.code ?? ''];
  void reply
    .status(error.statusCode ?? 400)
    .send(
      known
        ? errorBody(known.code, known.message)
        : errorBody('BAD_REQUEST', `请求无法处理 / The request could not be processed: ${error.message}`),
    );
}

export function errorBody(code: ErrorCode, message: string): ApiErrorBody {
  return { error: { code, message } };
}
