import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createRouteClient, HALL_SERVER, orThrow } from '../http-client/route-client.js';
import { EnrolmentCodeSchema } from '../shared/enrolment.js';
import { hallApi } from '../shared/hall-api.js';
import { RpcError } from '../shared/rpc/errors.js';
import { describeStartupError } from '../shared/startup-error.js';
import { loadTerminalConfig } from './config.js';
import { createHallCredentials } from './hall-credentials.js';
import { openTerminalDatabase, terminalDataDir } from './terminal-db.js';
import { terminalSealer } from './terminal-secrets.js';

/**
 * `npm run terminal:enrol -- --config FILE --code CODE`: run once by the technician installing a
 * terminal. The hall trades the administrator's one-time code for the terminal's token, which is kept in
 * the terminal's database (never in the config file) and rotated from then on.
 */
const USAGE = 'usage: npm run terminal:enrol -- --config FILE --code XXXX-XXXX-XXXX-XXXX';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const { values } = parseArgs({ options: { config: { type: 'string' }, code: { type: 'string' } } });
if (!values.config || !values.code) fail(USAGE);
const code = EnrolmentCodeSchema.safeParse(values.code);
if (!code.success) fail(`${code.error.issues[0]!.message}\n${USAGE}`);

try {
  const config = loadTerminalConfig(resolve(values.config));
  const hall = createRouteClient(hallApi, { baseUrl: config.hall.url, server: HALL_SERVER });
  const enrolment = orThrow(await hall.enrol({ body: { code: code.data, terminalId: config.terminalId } }));
  const db = openTerminalDatabase(config);
  createHallCredentials(db, config.hall.token, terminalSealer(terminalDataDir(config))).save(enrolment.token);
  db.close();
  process.stdout.write(
    `已登记 / enrolled: ${config.terminalId} as ${enrolment.role}${enrolment.window ? `, window ${enrolment.window}` : ''} with ${config.hall.url}\n`,
  );
  const expectedWindow = config.role === 'counter' ? (config.window?.number ?? null) : null;
  if (enrolment.role !== config.role || enrolment.window !== expectedWindow) {
    process.stderr.write(
      `注意：大厅登记的角色或窗口（${enrolment.role}${enrolment.window ? `，${enrolment.window} 号窗口` : ''}）与本终端配置不同，大厅将按登记的执行 / ` +
        `note: the hall enrolled this terminal as ${enrolment.role}${enrolment.window ? `, window ${enrolment.window}` : ''}, which differs from its config; the hall goes by the enrolment\n`,
    );
  }
} catch (error) {
  fail(error instanceof RpcError ? error.message : describeStartupError(error, { zh: '终端登记', en: 'terminal enrolment' }));
}
