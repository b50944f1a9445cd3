import { MessageChannelMain, safeStorage, utilityProcess, type UtilityProcess, type WebContents } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HostMessageSchema, type ShellKey, type ShellMessage } from '../shared/host-messages.js';
import type { RpcRole } from '../shared/roles.js';
import type { TerminalConfig } from '../shared/terminal-config.js';
import { keystoreKey, type DatabaseKeySource } from '../storage/database-key.js';
import { keystoreCaseKey } from '../terminal/cases/case-key.js';
import { terminalDataDir } from '../terminal/terminal-db.js';
import { SECRETS_STORE } from '../terminal/terminal-secrets.js';
import { createCrashBackoff, crashRecord, portGrantAllowed, PORT_CHANNEL, type CrashRecord } from './policies.js';

/** scripts/build-main.mjs bundles src/terminal/host-process-entry.ts next to the main process's bundle. */
const HOST_ENTRY = fileURLToPath(new URL('./host-process.js', import.meta.url));
const STOP_TIMEOUT_MS = 15_000;

export interface HostProcess {
  /** Gives the window's page a port to the host now, after each load of the page and after each restart of the host. */
  connect(contents: WebContents, role: RpcRole): void;
  stop(): Promise<void>;
}

/**
 * The terminal host in an Electron utility process, so that SQLite, fsync, encryption and device I/O
 * never hold up the windows. Each page has its own MessagePort to it. The keys only safeStorage can
 * unseal are the one thing the host asks the shell for. A host that dies is recorded and started again
 * with the crash backoff, and every window is given a new port.
 */
export function startHostProcess(config: TerminalConfig, recordCrash: (record: CrashRecord) => void): Promise<HostProcess> {
  const dataDir = terminalDataDir(config);
  const keys: Record<ShellKey, DatabaseKeySource> = {
    case: keystoreCaseKey(safeStorage, join(dataDir, 'case-store.key.sealed')),
    secrets: keystoreKey(safeStorage, join(dataDir, 'secrets.key.sealed'), SECRETS_STORE),
  };
  const windows = new Map<WebContents, RpcRole>();
  const backoff = createCrashBackoff();
  let child: UtilityProcess;
  let ready = false;
  /** Set once a host was ready: a first start that fails is the caller's error, not a crash to restart from. */
  let hasRun = false;
  let stopping = false;
  let nextConnection = 1;
  let restartTimer: ReturnType<typeof setTimeout> | undefined;

  function unseal(name: ShellKey): ShellMessage {
    try {
      return { type: 'key', name, hex: keys[name].load().toString('hex') };
    } catch (error) {
      return { type: 'key', name, error: (error as Error).message };
    }
  }

  function givePort(contents: WebContents, role: RpcRole): void {
    if (!ready || contents.isDestroyed() || !portGrantAllowed(contents.getURL())) return;
    const { port1, port2 } = new MessageChannelMain();
    child.postMessage({ type: 'connect', connection: nextConnection++, role } satisfies ShellMessage, [port1]);
    contents.postMessage(PORT_CHANNEL, null, [port2]);
  }

  function spawn(): Promise<void> {
    const started = utilityProcess.fork(HOST_ENTRY, [], { serviceName: 'OneWindow terminal host', stdio: 'inherit' });
    child = started;
    let failure = '';
    return new Promise((resolve, reject) => {
      started.on('message', (raw: unknown) => {
        const parsed = HostMessageSchema.safeParse(raw);
        if (!parsed.success) return;
        const message = parsed.data;
        if (message.type === 'waiting') {
          started.postMessage({ type: 'start', config, keysFromShell: true } satisfies ShellMessage);
        } else if (message.type === 'key') {
          started.postMessage(unseal(message.name));
        } else if (message.type === 'failed') {
          failure = message.message;
        } else if (message.type === 'ready') {
          ready = true;
          hasRun = true;
          for (const [contents, role] of windows) givePort(contents, role);
          resolve();
        }
      });
      started.once('exit', (code) => {
        const wasReady = ready;
        ready = false;
        if (!wasReady) reject(new Error(failure || `the terminal host process exited before it was ready (${code})`));
        if (stopping || !hasRun) return;
        recordCrash(crashRecord('terminal host', { reason: 'exited', exitCode: code }));
        restartTimer = setTimeout(() => {
          if (!stopping) spawn().catch(() => {});
        }, backoff.crashed());
      });
    });
  }

  return spawn().then(() => ({
    connect(contents, role) {
      windows.set(contents, role);
      contents.once('destroyed', () => windows.delete(contents));
      contents.on('dom-ready', () => givePort(contents, role));
    },
    async stop() {
      stopping = true;
      clearTimeout(restartTimer);
      if (!ready) return;
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      child.postMessage({ type: 'stop' } satisfies ShellMessage);
      const overdue = setTimeout(() => child.kill(), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(overdue);
    },
  }));
}
