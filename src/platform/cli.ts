import { parseArgs } from 'node:util';
import pino from 'pino';
import { LOG_REDACTION } from '../shared/log-redaction.js';
import { readTlsFiles } from '../http-server/tls.js';
import { assembleCatalog } from '../shared/catalog-check.js';
import { ConfigError } from '../shared/config-file.js';
import { readCatalogSource } from '../storage/catalog-source.js';
import { stopOnSignal } from '../shared/graceful-stop.js';
import { describeStartupError } from '../shared/startup-error.js';
import { loadPlatformConfig } from './config.js';
import { createPlatformServer } from './server.js';

const SERVER = { zh: '参考平台', en: 'reference platform' };

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '7400' },
    host: { type: 'string', default: '127.0.0.1' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    config: { type: 'string', default: 'resources/platform.demo.json' },
    data: { type: 'string', default: 'var/platform' },
    catalog: { type: 'string', default: 'resources/catalog' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port 应为 0–65535 的整数 / --port must be a whole number from 0 to 65535, got "${values.port}"`);
  process.exit(2);
}

try {
  const config = loadPlatformConfig(values.config);
  const { assembled, problems } = assembleCatalog(readCatalogSource(values.catalog));
  if (!assembled) {
    console.error(`事项库 ${values.catalog} 有误，未发布 / The catalog in ${values.catalog} is not valid and was not published:`);
    for (const problem of problems) console.error(`  ${problem.file} ${problem.path}: ${problem.message}`);
    process.exit(1);
  }
  const app = createPlatformServer({
    config,
    dataDir: values.data,
    catalog: assembled.catalog,
    tls: readTlsFiles(values['tls-cert'], values['tls-key']),
    logger: pino({ name: 'platform', redact: LOG_REDACTION }, pino.destination(2)),
  });
  const address = await app.listen({ port, host: values.host });
  console.log(`onewindow-platform listening ${address} (REFERENCE platform for development and demos)`);
  // Closing the server closes its database too (an onClose hook of the platform server).
  stopOnSignal(process, SERVER, [{ name: 'HTTP 与数据库 / HTTP and database', run: () => app.close() }], (line) => app.log.error(line));
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : describeStartupError(error, SERVER));
  process.exit(1);
}
