import { ConfigError } from './config-file.js';

/** One line that says why a server could not start and what to do about it. */
export function describeStartupError(error: unknown, server: { zh: string; en: string }): string {
  if (error instanceof ConfigError) return error.message;
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'EADDRINUSE') {
    return `${server.zh}无法启动：端口已被占用，请用 --port 换一个 / The ${server.en} could not start: ${message}; choose another --port`;
  }
  return `${server.zh}无法启动 / The ${server.en} could not start: ${message}`;
}
