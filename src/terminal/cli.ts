import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { LOG_REDACTION } from '../shared/log-redaction.js';
import { stopOnSignal } from '../shared/graceful-stop.js';
import { describeStartupError } from '../shared/startup-error.js';
import { startBrowserMode } from './browser-mode.js';
import { loadTerminalConfig } from './config.js';
import { startHostChild } from './host-child.js';

const SERVER = { zh: '终端', en: 'terminal' };

const { values } = parseArgs({
  options: {
    config: { type: 'string', default: 'resources/terminals/kiosk.demo.json' },
    port: { type: 'string', default: '0' },
    static: { type: 'string', default: 'dist/renderer' },
  },
});

try {
  const config = loadTerminalConfig(resolve(values.config));
  const logger = pino({ name: `terminal:${config.terminalId}`, redact: LOG_REDACTION }, pino.destination(2));
  const host = await startHostChild({
    config,
    onExit: ({ code, signal, restartInMs }) =>
      logger.error(
        { code, signal, restartInMs },
        `终端主机进程意外退出，${Math.round(restartInMs / 1000)} 秒后重启 / the terminal host process died: starting it again`,
      ),
  });
  const server = await startBrowserMode({ host, staticDir: values.static, port: Number(values.port) });
  console.log(`onewindow-terminal listening ${server.origin} (${config.terminalId})`);
  for (const [page, url] of Object.entries(server.urls)) console.log(`${page.padEnd(9)} ${url}`);
  stopOnSignal(
    process,
    SERVER,
    [
      { name: '页面连接与 HTTP / page connections and HTTP', run: () => server.close() },
      { name: '终端主机进程（设备、打印队列、数据库）/ terminal host process (devices, print queue, database)', run: () => host.stop() },
    ],
    (line) => logger.error(line),
  );
} catch (error) {
  console.error(describeStartupError(error, SERVER));
  process.exit(1);
}
