import pino from 'pino';
import {
  HostStartSchema,
  ShellMessageSchema,
  SHELL_KEYS,
  type HostMessage,
  type ShellKey,
  type ShellMessage,
} from '../shared/host-messages.js';
import { LOG_REDACTION } from '../shared/log-redaction.js';
import { messagePortTransport, type MessagePortMainLike, type Transport } from '../shared/rpc/transport.js';
import { DatabaseKeySourceError, type DatabaseKeySource } from '../storage/database-key.js';
import { caseKeyFromEnvironment } from './cases/case-key.js';
import { recentDemoCodes } from './demo-codes.js';
import { terminalDataDir } from './terminal-db.js';
import { createTerminalHost, type TerminalHost } from './host.js';
import { APP_VERSION } from './version.js';

/** The host process's end of its link to the shell: Electron's parentPort, or a Node child's IPC channel. */
export interface ShellLink {
  send(message: HostMessage): void;
  /** `port` is the page's MessagePort that came with a `connect` (Electron only). */
  onMessage(listener: (message: unknown, port: MessagePortMainLike | undefined) => void): void;
  exit(code: number): void;
}

/**
 * The terminal host in its own process: all SQLite, fsync, encryption and device I/O happen here, so a slow
 * disk never freezes the windows. It waits for `start` (the configuration), builds the host, says `ready`,
 * and then serves the pages the shell connects to it, until `stop` or until the shell is gone.
 */
export function runHostProcess(link: ShellLink): { stop(): Promise<void> } {
  let host: TerminalHost | undefined;
  let starting = false;
  const early: [ShellMessage, MessagePortMainLike | undefined][] = [];
  const relayed = new Map<number, { deliver(message: unknown): void; close(): void }>();
  const keyWaiters = new Map<ShellKey, (key: DatabaseKeySource) => void>();

  link.onMessage((raw, port) => {
    const parsed = ShellMessageSchema.safeParse(raw);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.type === 'start') {
      if (!starting) void start(message);
    } else if (message.type === 'key') {
      keyWaiters.get(message.name)?.(keyFromShell(message.name, message.hex, message.error));
    } else if (host) {
      handle(host, message, port);
    } else {
      early.push([message, port]);
    }
  });

  async function start(raw: unknown): Promise<void> {
    starting = true;
    try {
      const options = HostStartSchema.parse(raw);
      const { config } = options;
      const logger = pino({ name: `terminal:${config.terminalId}`, redact: LOG_REDACTION }, pino.destination(2));
      // Only the keys this host will open, so the shell makes no sealed key file a kiosk never uses.
      const needed = SHELL_KEYS.filter((name) => (name === 'case' ? config.role === 'counter' : terminalDataDir(config) !== ':memory:'));
      const keys = options.keysFromShell ? await askShellForKeys(needed) : undefined;
      host = createTerminalHost({
        config,
        version: APP_VERSION,
        caseKey: keys?.case ?? (options.caseKeyFile ? caseKeyFromEnvironment(process.env, options.caseKeyFile) : undefined),
        secretsKey: keys?.secrets,
        ...(options.demoCodesDir ? { demoCodes: () => recentDemoCodes(options.demoCodesDir!) } : {}),
        onInternalError: (err, method) => logger.error({ err, method }, 'rpc handler failed'),
        onSpeechVoice: (choice) => (choice.voice ? logger.info(choice.message) : logger.warn(choice.message)),
      });
      host.start();
      link.send({ type: 'ready' });
      for (const [message, port] of early.splice(0)) handle(host, message, port);
    } catch (error) {
      // The shell says it in its own words (describeStartupError), as when the host ran in its process.
      link.send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
      link.exit(1);
    }
  }

  function askShellForKeys(names: readonly ShellKey[]): Promise<Partial<Record<ShellKey, DatabaseKeySource>>> {
    return Promise.all(
      names.map(
        (name) =>
          new Promise<[ShellKey, DatabaseKeySource]>((resolve) => {
            keyWaiters.set(name, (key) => resolve([name, key]));
            link.send({ type: 'key', name });
          }),
      ),
    ).then((entries) => Object.fromEntries(entries));
  }

  function handle(running: TerminalHost, message: ShellMessage, port: MessagePortMainLike | undefined): void {
    switch (message.type) {
      case 'connect':
        running.rpc.connect(port ? messagePortTransport(port) : relayedTransport(message.connection), message.role);
        break;
      case 'rpc':
        relayed.get(message.connection)?.deliver(message.message);
        break;
      case 'disconnect':
        relayed.get(message.connection)?.close();
        break;
      case 'stop':
        void running.stop().finally(() => {
          link.send({ type: 'stopped' });
          link.exit(0);
        });
        break;
    }
  }

  link.send({ type: 'waiting' });
  return { stop: async () => host?.stop() };

  /** A page whose WebSocket the browser-mode shell relays: its messages travel in `rpc`, tagged with its connection. */
  function relayedTransport(connection: number): Transport {
    const listeners = new Set<(message: unknown) => void>();
    const closeListeners = new Set<() => void>();
    relayed.set(connection, {
      deliver: (message) => {
        for (const listener of listeners) listener(message);
      },
      close: () => {
        relayed.delete(connection);
        for (const listener of closeListeners) listener();
      },
    });
    return {
      send: (message) => link.send({ type: 'rpc', connection, message }),
      onMessage(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      onClose(listener) {
        closeListeners.add(listener);
        return () => closeListeners.delete(listener);
      },
    };
  }
}

/** A key the shell unsealed; when it could not, loading fails where the host needs the key, with the shell's reason. */
function keyFromShell(name: ShellKey, hex: string | undefined, error: string | undefined): DatabaseKeySource {
  return {
    describe: `${name} key (OS keystore)`,
    load: () => {
      if (hex) return Buffer.from(hex, 'hex');
      throw new DatabaseKeySourceError(error ?? `系统密钥库没有给出密钥 / the OS keystore gave no ${name} key`);
    },
  };
}
