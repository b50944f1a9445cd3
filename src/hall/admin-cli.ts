import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { TERMINAL_ROLES, type TerminalRole } from '../shared/roles.js';
import { localDateTime } from '../shared/local-date.js';
import { describeStartupError } from '../shared/startup-error.js';
import { TerminalIdSchema } from '../shared/terminal-config.js';
import { ApiError } from '../shared/errors.js';
import { loadHallConfig } from './config.js';
import { createEventLog } from './event-log.js';
import { hashPin } from './pin-hash.js';
import { openHallStore } from './hall-database.js';
import { createTerminalRegistry, DEFAULT_ENROLMENT_CODE_HOURS, type TerminalRecord } from './terminal-registry.js';

/**
 * `npm run hall:admin`: the hall administrator's terminal registry, on the hall server's own machine
 * (it writes the hall database; the running server sees each change at the terminal's next request).
 */
const USAGE = `usage: npm run hall:admin -- [--config FILE] [--db FILE [--key-file FILE | --unencrypted] | --database postgres://… ...] COMMAND
  enrol --id ID --role kiosk|counter|board [--window N] [--hours ${DEFAULT_ENROLMENT_CODE_HOURS}]
                        a one-time code for the terminal's technician: npm run terminal:enrol -- --code CODE
  revoke ID             the terminal's token stops working at once (its event stream within seconds)
  list                  every terminal: who, since when, token rotated, revoked (hall-local times)
  pin-hash              reads a clerk's PIN from stdin, prints the pinHash for the hall config
  password-hash         reads a console manager's password from stdin, prints the passwordHash for the hall config
  audit-export          the hall's event log as JSON lines on stdout, for onewindow-audit verify FILE`;

/** Who the hall's event log names for changes made with this tool, at the hall server's own console. */
const ADMIN_ACTOR = 'hall-admin';

/**
 * One terminal of `list`: who, since when (enrolled, or listed in the hall config; a config terminal the
 * registry took over when it was rotated or revoked says since when), the token's last rotation, and
 * whether it may still connect, in the hall's local time.
 */
function terminalLine(terminal: TerminalRecord, listedInConfig: boolean, timeZone: string): string {
  const at = (iso: string) => localDateTime(new Date(iso), timeZone);
  const since = !terminal.enrolledAt
    ? '列于大厅配置 listed in the hall config'
    : listedInConfig
      ? `列于大厅配置，记入登记表 listed in the hall config, in the registry since ${at(terminal.enrolledAt)}`
      : `登记 enrolled ${at(terminal.enrolledAt)}`;
  const rotated = terminal.rotatedAt ? `令牌更换 token rotated ${at(terminal.rotatedAt)}` : null;
  const state = terminal.revokedAt
    ? `已吊销 revoked ${at(terminal.revokedAt)}`
    : terminal.rotationPending
      ? '新令牌已签发、尚未使用 new token issued, not yet used'
      : '在用 active';
  const window = terminal.window === null ? '-' : `窗口 ${terminal.window}`;
  return [`${terminal.id.padEnd(16)} ${terminal.role.padEnd(8)} ${window.padEnd(6)}`, since, rotated, state].filter(Boolean).join(' · ');
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    config: { type: 'string', default: 'resources/hall.demo.json' },
    db: { type: 'string', default: 'var/hall.db' },
    database: { type: 'string', multiple: true },
    id: { type: 'string' },
    role: { type: 'string' },
    window: { type: 'string' },
    hours: { type: 'string', default: String(DEFAULT_ENROLMENT_CODE_HOURS) },
    'key-file': { type: 'string' },
    unencrypted: { type: 'boolean', default: false },
  },
});
const [command, target] = positionals;

if (command === 'pin-hash') {
  const pin = readFileSync(0, 'utf8').trim();
  if (!/^\d{4,8}$/.test(pin)) fail('PIN 应为 4–8 位数字 / a PIN has 4 to 8 digits');
  process.stdout.write(`${await hashPin(pin)}\n`);
  process.exit(0);
}
if (command === 'password-hash') {
  const password = readFileSync(0, 'utf8').trim();
  if (password.length < 10) fail('管理台密码至少 10 个字符 / a console password has at least 10 characters');
  process.stdout.write(`${await hashPin(password)}\n`);
  process.exit(0);
}

try {
  const config = loadHallConfig(resolve(values.config));
  const store = await openHallStore({
    file: resolve(values.db),
    postgres: values.database,
    keyFile: values['key-file'],
    unencrypted: values.unencrypted,
  });
  const events = createEventLog(store, () => new Date());
  const registry = createTerminalRegistry(store, config.terminals, events);
  if (command === 'enrol') {
    const role = values.role as TerminalRole;
    if (!TerminalIdSchema.safeParse(values.id).success)
      fail(`--id 应为终端编号（字母、数字、连字符）/ --id must be the terminal's id (letters, digits, hyphens)\n${USAGE}`);
    if (!TERMINAL_ROLES.includes(role))
      fail(`--role 应为 ${TERMINAL_ROLES.join('、')} 之一 / --role must be one of ${TERMINAL_ROLES.join(', ')}\n${USAGE}`);
    const window = values.window === undefined ? null : Number(values.window);
    if (role === 'counter' && (window === null || !config.windows.some((w) => w.number === window))) {
      fail(
        `窗口终端须用 --window 指定本厅已有的窗口号（${config.windows.map((w) => w.number).join('、')}）/ a counter needs --window, one of this hall's windows`,
      );
    }
    const hours = Number(values.hours);
    if (!(hours > 0 && hours <= 24 * 7)) fail('--hours 应为 1–168 / --hours must be from 1 to 168');
    const terminal = { id: values.id!, role, window: role === 'counter' ? window : null };
    const { code, expiresAt } = await events.withActor(ADMIN_ACTOR, () => registry.createEnrolmentCode(terminal, hours));
    process.stdout.write(
      `登记码 / enrolment code for ${terminal.id} (${role}${terminal.window ? `, window ${terminal.window}` : ''}): ${code}\n有效至 / valid until ${localDateTime(new Date(expiresAt), config.timeZone)} (${config.timeZone}), once\n`,
    );
  } else if (command === 'revoke' && target) {
    await events.withActor(ADMIN_ACTOR, () => registry.revoke(target));
    process.stdout.write(`已吊销 / revoked: ${target}\n`);
  } else if (command === 'list') {
    const listed = new Set(config.terminals.map((terminal) => terminal.id));
    process.stdout.write(`时间为 ${config.timeZone} 当地时间 / times are local to ${config.timeZone}\n`);
    for (const terminal of await registry.list())
      process.stdout.write(`${terminalLine(terminal, listed.has(terminal.id), config.timeZone)}\n`);
  } else if (command === 'audit-export') {
    for await (const entry of events.auditEntries()) process.stdout.write(`${JSON.stringify(entry)}\n`);
  } else fail(USAGE);
  await store.close();
} catch (error) {
  if (error instanceof ApiError) fail(error.message);
  console.error(describeStartupError(error, { zh: '大厅管理工具', en: 'hall admin tool' }));
  process.exit(1);
}
