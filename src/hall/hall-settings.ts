import { createHash } from 'node:crypto';
import { ApiError } from '../shared/errors.js';
import { HallConfigSchema, type Clerk, type HallConfig } from '../shared/hall-config.js';
import {
  SETTINGS_KEYS,
  type ConsoleSettings,
  type HallSettings,
  type SettingsChange,
  type SettingsEdit,
  type SettingsVersion,
  type SettingsView,
} from '../shared/hall-settings.js';
import type { CallingEngine } from './calling.js';
import type { EventLog } from './event-log.js';
import type { ReplaceableConfig } from './live-config.js';
import { hashPin } from './pin-hash.js';
import { issuesMessage } from '../shared/issues.js';
import { settingsPlace } from '../shared/settings-words.js';
import { settingsChanges } from './settings-diff.js';
import type { HallStore } from './storage/store.js';

interface VersionRow {
  version: number;
  at: string;
  source: SettingsVersion['source'];
  manager_id: string | null;
  undoes: number | null;
  file_sha256: string;
  settings: string;
  changes: string;
}

const HISTORY_SHOWN = 30;
const settingsOf = (config: HallConfig): HallSettings =>
  Object.fromEntries(SETTINGS_KEYS.map((key) => [key, config[key]])) as unknown as HallSettings;
const sha256 = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/**
 * The hall's settings (queues, windows, clerks, calling and appointment rules) as managers change them on
 * the console while the hall runs. Every version is a row of `hall_settings` with its diff and who made it,
 * and an event in the chained log; the hall's parts read the live configuration, so a change holds from the
 * next request, on every server of the hall (each follows the others' `hall.settingsChanged`). The
 * configuration file stays the way a hall is set up: its settings are the first version, and a file edited
 * since the last version was taken from it wins again at the next start, as a new version.
 */
