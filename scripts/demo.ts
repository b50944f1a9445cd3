import { mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startBrowserMode, type BrowserModeServer } from '../src/terminal/browser-mode.js';
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
}

export interface DemoTerminal {
  host: TerminalHost;
  server: BrowserModeServer;
}

export interface Demo {
  hall: ChildService;
  platform: ChildService;
  terminals: DemoTerminal[];
  terminalConfigs: string[];
  stop(): Promise<void>;
}

/**
 * A whole hall on one machine: the hall server and the reference platform as their own processes, and
 * every terminal of resources/terminals in browser mode, pointed at them.
 */
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
    const hall = await startChildService(
      'hall server',
      'src/hall/cli.ts',
      ['--config', 'resources/hall.demo.json', '--db', join(dataDir, 'hall.db'), '--port', String(options.hallPort ?? 0)],
      join(logDir, 'hall.log'),
    );
    children.push(hall);
    const platform = await startChildService(
      'platform',
      'src/platform/cli.ts',
      ['--port', String(options.platformPort ?? 0)],
      join(logDir, 'platform.log'),
    );
    children.push(platform);

    const terminalsDir = options.terminalsDir ?? 'resources/terminals';
    const terminalConfigs = readdirSync(terminalsDir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => join(terminalsDir, name));
    for (const file of options.terminalsInProcess === false ? [] : terminalConfigs) {
      const config = loadTerminalConfig(file);
      const host = createTerminalHost({
        config: { ...config, hall: { url: hall.url }, platform: { url: platform.url } },
        version: APP_VERSION,
      });
      const server = await startBrowserMode({ host, staticDir: options.staticDir ?? 'dist/renderer' });
      host.start();
      terminals.push({ host, server });
    }
    return { hall, platform, terminals, terminalConfigs, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
