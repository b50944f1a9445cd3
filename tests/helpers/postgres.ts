import { execFileSync, spawn } from 'node:child_process';
import {
  accessSync,
  chownSync,
  constants,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createConnection, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** Real PostgreSQL servers in a temporary directory: a primary, and a streaming standby when asked for. */
export interface PgCluster {
  /** The primary's `onewindow` database: postgres://postgres@127.0.0.1:<port>/onewindow. */
  url: string;
  /** The standby's `onewindow` database, when there is a standby. */
  standbyUrl?: string;
  /** Both, the primary first. */
  urls: string[];
  /** The temporary directory holding the data directories, the logs and the sockets; gone after stop(). */
  dir: string;
  /** SIGKILL to the primary's postmaster, as a power cut would; resolves once its port refuses connections. */
  killPrimary(): Promise<void>;
  /** Makes the standby a primary; resolves once it takes writes. */
  promoteStandby(): Promise<void>;
  /** Runs SQL through psql (unaligned, tuples only) and resolves to its output without the last newline. */
  psql(sql: string, target?: 'primary' | 'standby'): Promise<string>;
  /** A fresh database on the primary, for a test that wants its own; resolves to its URL. */
  createDatabase(name: string): Promise<string>;
  /** The live processes of the cluster's servers (on Linux all of them, elsewhere the postmasters only). */
  pids(): number[];
  /** Stops every server still running and removes the directory; never throws. */
  stop(): Promise<void>;
}

const TOOLS = ['initdb', 'pg_ctl', 'pg_basebackup', 'psql', 'postgres'] as const;
type Tool = (typeof TOOLS)[number];

interface Installation {
  tools: Record<Tool, string>;
  /** PostgreSQL refuses to run as root: as root every binary runs as this user, through runuser. */
  runAs?: { runuser: string; uid: number; gid: number };
}

interface Server {
  role: 'primary' | 'standby';
  dir: string;
  log: string;
  port: number;
  /** Killed rather than shut down: it left its System V segment behind. */
  crashed: boolean;
}

interface State {
  root: string;
  installation: Installation;
  servers: Server[];
  stopping?: Promise<void>;
}

const NEEDED = 'PostgreSQL 15 is needed: apt-get install postgresql';
const CONF = 'onewindow-harness.conf';
const SLOT = 'onewindow_standby';

let located: Installation | string | undefined;

/** Whether the PostgreSQL binaries (and, as root, runuser and the postgres user) are there. */
export function postgresAvailable(): boolean {
  return typeof locate() !== 'string';
}

/**
 * For `describe.skipIf(!requirePostgres())`: true when PostgreSQL is there. Without it a developer's run
 * skips the suite with a message, while CI fails, so a CI image without PostgreSQL cannot pass by skipping.
 */
export function requirePostgres(): boolean {
  const found = locate();
  if (typeof found !== 'string') return true;
  const ci = process.env.CI;
  if (ci && ci !== 'false' && ci !== '0') throw new Error(`${NEEDED} (${found})`);
  console.warn(`Skipping the PostgreSQL tests: ${found}. ${NEEDED}`);
  return false;
}

function locate(): Installation | string {
  located ??= findInstallation();
  return located;
}

function findInstallation(): Installation | string {
  const bindirs: string[] = [];
  try {
    bindirs.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    // Debian's pg_config comes with libpq-dev, not with the server: the directories below still find it.
  }
  const versions = safeReaddir('/usr/lib/postgresql')
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  bindirs.push(...versions.map((version) => `/usr/lib/postgresql/${version}/bin`));
  // libpq-dev's pg_config names the bin directory of a server that may not be installed, so each is checked.
  const bindir = bindirs.find((dir) => TOOLS.every((tool) => executable(join(dir, tool))));
  const tools = bindir
    ? (Object.fromEntries(TOOLS.map((tool) => [tool, join(bindir, tool)])) as Record<Tool, string>)
    : (Object.fromEntries(TOOLS.map((tool) => [tool, onPath(tool)])) as Record<Tool, string | undefined>);
  const missing = TOOLS.filter((tool) => !tools[tool]);
  if (missing.length) return `no ${missing.join(', ')} in pg_config --bindir, /usr/lib/postgresql/*/bin or PATH`;
  const installation: Installation = { tools: tools as Record<Tool, string> };
  if (process.getuid?.() === 0) {
    const runuser = onPath('runuser') ?? ['/usr/sbin/runuser', '/sbin/runuser'].find(executable);
    if (!runuser) return 'running as root needs runuser (util-linux) to run PostgreSQL as the postgres user';
    try {
      const id = (flag: string) =>
        Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', timeout: 5000, stdio: 'pipe' }).trim());
      installation.runAs = { runuser, uid: id('-u'), gid: id('-g') };
    } catch {
      return 'running as root needs a postgres user to run PostgreSQL as';
    }
  }
  return installation;
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, name))
    .find(executable);
}

