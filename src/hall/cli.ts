import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { LOG_REDACTION } from '../shared/log-redaction.js';
import { readTlsFiles } from '../http-server/tls.js';
import { stopOnSignal } from '../shared/graceful-stop.js';
import { describeStartupError } from '../shared/startup-error.js';
import { loadHallConfig } from './config.js';
import { createHallServer } from './server.js';
import { openHallStore } from './hall-database.js';

const USAGE =
  'usage: npm run hall -- --config FILE [--db FILE [--key-file FILE | --unencrypted] | --database postgres://… [--database postgres://standby…]] [--instance ID] [--port 7300] [--host 127.0.0.1] [--tls-cert PEM --tls-key PEM]';

const SERVER = { zh: '大厅服务器', en: 'hall server' };

const { values } = parseArgs({
  options: {
    config: { type: 'string', default: 'resources/hall.demo.json' },
    db: { type: 'string', default: 'var/hall.db' },
    database: { type: 'string', multiple: true },
    instance: { type: 'string' },
    port: { type: 'string', default: '7300' },
    host: { type: 'string', default: '127.0.0.1' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    'key-file': { type: 'string' },
    unencrypted: { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port 应为 0–65535 的整数 / --port must be a whole number from 0 to 65535, got "${values.port}"\n${USAGE}`);
  process.exit(2);
}

try {
  const config = loadHallConfig(resolve(values.config));
  // Every change is in the event log with who made it: per-request lines (level info) would only cost time.
  const logger = pino({ name: 'hall', level: process.env.LOG_LEVEL ?? 'warn', redact: LOG_REDACTION }, pino.destination(2));
  const store = await openHallStore({
    file: resolve(values.db),
    postgres: values.database,
    keyFile: values['key-file'],
    unencrypted: values.unencrypted,
    warn: (message) => logger.warn(message),
  });
  if (store.engine === 'sqlite' && values.unencrypted)
    process.stderr.write('warning: the hall database is not encrypted (--unencrypted): for development only\n');
  const app = createHallServer({
    config,
    store,
    logger,
    instanceId: values.instance,
    tls: readTlsFiles(values['tls-cert'], values['tls-key']),
  });
  const address = await app.listen({ port, host: values.host });
  console.log(`onewindow-hall listening ${address.replace('[::1]', 'localhost')} (${config.hallName}, ${store.engine})`);
  stopOnSignal(
    process,
    SERVER,
    [
      { name: '事件流与 HTTP / event streams and HTTP', run: () => app.close() },
      { name: '大厅数据库 / hall database', run: () => store.close() },
    ],
    (line) => logger.error(line),
  );
} catch (error) {
  console.error(describeStartupError(error, SERVER));
  process.exit(1);
}
