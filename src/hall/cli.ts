import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { LOG_REDACTION } from '../shared/log-redaction.js';
import { readTlsFiles } from '../http-server/tls.js';
import { stopOnSignal } from '../shared/graceful-stop.js';
import { describeStartupError } from '../shared/startup-error.js';
import { loadHallConfig } from './config.js';
import { createHallServer } from './server.js';
import { createHallCluster } from './cluster.js';
import { loadClusterConfig } from './cluster-config.js';
import { HALL_DATABASE_VARIABLE, openClusterStores, openHallStore } from './hall-database.js';

const USAGE =
  'usage: npm run hall -- (--config FILE [--db FILE [--key-file FILE | --unencrypted]] | --cluster FILE [--data-dir DIR] [--unencrypted]) [--database postgres://… [--database postgres://standby…]] [--instance ID] [--port 7300] [--host 127.0.0.1] [--tls-cert PEM --tls-key PEM]';

const SERVER = { zh: '大厅服务器', en: 'hall server' };

const { values } = parseArgs({
  options: {
    config: { type: 'string', default: 'resources/hall.demo.json' },
    cluster: { type: 'string' },
    'data-dir': { type: 'string', default: 'var/halls' },
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
  // Every change is in the event log with who made it: per-request lines (level info) would only cost time.
  const logger = pino({ name: 'hall', level: process.env.LOG_LEVEL ?? 'warn', redact: LOG_REDACTION }, pino.destination(2));
  const tls = readTlsFiles(values['tls-cert'], values['tls-key']);
  const common = { postgres: values.database, unencrypted: values.unencrypted, warn: (message: string) => logger.warn(message) };
  if (values.unencrypted && !values.database?.length && !process.env[HALL_DATABASE_VARIABLE])
    process.stderr.write('warning: the hall database is not encrypted (--unencrypted): for development only\n');
  let started: { address: string; stop: () => Promise<void>; close: () => Promise<void>; what: string };
  if (values.cluster) {
    const halls = loadClusterConfig(resolve(values.cluster), resolve(values['data-dir']));
    const stores = await openClusterStores(halls, common);
    const cluster = createHallCluster({
      halls: halls.map((hall) => ({ id: hall.id, config: hall.config, store: stores.stores.get(hall.id)! })),
      logger,
      instanceId: values.instance,
      tls,
    });
    started = {
      address: await cluster.listen(port, values.host),
      stop: () => cluster.close(),
      close: () => stores.close(),
      what: `${halls.length} halls: ${halls.map((hall) => `/halls/${hall.id}`).join(', ')}`,
    };
  } else {
    const config = loadHallConfig(resolve(values.config));
    const store = await openHallStore({ file: resolve(values.db), keyFile: values['key-file'], ...common });
    const app = createHallServer({ config, store, logger, instanceId: values.instance, tls });
    started = {
      address: await app.listen({ port, host: values.host }),
      stop: () => app.close(),
      close: () => store.close(),
      what: `${config.hallName}, ${store.engine}`,
    };
  }
  console.log(`onewindow-hall listening ${started.address.replace('[::1]', 'localhost')} (${started.what})`);
  stopOnSignal(
    process,
    SERVER,
    [
      { name: '事件流与 HTTP / event streams and HTTP', run: started.stop },
      { name: '大厅数据库 / hall database', run: started.close },
    ],
    (line) => logger.error(line),
  );
} catch (error) {
  console.error(describeStartupError(error, SERVER));
  process.exit(1);
}
