import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startBrowserMode, type BrowserModeServer } from '../src/terminal/browser-mode.js';
import { caseKeyFromEnvironment } from '../src/terminal/cases/case-key.js';
import { loadTerminalConfig } from '../src/terminal/config.js';
import { createTerminalHost, type TerminalHost } from '../src/terminal/host.js';
import { APP_VERSION } from '../src/terminal/version.js';
import { startChildService, type ChildService } from './child-service.js';

export interface DemoOptions {
  /** Where the hall's database and the logs go. */
  dataDir: string;
  hallPort?: number;
  platformPort?: number;
  staticDir?: string;
  terminalsDir?: string;
  /** Browser mode serves the terminals from this process; with Electron each runs in its own shell instead. */
  terminalsInProcess?: boolean;
  /** Virtual printers on free ports instead of the ports in the terminals' files (tests and benchmarks). */
  freePrinterPorts?: boolean;
}

export interface DemoTerminal {
  host: TerminalHost;
  server: BrowserModeServer;
}

export interface Demo {
  hall: ChildService;
  platform: ChildService;
  /** A virtual printer for each terminal whose printer is on this machine, by terminal id. */
  printers: Map<string, ChildService>;
  terminals: DemoTerminal[];
  terminalConfigs: string[];
  /**
   * Stops the hall server as a technician would (SIGTERM), waits for its exit and starts it again on the
   * same port, database and key; `hall` is then the new process. The terminals follow it by themselves.
   */
  restartHall(): Promise<ChildService>;
  stop(): Promise<void>;
}

/**
 * A whole hall on one machine: the hall server and the reference platform as their own processes, and
 * every terminal of resources/terminals in browser mode, pointed at them.
 */
/** A demo database key: made once per demo data directory, readable by its owner only. Never for a real hall. */
function demoKeyFile(dataDir: string, name: string): string {
  const file = join(dataDir, name);
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return file;
}

/** The hall database's key. A demo directory from before the hall database was encrypted starts a fresh hall day: its plain file cannot be opened with a key. */
function demoHallKeyFile(dataDir: string): string {
  const file = join(dataDir, 'demo-hall.key');
  if (!existsSync(file)) for (const suffix of ['', '-wal', '-shm']) rmSync(join(dataDir, `hall.db${suffix}`), { force: true });
  return demoKeyFile(dataDir, 'demo-hall.key');
}

export async function startDemo(options: DemoOptions): Promise<Demo> {
  const dataDir = resolve(options.dataDir);
  const logDir = join(dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const children: ChildService[] = [];
  const terminals: DemoTerminal[] = [];
  const stop = async () => {
    for (const terminal of terminals) {
      await terminal.host.stop();
      await terminal.server.close();
    }
    await Promise.all(children.map((child) => child.stop()));
  };

  try {
    const startHall = (port: number) =>
      startChildService(
        'hall server',
        'src/hall/cli.ts',
        ['--config', 'resources/hall.demo.json', '--db', join(dataDir, 'hall.db'), '--key-file', demoHallKeyFile(dataDir), '--port', String(port)],
        join(logDir, 'hall.log'),
      );
    let hall = await startHall(options.hallPort ?? 0);
    children.push(hall);
    // A hall started on port 0 keeps the port it was given: the terminals were pointed at it.
    const hallPort = Number(new URL(hall.url).port);
    const platform = await startChildService(
      'platform',
      'src/platform/cli.ts',
      ['--config', 'resources/platform.demo.json', '--data', join(dataDir, 'platform'), '--port', String(options.platformPort ?? 0)],
      join(logDir, 'platform.log'),
    );
    children.push(platform);

    const terminalsDir = options.terminalsDir ?? 'resources/terminals';
    const terminalConfigs = readdirSync(terminalsDir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => join(terminalsDir, name));
    const printers = new Map<string, ChildService>();
    for (const file of terminalConfigs) {
      const config = loadTerminalConfig(file);
      const local = config.devices.printer && /^tcp:\/\/127\.0\.0\.1:(\d+)$/.exec(config.devices.printer.url);
      if (!local) continue;
      const printer = await startChildService(
        `virtual printer of ${config.terminalId}`,
        'src/devices/cli.ts',
        ['printer', 'virtual', '--port', options.freePrinterPorts ? '0' : local[1]!, '--out', join(dataDir, 'printers', config.terminalId)],
        join(logDir, `printer-${config.terminalId}.log`),
      );
      children.push(printer);
      printers.set(config.terminalId, printer);
    }

    for (const file of options.terminalsInProcess === false ? [] : terminalConfigs) {
      const config = loadTerminalConfig(file);
      const printer = printers.get(config.terminalId);
      const host = createTerminalHost({
        config: {
          ...config,
          hall: { ...config.hall, url: hall.url },
          platform: { ...config.platform, url: platform.url },
          dataDir: join(dataDir, 'terminals', config.terminalId),
          devices: printer && config.devices.printer ? { ...config.devices, printer: { ...config.devices.printer, url: printer.url } } : config.devices,
        },
        version: APP_VERSION,
        caseKey: caseKeyFromEnvironment(process.env, demoKeyFile(dataDir, 'demo-case-store.key')),
      });
      const server = await startBrowserMode({ host, staticDir: options.staticDir ?? 'dist/renderer' });
      host.start();
      terminals.push({ host, server });
    }
    return {
      get hall() {
        return hall;
      },
      platform,
      printers,
      terminals,
      terminalConfigs,
      async restartHall() {
        await hall.stop();
        const restarted = await startHall(hallPort);
        children[children.indexOf(hall)] = restarted;
        hall = restarted;
        return restarted;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