export function createHallSettings(
  store: HallStore,
  file: HallConfig,
  live: ReplaceableConfig,
  events: EventLog,
  calling: CallingEngine,
  today: () => string,
  now: () => Date,
) {
  const fileSettings = settingsOf(file);
  const fileSha256 = sha256(fileSettings);
  let version = 0;

  const latest = () => store.get<VersionRow>('SELECT * FROM hall_settings ORDER BY version DESC LIMIT 1');

  /** The whole configuration with these settings, checked as the file is: a window's queue must exist, and so on. */
  function configWith(settings: HallSettings): HallConfig {
    const parsed = HallConfigSchema.safeParse({ ...file, ...settings });
    if (parsed.success) return parsed.data;
    throw new ApiError(
      'INVALID_INPUT',
      issuesMessage({ zh: '设置未通过检查', en: 'the settings do not check out' }, parsed.error.issues, (path) =>
        settingsPlace(path, settings),
      ),
    );
  }

  function take(row: VersionRow) {
    live.replace(configWith(JSON.parse(row.settings) as HallSettings));
    version = row.version;
  }

  /** The clerks as stored: a new PIN hashed, the PIN and card hashes of the others kept. */
  async function storedClerks(edited: ConsoleSettings['clerks']): Promise<Clerk[]> {
    const before = new Map(live.current().clerks.map((clerk) => [clerk.id, clerk]));
    return Promise.all(
      edited.map(async (clerk) => {
        const kept = before.get(clerk.id);
        const pinHash = clerk.newPin ? await hashPin(clerk.newPin) : kept?.pinHash;
        if (!pinHash) throw new ApiError('INVALID_INPUT', `新工作人员 ${clerk.id} 须设置 PIN / the new clerk ${clerk.id} needs a PIN`);
        return {
          id: clerk.id,
          name: clerk.name,
          pinHash,
          ...(kept?.idHash ? { idHash: kept.idHash } : {}),
          ...(clerk.disabled ? { disabled: true } : {}),
        };
      }),
    );
  }

  /** What the hall is doing forbids: a queue with people in it, a window at work, a number prefix another queue gave today. */
  async function refusals(before: HallSettings, after: HallSettings) {
    const date = today();
    for (const queue of before.queues.filter((old) => !after.queues.some((kept) => kept.id === old.id))) {
      const inLine = await store.get<{ n: number }>(
        "SELECT COUNT(*) AS n FROM tickets WHERE service_date = ? AND queue_id = ? AND state IN ('waiting', 'called', 'parked')",
        date,
        queue.id,
      );
      if (Number(inLine?.n ?? 0) > 0)
        throw new ApiError(
          'REFUSED',
          `${queue.name}还有 ${inLine!.n} 张号未办完，今天不能删除；可先在“取号时间”中停止取号，明天再删除 / ${queue.name} still has ${inLine!.n} tickets in hand: stop its numbers (hours) and remove it tomorrow`,
        );
    }
    for (const queue of after.queues.filter((next) => before.queues.find((old) => old.id === next.id)?.prefix !== next.prefix)) {
      const taken = await store.get(
        `SELECT 1 AS taken FROM tickets WHERE service_date = ? AND queue_id <> ? AND substr(ticket_number, 1, ?) = ?
          AND substr(ticket_number, ?, 1) BETWEEN '0' AND '9' LIMIT 1`,
        date,
        queue.id,
        queue.prefix.length,
        queue.prefix,
        queue.prefix.length + 1,
      );
      if (taken)
        throw new ApiError(
          'REFUSED',
          `号码前缀 ${queue.prefix} 今天已由其他队列发过号，明天才能改用，否则会出现重号 / another queue gave numbers with prefix ${queue.prefix} today: use it from tomorrow, or numbers would repeat`,
        );
    }
    const views = await calling.windows();
    for (const window of views.filter((view) => !after.windows.some((kept) => kept.number === view.number))) {
      if (window.clerk || window.current || window.parked.length > 0)
        throw new ApiError(
          'REFUSED',
          `${window.number}号窗口正在办理或有人登录，请先办完并退出登录再删除 / window ${window.number} is at work: finish, log out, then remove it`,
        );
    }
  }

  async function record(
    before: HallSettings,
    after: HallSettings,
    source: SettingsVersion['source'],
    managerId: string | null,
    undoes: number | null,
  ) {
    const next = configWith(after);
    const changes = settingsChanges(before, after);
    const row: VersionRow = {
      version: version + 1,
      at: now().toISOString(),
      source,
      manager_id: managerId,
      undoes,
      file_sha256: fileSha256,
      settings: JSON.stringify(after),
      changes: JSON.stringify(changes),
    };
    await store.run(
      'INSERT INTO hall_settings (version, at, source, manager_id, undoes, file_sha256, settings, changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      row.version,
      row.at,
      row.source,
      row.manager_id,
      row.undoes,
      row.file_sha256,
      row.settings,
      row.changes,
    );
    // The first version is the file the hall first started with: hall.configChanged records that already, and no screen has anything to follow.
    if (row.version > 1)
      await events.append('hall.settingsChanged', null, null, { settingsVersion: row.version, managerId: managerId ?? undefined });
    live.replace(next);
    version = row.version;
    return { version: row.version, changes };
  }

  /** Clerks no longer let in leave the windows they are logged in at, as a logout would. */
  async function logOutDisabled() {
    const allowed = new Set(
      live
        .current()
        .clerks.filter((clerk) => !clerk.disabled)
        .map((clerk) => clerk.id),
    );
    for (const window of await calling.windows()) if (window.clerk && !allowed.has(window.clerk.id)) await calling.logout(window.number);
  }

  /** Another server of the hall may have written a version this one has not heard of yet: under the write lock, the table says. */
  async function catchUp() {
    const newest = await latest();
    if (newest && newest.version > version) take(newest);
  }

  /**
   * Checks a manager's edit against the version it was made on and against the hall as it stands; returns it
   * as stored. Its clerks come hashed already: scrypt is slow, and this runs under the hall's write lock.
   */
  async function checked(edit: SettingsEdit, clerks: Clerk[]): Promise<HallSettings> {
    await catchUp();
    if (edit.baseVersion !== version)
      throw new ApiError(
        'CONFLICT',
        `设置已被他人改为第 ${version} 版，请刷新后重做修改 / the settings were changed meanwhile (now version ${version}): reload and make the change again`,
      );
    const after: HallSettings = { ...edit.settings, clerks };
    configWith(after);
    await refusals(settingsOf(live.current()), after);
    return after;
  }

  /**
   * Whether the file's settings are the ones its last version was taken from, as this hall reads both now:
   * after an upgrade that adds a setting, the file parses with its default and only the hash differs.
   */
  async function fileUnchanged(): Promise<boolean> {
    const lastFile = await store.get<VersionRow>("SELECT * FROM hall_settings WHERE source = 'file' ORDER BY version DESC LIMIT 1");
    if (!lastFile) return false;
    const readNow = HallConfigSchema.safeParse({ ...file, ...(JSON.parse(lastFile.settings) as Partial<HallSettings>) });
    return readNow.success && sha256(settingsOf(readNow.data)) === fileSha256;
  }

  const managerName = (id: string | null) =>
    id === null ? null : { id, name: live.current().managers.find((manager) => manager.id === id)?.name ?? id };

  /** Version changes seen in the log, one at a time: each is read in turn after the last. */
  let following = Promise.resolve();
  const follow = (seen: number) => {
    following = following.then(async () => {
      if (seen <= version) return;
      const row = await latest();
      if (row && row.version > version) take(row);
    });
  };

  return {
    /** Before the first request: the latest version, or the file's settings recorded as one when it is new or was edited. */
    start: () =>
      store.transaction(async () => {
        const row = await latest();
        if (row && (row.file_sha256 === fileSha256 || (await fileUnchanged()))) take(row);
        else {
          version = row?.version ?? 0;
          const before = row ? (JSON.parse(row.settings) as HallSettings) : fileSettings;
          await events.withActor('hall', () => record(before, fileSettings, 'file', null, null));
        }
        events.subscribe((event) => {
          if (event.type === 'hall.settingsChanged' && event.settingsVersion) follow(event.settingsVersion);
        });
      }),

    version: () => version,

    async view(): Promise<SettingsView> {
      const settings = settingsOf(live.current());
      const rows = await store.all<VersionRow>('SELECT * FROM hall_settings ORDER BY version DESC LIMIT ?', HISTORY_SHOWN);
      return {
        version,
        settings: {
          ...settings,
          clerks: settings.clerks.map((clerk) => ({
            id: clerk.id,
            name: clerk.name,
            disabled: Boolean(clerk.disabled),
            cardLinked: Boolean(clerk.idHash),
          })),
        },
        history: rows.map((row) => ({
          version: row.version,
          at: row.at,
          source: row.source,
          manager: managerName(row.manager_id),
          undoes: row.undoes,
          changes: JSON.parse(row.changes) as SettingsChange[],
        })),
      };
    },

    /** The diff an edit would make, checked as applying it would be, without applying it. */
    preview: async (edit: SettingsEdit): Promise<{ changes: SettingsChange[]; warnings: string[] }> => {
      const clerks = await storedClerks(edit.settings.clerks);
      const after = await store.read(() => checked(edit, clerks));
      const unserved = after.queues.filter(
        (queue) => !after.windows.some((window) => window.queues.some((served) => served.queueId === queue.id)),
      );
      return {
        changes: settingsChanges(settingsOf(live.current()), after),
        warnings: unserved.map(
          (queue) =>
            `没有窗口办理“${queue.name}”：取到的号将无人叫号，请给它指定窗口 / no window serves ${queue.name}: its numbers would never be called; give it a window`,
        ),
      };
    },

    apply: async (edit: SettingsEdit, managerId: string) => {
      const clerks = await storedClerks(edit.settings.clerks);
      const applied = await store.transaction(async () => {
        const after = await checked(edit, clerks);
        if (settingsChanges(settingsOf(live.current()), after).length === 0)
          throw new ApiError('INVALID_INPUT', '没有任何改动 / nothing was changed');
        return record(settingsOf(live.current()), after, 'console', managerId, null);
      });
      await logOutDisabled();
      return applied;
    },

    /** Takes the latest version back: the settings before it become a new version (so the undo is in the history too). */
    undo: async (undone: number, managerId: string) => {
      const applied = await store.transaction(async () => {
        await catchUp();
        if (undone !== version || undone === 1)
          throw new ApiError(
            'CONFLICT',
            undone === 1
              ? '第 1 版是大厅的初始设置，无法撤销 / version 1 is the hall’s first settings: there is nothing before it'
              : `只能撤销最新的第 ${version} 版 / only the latest version, ${version}, can be undone`,
          );
        const previous = await store.get<VersionRow>('SELECT * FROM hall_settings WHERE version = ?', undone - 1);
        const after = JSON.parse(previous!.settings) as HallSettings;
        await refusals(settingsOf(live.current()), after);
        return record(settingsOf(live.current()), after, 'undo', managerId, undone);
      });
      await logOutDisabled();
      return applied;
    },
  };
}

export type HallSettingsService = ReturnType<typeof createHallSettings>;
