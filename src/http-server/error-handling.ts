import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiErrorBody } from '../shared/http-route.js';
import { ApiError } from './api-error.js';

/** Every failure answers with the same {error: {code, message}} body; internals never leak. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof ApiError) {
      return reply.status(error.status).send(errorBody(error.code, error.message));
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const known = FRAMEWORK_REFUSALS[(error as { code?: string }).code ?? ''];
      return reply
        .status(status)
        .send(known ? errorBody(known.code, known.message) : errorBody('BAD_REQUEST', `请求无法处理 / The request could not be processed: ${(error as Error).message}`));
    }
    request.log.error({ err: error }, 'request failed');
    return reply
      .status(500)
      .send(errorBody('INTERNAL', '服务器内部错误，请重试；若仍出现请联系管理员 / Internal server error: try again, and call the administrator if it persists'));
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(errorBody('NOT_FOUND', `没有这个接口 / No such endpoint: ${request.method} ${request.url}`)),
  );
}

/** Fastify's own refusals of a request it could not read, in words that say what to send instead. */
const FRAMEWORK_REFUSALS: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'INVALID_JSON', message: '请求内容不是有效的 JSON，请检查后重发 / the body is not valid JSON: check it and send it again' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'INVALID_JSON', message: '请求内容为空，请发送 JSON / the body is empty: send JSON' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持这种内容类型，请以 application/json 发送 / this content type is not accepted: send application/json' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'TOO_LARGE', message: '请求内容过大，请缩小后重发 / the body is too large: send less' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'BAD_REQUEST', message: 'Content-Length 与内容长度不符 / Content-Length does not match the body' },
  FST_ERR_BAD_URL: { code: 'BAD_REQUEST', message: '网址无效（编码有误），请检查 / the URL is not valid: check its encoding' },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'BAD_REQUEST', message: '网址中的参数过长 / a parameter in the URL is too long' },
};

/** Fastify's `frameworkErrors`: a URL it cannot route (bad encoding, a parameter too long), in our error body. */
export function sendFrameworkError(error: { code?: string; statusCode?: number; message: string }, _request: FastifyRequest, reply: FastifyReply): void {
  const known = FRAMEWORK_REFUSALS[error.code ?? ''];
  void reply.status(error.statusCode ?? 400).send(known ? errorBody(known.code, known.message) : errorBody('BAD_REQUEST', `请求无法处理 / The request could not be processed: ${error.message}`));
}

export function errorBody(code: string, message: string): ApiErrorBody {
  return { error: { code, message } };
}
