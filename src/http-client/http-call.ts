import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export class HttpTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'TimeoutError';
  }
}

// Kept-alive connections: a backlog of thousands of requests must not open thousands of sockets.
const agents = { http: new HttpAgent({ keepAlive: true, maxSockets: 64 }), https: new HttpsAgent({ keepAlive: true, maxSockets: 64 }) };

/**
 * One HTTP exchange on node:http(s): the one HTTP stack of every client of our servers (terminal, hall
 * server, scripts). The sync engine sends thousands of requests in a burst after an outage, and
 * node:http costs a fraction of fetch's CPU per request.
 */
export function httpCall(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: Buffer | string | undefined,
  timeoutMs: number,
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    const payload = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body) : body;
    const request = (secure ? httpsRequest : httpRequest)(
      target,
      {
        method,
        agent: secure ? agents.https : agents.http,
        headers: { ...headers, ...(payload ? { 'content-length': String(payload.length) } : {}) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          clearTimeout(timer);
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) });
        });
        response.on('error', fail);
      },
    );
    const timer = setTimeout(() => request.destroy(new HttpTimeoutError(timeoutMs)), timeoutMs);
    function fail(error: Error): void {
      clearTimeout(timer);
      reject(error);
    }
    request.on('error', fail);
    request.end(payload);
  });
}
