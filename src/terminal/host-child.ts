import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCrashBackoff } from '../shared/crash-backoff.js';
import { HostMessageSchema, type HostStart, type ShellMessage } from '../shared/host-messages.js';
import type { RpcRole } from '../shared/roles.js';
import type { Transport } from '../shared/rpc/transport.js';
import type { TerminalConfig } from '../shared/terminal-config.js';
import type { PageHost } from './browser-mode.js';

const HERE = fileURLToPath(import.meta.url);
const STOP_TIMEOUT_MS = 15_000;
let bundled: Promise<string> | undefined;

/**
 * The host process's entry as one plain JavaScript file. Under tsx (dev, tests, the demo) the TypeScript
 * entry is bundled once per shell, so that each host process starts as plain Node instead of
 * transpiling the host through tsx's loader: half the CPU at start and no esbuild service per terminal.
 * The bundle sits two folders below the repository like src/terminal, so the host's paths relative to
 * its module (resources/, package.json) stay the same; it is written whole and renamed into place, as
 * other shells may be starting hosts from it at the same time.
 */
function hostEntry(): Promise<string> {
  if (extname(HERE) === '.js') return Promise.resolve(join(dirname(HERE), 'host-process-entry.js'));
  bundled ??= (async () => {
    const { build } = await import('esbuild');
    const file = fileURLToPath(new URL('../../dist/host/host-process.mjs', import.meta.url));
    const result = await build({
      entryPoints: [fileURLToPath(new URL('./host-process-entry.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      write: false,
      logLevel: 'warning',
    });
    mkdirSync(dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, result.outputFiles[0]!.contents);
    renameSync(partial, file);
    return file;
  })();
  return bundled;
}

export interface HostChildOptions extends Pick<HostStart, 'caseKeyFile' | 'demoCodesDir'> {
  config: TerminalConfig;
  /** The child's stdout and stderr are appended here; without it they are this process's. */
  logFile?: string;
  /** A host process that died: told before it is started again, `restartInMs` later. */
  onExit?: (exit: { code: number | null; signal: string | null; restartInMs: number }) => void;
}

export interface HostChild extends PageHost {
  /** The process running the host now (a new one after each restart). */
  process(): ChildProcess;
  /** How many times a dead host process was started again and said it was ready. */
  restarts(): number;
  stop(): Promise<void>;
}

/**
 * The browser-mode shell's terminal host: a Node child process (the same entry Electron runs as a
 * utility process), each page's connection relayed over its IPC channel by connection id. When the child
 * dies, every page's socket is closed, so the pages reconnect by themselves, and the child is started
 * again with the crash backoff; pages that connect meanwhile wait for it.
 */
export async function startHostChild(options: HostChildOptions): Promise<HostChild> {
  const { config, caseKeyFile, demoCodesDir } = options;
  const backoff = createCrashBackoff();
  const log = options.logFile === undefined ? undefined : openSync(options.logFile, 'a', 0o600);
  const connections = new Map<number, { transport: Transport; drop(cut: boolean): void }>();
  let nextConnection = 1;
  let child: ChildProcess;
  let ready = false;
  /** Set once a host was ready: a first start that fails is the caller's error, not a crash to restart from. */
  let hasRun = false;
  let outbox: ShellMessage[] = [];
  let restarts = 0;
  let stopping = false;
  let restartTimer: ReturnType<typeof setTimeout> | undefined;

  function post(message: ShellMessage): void {
    if (ready && child.connected) send(child, message);
    else outbox.push(message);
  }

  const entry = await hostEntry();

  function spawnHost(): Promise<void> {
    let failure = '';
    const started = fork(entry, [], {
      stdio: log === undefined ? ['ignore', 'inherit', 'inherit', 'ipc'] : ['ignore', log, log, 'ipc'],
      serialization: 'advanced',
      // The entry is plain JavaScript (bundled here, or built): the shell's tsx loader would only slow each start.
      execArgv: [],
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    child = started;
    return new Promise((resolve, reject) => {
      started.on('message', (raw) => {
        const parsed = HostMessageSchema.safeParse(raw);
        if (!parsed.success) return;
        const message = parsed.data;
        if (message.type === 'waiting') {
          send(started, { type: 'start', config, caseKeyFile, demoCodesDir });
        } else if (message.type === 'ready') {
          ready = true;
          hasRun = true;
          for (const queued of outbox.splice(0)) send(started, queued);
          resolve();
        } else if (message.type === 'failed') {
          failure = message.message;
        } else if (message.type === 'rpc') {
          connections.get(message.connection)?.transport.send(message.message);
        }
      });
      started.once('exit', (code, signal) => {
        const wasReady = ready;
        ready = false;
        outbox = [];
        for (const connection of [...connections.values()]) connection.drop(true);
        if (!wasReady)
          reject(
            new Error(
              failure ||
                `终端主机进程未能启动（退出码 ${code ?? signal}）/ The terminal host process exited before it was ready (${code ?? signal})`,
            ),
          );
        if (stopping || !hasRun) return;
        const restartInMs = backoff.crashed();
        options.onExit?.({ code, signal, restartInMs });
        restartTimer = setTimeout(() => {
          if (!stopping)
            spawnHost().then(
              () => void (restarts += 1),
              () => {},
            );
        }, restartInMs);
      });
    });
  }

  try {
    await spawnHost();
  } catch (error) {
    stopping = true;
    clearTimeout(restartTimer);
    if (log !== undefined) closeSync(log);
    throw error;
  }

  return {
    config,
    rpc: {
      connect(transport: Transport, role: RpcRole) {
        const id = nextConnection++;
        const drop = (cut: boolean) => {
          if (!connections.delete(id)) return;
          offMessage();
          offClose();
          if (cut) transport.close?.();
          else post({ type: 'disconnect', connection: id });
        };
        connections.set(id, { transport, drop });
        post({ type: 'connect', connection: id, role });
        const offMessage = transport.onMessage((message) => post({ type: 'rpc', connection: id, message }));
        const offClose = transport.onClose(() => drop(false));
        return { id, role, close: () => drop(false) };
      },
    },
    process: () => child,
    restarts: () => restarts,
    async stop() {
      if (stopping) return;
      stopping = true;
      clearTimeout(restartTimer);
      const running = child;
      if (running.exitCode === null && running.signalCode === null) {
        const exited = new Promise<void>((done) => running.once('exit', () => done()));
        if (ready && running.connected) send(running, { type: 'stop' });
        else running.kill('SIGTERM');
        const overdue = setTimeout(() => running.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(overdue);
      }
      if (log !== undefined) closeSync(log);
    },
  };
}

/** A child that just died may still look connected: what was sent to it is lost, and its exit handler cuts its pages. */
function send(child: ChildProcess, message: ShellMessage): void {
  child.send(message, () => {});
}
