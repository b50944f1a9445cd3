import { createHash } from 'node:crypto';
import type { TicketPageStatus } from '../../shared/hall-api.js';

/** How often the page asks again: a phone a minute costs 12 requests, well inside the per-address limit. */
export const POLL_SECONDS = 5;
/** How long the page waits on one status answer before it says the hall cannot be reached. */
const STATUS_TIMEOUT_MS = 8000;

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;background:#f2f4f7;color:#1a1a1a;line-height:1.5}
main{max-width:480px;margin:0 auto;padding:16px}
.hall{margin:0 0 12px;font-size:15px;color:#4a5565;text-align:center}
.card{background:#fff;border-radius:12px;padding:20px 16px;box-shadow:0 1px 3px rgba(0,0,0,.12);text-align:center;border-top:8px solid #2563eb}
.queue{margin:0;font-size:20px;font-weight:600}
.label{margin:12px 0 0;font-size:15px;color:#4a5565}
.number{margin:0;font-size:64px;font-weight:700;letter-spacing:2px;line-height:1.1}
.headline{margin:16px 0 8px;font-size:28px;font-weight:700;color:#1d4ed8}
ul{list-style:none;margin:0;padding:0;text-align:left;font-size:17px}
li{padding:8px 0;border-top:1px solid #e5e7eb}
.state-called,.state-parked{border-top-color:#16a34a}
.state-called .headline,.state-parked .headline{color:#15803d;font-size:34px}
.state-no_show,.state-cancelled,.state-gone{border-top-color:#b45309}
.state-no_show .headline,.state-cancelled .headline,.state-gone .headline{color:#92400e}
.state-served{border-top-color:#6b7280}
.state-served .headline{color:#374151}
.checked{margin:12px 0 0;text-align:center;font-size:15px;color:#4a5565}
.privacy{margin:8px 0 0;text-align:center;font-size:14px;color:#4a5565}
`;

// Fills the page in place from the status the hall answers; it writes text only, never markup.
const SCRIPT = `
(function () {
  var card = document.getElementById('card');
  var headline = document.getElementById('headline');
  var lines = document.getElementById('lines');
  var checked = document.getElementById('checked');
  var url = location.pathname.replace(/\\/+$/, '') + '/status';
  var live = card.getAttribute('data-live') === 'true';
  var timer = null;
  function list(items) {
    lines.replaceChildren.apply(lines, items.map(function (text) { var li = document.createElement('li'); li.textContent = text; return li; }));
  }
  function show(status) {
    card.className = 'card state-' + status.state;
    headline.textContent = status.headline;
    list(status.lines);
    live = status.live;
    shownAt = status.checkedAt;
    checked.textContent = '更新于 ' + status.checkedAt + (live ? '，本页自动刷新' : '');
  }
  var shownAt = checked.getAttribute('data-at') || '';
  function poll() {
    timer = null;
    // A hall that hangs (its PC frozen, its network cut) would never answer: the page gives up and says so.
    var abort = new AbortController();
    var patience = setTimeout(function () { abort.abort(); }, ${STATUS_TIMEOUT_MS});
    fetch(url, { cache: 'no-store', credentials: 'omit', signal: abort.signal })
      .then(function (reply) {
        if (reply.status === 404) {
          card.className = 'card state-gone';
          headline.textContent = '号码已失效';
          list(['排队号仅限当日使用，如需办理请到取号机重新取号']);
          live = false;
          checked.textContent = '';
          return;
        }
        if (reply.status === 429) { checked.textContent = '查询过于频繁，稍后自动重试'; return; }
        if (!reply.ok) throw new Error(String(reply.status));
        return reply.json().then(show);
      })
      .catch(function () { checked.textContent = '暂时无法连接大厅，以上是 ' + shownAt + ' 的信息，稍后自动重试'; })
      .then(function () { clearTimeout(patience); if (live) timer = setTimeout(poll, ${POLL_SECONDS * 1000}); });
  }
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'visible' && live && timer !== null) { clearTimeout(timer); poll(); }
  });
  if (live) timer = setTimeout(poll, ${POLL_SECONDS * 1000});
})();
`;

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** Only this page's own style and script run; it talks to its own origin and nothing else. */
export const TICKET_PAGE_CSP = [
  "default-src 'none'",
  `style-src ${hash(STYLE)}`,
  `script-src ${hash(SCRIPT)}`,
  "connect-src 'self'",
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: string) => text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);

function shell(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>${escape(title)}</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
<p class="privacy">本页不显示任何个人信息。链接仅当日有效，请勿转发他人。</p>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

const items = (lines: readonly string[]) => lines.map((line) => `<li>${escape(line)}</li>`).join('');

/** The ticket's page as first served: complete without the script, which then keeps it current. */
export function ticketPageHtml(status: TicketPageStatus): string {
  return shell(
    `${status.ticketNumber} 排队进度 - ${status.hallName}`,
    `<p class="hall">${escape(status.hallName)}</p>
<section id="card" class="card state-${status.state}" data-live="${status.live}" aria-live="polite">
<p class="queue">${escape(status.queueName)}</p>
<p class="label">您的号码</p>
<p class="number">${escape(status.ticketNumber)}</p>
<p id="headline" class="headline">${escape(status.headline)}</p>
<ul id="lines">${items(status.lines)}</ul>
</section>
<p id="checked" class="checked" data-at="${escape(status.checkedAt)}">更新于 ${escape(status.checkedAt)}${status.live ? '，本页自动刷新' : ''}</p>`,
  );
}

/** What a phone sees instead of a ticket: an unknown or past day's link (404), or too many requests (429). */
export function ticketPageRefusalHtml(headline: string, lines: readonly string[]): string {
  return shell(
    headline,
    `<section id="card" class="card state-gone" data-live="false">
<p id="headline" class="headline">${escape(headline)}</p>
<ul id="lines">${items(lines)}</ul>
</section>
<p id="checked" class="checked"></p>`,
  );
}
