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
      return reply
        .status(status)
        .send(errorBody('BAD_REQUEST', `请求无法处理 / The request could not be processed: ${(error as Error).message}`));
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

function errorBody(code: string, message: string): ApiErrorBody {
  return { error: { code, message } };
}
