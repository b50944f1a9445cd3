import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { LOG_REDACTION } from '../shared/log-redaction.js';
import { stopOnSignal } from '../shared/graceful-stop.js';
import { describeStartupError } from '../shared/startup-error.js';
import { startBrowserMode } from './browser-mode.js';
import { loadTerminalConfig } from './config.js';
import { createTerminalHost } from './host.js';
import { APP_VERSION } from './version.js';

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
  const host = createTerminalHost({
    config,
    version: APP_VERSION,
    onInternalError: (err, method) => logger.error({ err, method }, 'rpc handler failed'),
    onSpeechVoice: (choice) => (choice.voice ? logger.info(choice.message) : logger.warn(choice.message)),
  });
  const server = await startBrowserMode({ host, staticDir: values.static, port: Number(values.port) });
  host.start();
  console.log(`onewindow-terminal listening ${server.origin} (${config.terminalId})`);
  for (const [page, url] of Object.entries(server.urls)) console.log(`${page.padEnd(9)} ${url}`);
  stopOnSignal(process, SERVER, [
    { name: '页面连接与 HTTP / page connections and HTTP', run: () => server.close() },
    { name: '终端（设备、打印队列、数据库）/ terminal host (devices, print queue, database)', run: () => host.stop() },
  ], (line) => logger.error(line));
} catch (error) {
  console.error(describeStartupError(error, SERVER));
  process.exit(1);
}
