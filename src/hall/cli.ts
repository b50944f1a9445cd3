import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { LOG_REDACTION } from '../shared/log-redaction.js';
import { readTlsFiles } from '../http-server/tls.js';
import { stopOnSignal } from '../shared/graceful-stop.js';
import { describeStartupError } from '../shared/startup-error.js';
import { loadHallConfig } from './config.js';
import { createHallServer } from './server.js';
import { openHallDatabase } from './hall-database.js';

const USAGE =
  'usage: npm run hall -- --config FILE [--db FILE] [--key-file FILE | --unencrypted] [--port 7300] [--host 127.0.0.1] [--tls-cert PEM --tls-key PEM]';

const SERVER = { zh: '大厅服务器', en: 'hall server' };

const { values } = parseArgs({
  options: {
    config: { type: 'string', default: 'resources/hall.demo.json' },
    db: { type: 'string', default: 'var/hall.db' },
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
  const db = openHallDatabase(resolve(values.db), { keyFile: values['key-file'], unencrypted: values.unencrypted });
  // Every change is in the event log with who made it: per-request lines (level info) would only cost time.
  if (values.unencrypted) process.stderr.write('warning: the hall database is not encrypted (--unencrypted): for development only\n');
  const logger = pino({ name: 'hall', level: process.env.LOG_LEVEL ?? 'warn', redact: LOG_REDACTION }, pino.destination(2));
  const app = createHallServer({ config, db, logger, tls: readTlsFiles(values['tls-cert'], values['tls-key']) });
  const address = await app.listen({ port, host: values.host });
  console.log(`onewindow-hall listening ${address.replace('[::1]', 'localhost')} (${config.hallName})`);
  stopOnSignal(
    process,
    SERVER,
    [
      { name: '事件流与 HTTP / event streams and HTTP', run: () => app.close() },
      { name: '大厅数据库 / hall database', run: () => db.close() },
    ],
    (line) => logger.error(line),
  );
} catch (error) {
  console.error(describeStartupError(error, SERVER));
  process.exit(1);
}