/** Starts a primary (and a standby streaming from it, when asked for) with a `onewindow` database. */
export async function startPostgres(options: { standby?: boolean } = {}): Promise<PgCluster> {
  const installation = locate();
  if (typeof installation === 'string') throw new Error(`${NEEDED} (${installation})`);
  // Resolved, as /proc/<pid>/cwd is, so a symlinked TMPDIR still matches the servers' working directories.
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'onewindow-pg-')));
  const state: State = { root, installation, servers: [] };
  if (installation.runAs) chownSync(root, installation.runAs.uid, installation.runAs.gid);
  live.add(state);
  stopAtExit();
  try {
    const primary = addServer(state, 'primary');
    await run(state, 'initdb', ['-D', primary.dir, '-U', 'postgres', '-A', 'trust', '--encoding=UTF8', '--no-locale', '--no-sync'], {
      what: 'initdb',
      ms: 120_000,
    });
    writeOwned(
      state,
      join(primary.dir, 'postgresql.conf'),
      `${readFileSync(join(primary.dir, 'postgresql.conf'), 'utf8')}\ninclude '${CONF}'\n`,
    );
    writeOwned(
      state,
      join(primary.dir, 'pg_hba.conf'),
      [
        'local all all trust',
        'local replication all trust',
        'host all all 127.0.0.1/32 trust',
        'host replication all 127.0.0.1/32 trust',
        '',
      ].join('\n'),
    );
    await startServer(state, primary);
    await query(state, primary, 'create database onewindow', { database: 'postgres', what: 'creating the onewindow database' });
    if (options.standby) {
      const standby = addServer(state, 'standby');
      // A fast checkpoint: the default spread one makes pg_basebackup wait on an idle primary.
      // The slot keeps the primary from recycling WAL the standby has not fetched yet.
      await run(
        state,
        'pg_basebackup',
        ['-D', standby.dir, '-R', '-X', 'stream', '-C', '-S', SLOT, '--checkpoint=fast', '--no-sync', ...connection(primary)],
        { what: 'pg_basebackup of the primary', ms: 120_000, logs: [primary.log] },
      );
      await startServer(state, standby);
      const logs = [primary.log, standby.log];
      await poll('the standby in recovery', 30_000, logs, async () => (await query(state, standby, 'select pg_is_in_recovery()')) === 't');
      await caughtUp(state, primary, standby);
    }
  } catch (error) {
    await stop(state);
    throw error;
  }
  return cluster(state);
}

