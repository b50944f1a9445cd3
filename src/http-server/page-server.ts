import { readStaticFile } from './static-files.js';

export interface PageReply {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

const NO_PAGE = '没有这个页面，请打开终端启动时打印的地址 / No such page: open one of the addresses the terminal printed at start';
const NOT_BUILT = '界面尚未构建，请先运行 npm run build / The renderer is not built: run npm run build first';

/**
 * The built renderer as one server for both shells and the hall's console: Electron's app:// protocol
 * handler, browser mode's HTTP server and the hall server wrap the same reply. Every page route of `pages`
 * (a terminal's `PAGES`, the hall's console) is the single-page app's index.html; every file goes out with
 * the same headers, the content security policy made for the server's origin.
 */
export async function servePage(
  staticDir: string,
  pages: readonly string[],
  method: string,
  pathname: string,
  origin: string,
): Promise<PageReply> {
  if (method !== 'GET' && method !== 'HEAD') return { status: 405, headers: { allow: 'GET, HEAD' }, body: '' };
  const isPage = pages.includes(pathname.slice(1));
  const file = await readStaticFile(staticDir, isPage ? '/index.html' : pathname);
  if (!file) {
    const built = await readStaticFile(staticDir, '/index.html');
    return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: built ? NO_PAGE : NOT_BUILT };
  }
  return {
    status: 200,
    headers: {
      'content-type': file.contentType,
      'content-length': String(file.body.length),
      'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-store',
      'content-security-policy': contentSecurityPolicy(origin),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
    },
    body: method === 'HEAD' ? '' : file.body,
  };
}

/** Scripts only from our own files; the RPC socket only to ourselves. */
export function contentSecurityPolicy(origin: string): string {
  const wsOrigin = origin.replace(/^http/, 'ws');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: data: mediastream:",
    `connect-src 'self' ${wsOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
