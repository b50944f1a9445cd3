import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { LOG_REDACTION } from '../shared/log-redaction.js';
import { describeStartupError } from '../shared/startup-error.js';
import { startBrowserMode } from './browser-mode.js';
import { loadTerminalConfig } from './config.js';
import { createTerminalHost } from './host.js';
import { APP_VERSION } from './version.js';

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
  });
  const server = await startBrowserMode({ host, staticDir: values.static, port: Number(values.port) });
  host.start();
  for (const [page, url] of Object.entries(server.urls)) console.log(`${page.padEnd(9)} ${url}`);
  const stop = async () => {
    await host.stop();
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(describeStartupError(error, { zh: '终端', en: 'terminal' }));
  process.exit(1);
}