function cluster(state: State): PgCluster {
  const [primary, standby] = state.servers as [Server, Server | undefined];
  const url = urlOf(primary, 'onewindow');
  const standbyUrl = standby && urlOf(standby, 'onewindow');
  return {
    url,
    ...(standbyUrl ? { standbyUrl } : {}),
    urls: standbyUrl ? [url, standbyUrl] : [url],
    dir: state.root,
    async killPrimary() {
      const pid = runningPostmaster(primary);
      if (pid === undefined) throw new Error('killPrimary: the primary is not running');
      process.kill(pid, 'SIGKILL');
      primary.crashed = true;
      await poll('the killed primary refusing connections', 15_000, [primary.log], () => refuses(primary.port));
    },
    async promoteStandby() {
      if (!standby) throw new Error('promoteStandby: the cluster was started without a standby');
      await run(state, 'pg_ctl', ['promote', '-w', '-t', '60', '-D', standby.dir], {
        what: 'pg_ctl promote',
        ms: 90_000,
        logs: [standby.log],
      });
      await poll(
        'the promoted standby leaving recovery',
        30_000,
        [standby.log],
        async () => (await query(state, standby, 'select pg_is_in_recovery()')) === 'f',
      );
    },
    psql(sql, target = 'primary') {
      const server = target === 'primary' ? primary : standby;
      if (!server) return Promise.reject(new Error('psql: the cluster was started without a standby'));
      return query(state, server, sql, { what: `psql on the ${target}`, logs: [] });
    },
    async createDatabase(name) {
      // The name goes into SQL: held to a plain identifier, nothing in it can close the quotes.
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`createDatabase: "${name}" is not a lower-case identifier`);
      await query(state, primary, `create database "${name}"`, { what: `creating the database ${name}` });
      return urlOf(primary, name);
    },
    pids: () => clusterPids(state),
    stop: () => stop(state),
  };
}

function addServer(state: State, role: Server['role']): Server {
  const server: Server = { role, dir: join(state.root, role), log: join(state.root, `${role}.log`), port: 0, crashed: false };
  state.servers.push(server);
  return server;
}

const urlOf = (server: Server, database: string) => `postgres://postgres@127.0.0.1:${server.port}/${database}`;
// No -d here: pg_basebackup reads -d as a connection string, not a database name.
const connection = (server: Server) => ['-h', '127.0.0.1', '-p', String(server.port), '-U', 'postgres'];

/** Ours, written into the data directory, so a standby copied from the primary gets it and only the port changes. */
function settings(port: number, socketDir: string): string {
  return [
    "listen_addresses = '127.0.0.1'",
    `port = ${port}`,
    // The temporary directory rather than /var/run/postgresql: it is ours, and a system server may use the same port.
    `unix_socket_directories = ${confString(socketDir)}`,
    // Speed: a test cluster is thrown away, never recovered after an OS crash (a SIGKILL of postgres loses nothing).
    'fsync = off',
    'full_page_writes = off',
    'synchronous_commit = on',
    'wal_level = replica',
    'max_wal_senders = 5',
    'max_replication_slots = 5',
    'hot_standby = on',
    // A killed server leaves its dynamic shared memory behind: in the data directory it goes with it, in /dev/shm it would stay.
    'dynamic_shared_memory_type = mmap',
    // The machine is shared and a test needs little.
    'shared_buffers = 32MB',
    '',
  ].join('\n');
}

const confString = (value: string) => `'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;

async function startServer(state: State, server: Server): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    // Free when we asked, not necessarily when the postmaster binds it: another test may take it in between.
    server.port = await freePort();
    writeOwned(state, join(server.dir, CONF), settings(server.port, state.root));
    const logFrom = existsSync(server.log) ? readFileSync(server.log).length : 0;
    try {
      await run(state, 'pg_ctl', ['start', '-w', '-t', '60', '-D', server.dir, '-l', server.log], {
        what: `starting the ${server.role}`,
        ms: 90_000,
        logs: [server.log],
      });
      return;
    } catch (error) {
      const log = existsSync(server.log) ? readFileSync(server.log).subarray(logFrom).toString() : '';
      if (attempt < 5 && /could not bind|Address already in use|could not create any TCP\/IP sockets/.test(log)) continue;
      throw error;
    }
  }
}

async function caughtUp(state: State, primary: Server, standby: Server): Promise<void> {
  const lsn = await query(state, primary, 'select pg_current_wal_lsn()');
  if (!/^[0-9A-F]+\/[0-9A-F]+$/.test(lsn)) throw new Error(`pg_current_wal_lsn() gave "${lsn}"`);
  // Streaming as well as replayed: replay alone could be the backup's own WAL, with no connection for what comes next.
  await poll('the standby streaming from the primary and caught up', 30_000, [primary.log, standby.log], async () => {
    const streaming = await query(state, primary, "select count(*) from pg_stat_replication where state = 'streaming'");
    return streaming !== '0' && (await query(state, standby, `select pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn`)) === 't';
  });
}

function query(state: State, server: Server, sql: string, step: Partial<Step> & { database?: string } = {}): Promise<string> {
  return run(state, 'psql', ['-At', '-X', '-v', 'ON_ERROR_STOP=1', ...connection(server), '-d', step.database ?? 'onewindow', '-c', sql], {
    what: step.what ?? `psql on the ${server.role}`,
    ms: step.ms ?? 30_000,
    logs: step.logs ?? [server.log],
  }).then((out) => out.replace(/\n$/, ''));
}

interface Step {
  what: string;
  ms: number;
  /** Server logs whose last lines go into the error, since the reason a server failed is there rather than on stderr. */
  logs?: string[];
}

function command(installation: Installation, tool: Tool, args: string[]): [string, string[]] {
  const path = installation.tools[tool];
  return installation.runAs ? [installation.runAs.runuser, ['-u', 'postgres', '--', path, ...args]] : [path, args];
}

function pgEnvironment(): NodeJS.ProcessEnv {
  // A developer's PGHOST, PGDATABASE or PGOPTIONS must not redirect the harness; UTF8 because psql would
  // otherwise take its encoding from the locale and a C locale would make 不动产登记 unreadable.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('PG')));
  return { ...env, PGCLIENTENCODING: 'UTF8' };
}

function run(state: State, tool: Tool, args: string[], step: Step): Promise<string> {
  const [file, argv] = command(state.installation, tool, args);
  return new Promise((resolve, reject) => {
    // Its own process group, so a timeout ends runuser and the binary under it together.
    const child = spawn(file, argv, { cwd: state.root, env: pgEnvironment(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      if (child.pid !== undefined) killGroup(child.pid);
      reject(failure(step, `no result within ${step.ms / 1000} s${stderr ? `:\n${stderr.trimEnd()}` : ''}`));
    }, step.ms);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(failure(step, error.message));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(failure(step, `${signal ? `killed by ${signal}` : `exit code ${code}`}${stderr ? `:\n${stderr.trimEnd()}` : ''}`));
    });
  });
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function failure(step: Step, detail: string): Error {
  const tails = (step.logs ?? []).filter(existsSync).map((log) => `--- last lines of ${log} ---\n${tail(log)}`);
  return new Error([`${step.what}: ${detail}`, ...tails].join('\n'));
}

function tail(path: string, lines = 30): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch (error) {
    return `(unreadable: ${(error as Error).message})`;
  }
}

async function poll(what: string, ms: number, logs: string[], condition: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      if (await condition()) return;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) {
      const detail = `not within ${ms / 1000} s${last instanceof Error ? ` (last error: ${last.message.split('\n')[0]})` : ''}`;
      throw failure({ what, ms, logs }, detail);
    }
    // Not waitFor's 10 ms: each check here starts psql, and the machine has two cores.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function refuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

function writeOwned(state: State, path: string, text: string): void {
  writeFileSync(path, text);
  // A root-owned file in a data directory would trip up whatever later rewrites it as postgres.
  if (state.installation.runAs) chownSync(path, state.installation.runAs.uid, state.installation.runAs.gid);
}

/** postmaster.pid: line 1 the postmaster's pid, line 7 the key and id of its System V segment. */
function pidFile(server: Server): string[] {
  try {
    return readFileSync(join(server.dir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return [];
  }
}

function postmasterPid(server: Server): number | undefined {
  const pid = Number(pidFile(server)[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/**
 * The running postmaster of this server, if any. A dead postmaster's pid may since belong to another
 * process (another test's server, say), which must not be signalled: on Linux it must run in this data directory.
 */
function runningPostmaster(server: Server): number | undefined {
  const pid = postmasterPid(server);
  if (pid === undefined || !isRunning(pid)) return undefined;
  if (process.platform !== 'linux') return pid;
  try {
    return readlinkSync(`/proc/${pid}/cwd`) === server.dir ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process runs; a zombie does not, though kill(pid, 0) still reaches it until its parent reaps it. */
export function isRunning(pid: number): boolean {
  if (process.platform === 'linux') {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const processState = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      return processState !== 'Z' && processState !== 'X';
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Every postgres process runs in its data directory: that finds the backends a killed postmaster left
 * behind, which no longer have it as their parent.
 */
function clusterPids(state: State): number[] {
  if (process.platform !== 'linux') {
    return state.servers.map(runningPostmaster).filter((pid): pid is number => pid !== undefined);
  }
  const inside = (dir: string) => dir === state.root || dir.startsWith(`${state.root}/`);
  return safeReaddir('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        return inside(readlinkSync(`/proc/${name}/cwd`));
      } catch {
        return false;
      }
    })
    .map(Number);
}

function stop(state: State): Promise<void> {
  // Called from afterEach and from a failed start, where a throw would hide the error that matters.
  state.stopping ??= stopNow(state).catch((error: unknown) => console.warn(`stopping the PostgreSQL cluster in ${state.root}:`, error));
  return state.stopping;
}

async function stopNow(state: State): Promise<void> {
  for (const server of state.servers) {
    const pid = runningPostmaster(server);
    if (pid === undefined) continue;
    try {
      await run(state, 'pg_ctl', ['stop', '-m', 'immediate', '-w', '-t', '30', '-D', server.dir], {
        what: `stopping the ${server.role}`,
        ms: 40_000,
      });
    } catch {
      // Killed below.
    }
    if (runningPostmaster(server) !== undefined) {
      killQuietly(pid);
      server.crashed = true;
    }
  }
  try {
    // A killed postmaster's backends notice it is gone on their own, but not at once.
    await poll('the cluster processes ending', 10_000, [], async () => clusterPids(state).length === 0);
  } catch {
    for (const pid of clusterPids(state)) killQuietly(pid);
    await poll('the cluster processes ending after SIGKILL', 5000, [], async () => clusterPids(state).length === 0).catch(() => undefined);
  }
  for (const server of state.servers.filter((each) => each.crashed)) releaseSharedMemory(server);
  live.delete(state);
  try {
    rmSync(state.root, { recursive: true, force: true, maxRetries: 3 });
  } catch (error) {
    console.warn(`could not remove ${state.root}: ${(error as Error).message}`);
  }
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/**
 * A postmaster that was killed leaves its small System V segment, which only a later postmaster in the same
 * data directory would remove; the data directory is about to go, so it is removed here, and only if it is
 * still the one postmaster.pid names (same key and id) and nothing is attached.
 */
function releaseSharedMemory(server: Server): void {
  const match = /^\s*(\d+)\s+(\d+)\s*$/.exec(pidFile(server)[6] ?? '');
  if (!match) return;
  const [, key = '', id = ''] = match;
  try {
    const listing = execFileSync('ipcs', ['-m'], { encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'ignore'] });
    const segment = listing
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .find((columns) => columns[1] === id && Number(columns[0]) === Number(key));
    if (segment?.[5] === '0') execFileSync('ipcrm', ['-m', id], { timeout: 5000, stdio: 'ignore' });
  } catch {
    // No ipcs (not Linux): the segment is 56 bytes.
  }
}

const live = new Set<State>();
let exitHooked = false;

/** For a test that forgot stop() or threw before it: no server outlives the test process that started it. */
function stopAtExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  process.once('exit', () => {
    for (const state of live) {
      for (const server of state.servers) {
        const pid = runningPostmaster(server);
        if (pid === undefined) continue;
        const [file, argv] = command(state.installation, 'pg_ctl', ['stop', '-m', 'immediate', '-w', '-t', '10', '-D', server.dir]);
        try {
          execFileSync(file, argv, { cwd: state.root, env: pgEnvironment(), stdio: 'ignore', timeout: 15_000 });
        } catch {
          killQuietly(pid);
        }
      }
      try {
        rmSync(state.root, { recursive: true, force: true });
      } catch {
        // The process is ending: a leftover directory in the temporary directory is all that is lost.
      }
    }
  });
}
