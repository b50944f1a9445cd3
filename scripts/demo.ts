import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { backoffDelayMs } from '../src/shared/backoff.js';
import { hallApi, type Appointment } from '../src/shared/hall-api.js';
import { localTimeOfDay } from '../src/shared/local-date.js';
import type { TerminalConfig } from '../src/shared/terminal-config.js';
import { startBrowserMode, type BrowserModeServer } from '../src/terminal/browser-mode.js';
import { loadTerminalConfig } from '../src/terminal/config.js';
import { createRouteClient, HALL_SERVER, orThrow } from '../src/http-client/route-client.js';
import { startHostChild, type HostChild } from '../src/terminal/host-child.js';
import { startChildService, type ChildService } from './child-service.js';
import { makePrivateDir } from '../src/storage/private-files.js';

/** The demo hall's console accounts (resources/hall.demo.json holds their hashes); printed by `npm start`. */
export const DEMO_CONSOLE_ACCOUNTS = {
  manager: { id: 'admin', password: 'hall-admin-2468' },
  supervisor: { id: 'jc01', password: 'jiancha-1357' },
} as const;

export interface DemoOptions {
  /** Where the hall's database and the logs go. */
  dataDir: string;
  hallPort?: number;
  /** Start the hall server again when it exits from outside (default true); false leaves an outage to the caller. */
  restartHallOnExit?: boolean;
  platformPort?: number;
  staticDir?: string;
  terminalsDir?: string;
  /** Browser mode serves the terminals from this process, each host in a child process; with Electron each runs in its own shell instead. */
  terminalsInBrowserMode?: boolean;
  /** Virtual printers on free ports instead of the ports in the terminals' files (tests and benchmarks). */
  freePrinterPorts?: boolean;
  /** A virtual printer's port by terminal id, instead of the port in its file (0: a free one). */
  printerPorts?: Partial<Record<string, number>>;
}

/** An appointment the demo booked for today, so 预约签到 can be tried at the kiosk at once. */
export interface DemoAppointment extends Appointment {
  queueName: string;
  /** The sample card it was booked with: the kiosk checks it in with that card as well as by its code. */
  sampleCard: { file: string; name: string } | null;
}

export interface DemoTerminal {
  /** The terminal host's own process, restarted when it dies (its log: logs/terminal-ID.log). */
  host: HostChild;
  server: BrowserModeServer;
}

export interface Demo {
  hall: ChildService;
  platform: ChildService;
  /** The hall server's file: the demo's, pointed at this platform (the hall anchors its event log there). */
  hallConfigFile: string;
  /** A virtual printer for each terminal whose printer is on this machine, by terminal id. */
  printers: Map<string, ChildService>;
  terminals: DemoTerminal[];
  terminalConfigs: string[];
  /**
   * Stops the hall server as a technician would (SIGTERM), waits for its exit and starts it again on the
   * same port, database and key; `hall` is then the new process. The terminals follow it by themselves.
   */
  restartHall(): Promise<ChildService>;
  appointments: DemoAppointment[];
  stop(): Promise<void>;
}

/** Between tries to bring a hall server back: a second, and up to half a minute more while it keeps failing. */
const HALL_RESTART_BACKOFF = { baseMs: 1000, capMs: 30_000 };

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

/**
 * resources/hall.demo.json with the address the demo's platform got, so the hall server anchors its
 * event log there under its platform identity; readable by its owner only, as it holds the hall's secret.
 */
function demoHallConfig(dataDir: string, platformUrl: string): string {
  const config = JSON.parse(readFileSync('resources/hall.demo.json', 'utf8')) as { platform: { url: string } };
  const file = join(dataDir, 'hall.demo.json');
  writeFileSync(file, `${JSON.stringify({ ...config, platform: { ...config.platform, url: platformUrl } }, null, 2)}\n`, { mode: 0o600 });
  return file;
}

/**
 * A whole hall on one machine: the hall server and the reference platform as their own processes, and
 * every terminal of resources/terminals in browser mode, pointed at them.
 */
export async function startDemo(options: DemoOptions): Promise<Demo> {
  const dataDir = resolve(options.dataDir);
  const logDir = join(dataDir, 'logs');
  makePrivateDir(logDir);
  const children: ChildService[] = [];
  const terminals: DemoTerminal[] = [];
  let stopping = false;
  const stop = async () => {
    stopping = true;
    await Promise.all(
      terminals.map(async (terminal) => {
        await terminal.server.close();
        await terminal.host.stop();
      }),
    );
    // The platform (started first) stops last: the hall server anchors its event log there as it stops.
    const [first, ...rest] = children;
    await Promise.all(rest.map((child) => child.stop()));
    await first?.stop();
  };

  try {
    const platform = await startChildService(
      'platform',
      'src/platform/cli.ts',
      ['--config', 'resources/platform.demo.json', '--data', join(dataDir, 'platform'), '--port', String(options.platformPort ?? 0)],
      join(logDir, 'platform.log'),
    );
    children.push(platform);
    const hallConfigFile = demoHallConfig(dataDir, platform.url);
    // Its process id in hall.pid, so a technician stops this hall server and nothing else (README).
    const startHall = async (port: number) => {
      const started = await startChildService(
        'hall server',
        'src/hall/cli.ts',
        ['--config', hallConfigFile, '--db', join(dataDir, 'hall.db'), '--key-file', demoHallKeyFile(dataDir), '--port', String(port)],
        join(logDir, 'hall.log'),
      );
      writeFileSync(join(dataDir, 'hall.pid'), `${started.process.pid}\n`);
      return started;
    };
    let hall = await startHall(options.hallPort ?? 0);
    children.push(hall);
    // A hall started on port 0 keeps the port it was given: the terminals were pointed at it.
    const hallPort = Number(new URL(hall.url).port);
    let restarting = false;
    const replaceHall = (restarted: ChildService) => {
      if (stopping) {
        void restarted.stop();
        return;
      }
      children[children.indexOf(hall)] = restarted;
      hall = restarted;
      superviseHall(restarted);
    };
    // A hall server stopped or killed from outside comes back on its port, as a hall's service manager brings
    // it back; the terminals follow it by themselves.
    // One that dies again while it starts (killed once more, its port not yet free) is tried again, less and less often.
    function superviseHall(service: ChildService): void {
      void service.exited.then(async (code) => {
        if (stopping || restarting || options.restartHallOnExit === false) return;
        console.log(`hall server exited (${code ?? service.process.signalCode ?? 'signal'}): starting it again on port ${hallPort}`);
        for (let attempt = 0; ; attempt++) {
          await new Promise((resolve) => setTimeout(resolve, 1000 + backoffDelayMs(attempt, HALL_RESTART_BACKOFF)));
          if (stopping) return;
          try {
            return replaceHall(await startHall(hallPort));
          } catch (error) {
            console.error(`hall server could not be started again, trying again: ${(error as Error).message}`);
          }
        }
      });
    }
    superviseHall(hall);

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
        [
          'printer',
          'virtual',
          '--port',
          String(demoPrinterPort(options, config.terminalId, Number(local[1]))),
          '--out',
          join(dataDir, 'printers', config.terminalId),
        ],
        join(logDir, `printer-${config.terminalId}.log`),
      );
      children.push(printer);
      printers.set(config.terminalId, printer);
    }

    // Every terminal host is a process of its own: started side by side, as they would boot in a hall.
    const caseKeyFile = demoKeyFile(dataDir, 'demo-case-store.key');
    const started = await Promise.allSettled(
      (options.terminalsInBrowserMode === false ? [] : terminalConfigs).map(async (file) => {
        const config = loadTerminalConfig(file);
        const printer = printers.get(config.terminalId);
        const host = await startHostChild({
          config: {
            ...config,
            hall: { ...config.hall, url: hall.url },
            platform: { ...config.platform, url: platform.url },
            dataDir: join(dataDir, 'terminals', config.terminalId),
            devices:
              printer && config.devices.printer
                ? { ...config.devices, printer: { ...config.devices.printer, url: printer.url } }
                : config.devices,
          },
          caseKeyFile,
          demoCodesDir: join(dataDir, 'printers'),
          logFile: join(logDir, `terminal-${config.terminalId}.log`),
          onExit: ({ code, signal, restartInMs }) =>
            console.log(`terminal host of ${config.terminalId} exited (${code ?? signal}): starting it again in ${restartInMs} ms`),
        });
        const terminal = { host, server: await startBrowserMode({ host, staticDir: options.staticDir ?? 'dist/renderer' }) };
        terminals.push(terminal);
        return terminal;
      }),
    );
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    // In the order of their files, whichever came up first.
    terminals.splice(0, terminals.length, ...started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : [])));
    const appointments = await bookDemoAppointments(
      hall.url,
      terminalConfigs.map((file) => loadTerminalConfig(file)),
    );
    return {
      get hall() {
        return hall;
      },
      platform,
      hallConfigFile,
      printers,
      terminals,
      terminalConfigs,
      appointments,
      async restartHall() {
        restarting = true;
        try {
          await hall.stop();
          replaceHall(await startHall(hallPort));
        } finally {
          restarting = false;
        }
        return hall;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function demoPrinterPort(options: DemoOptions, terminalId: string, configured: number): number {
  if (options.freePrinterPorts) return 0;
  return options.printerPorts?.[terminalId] ?? configured;
}

const DEMO_CARD = 'resources/idcard/cards/resident.json';

/** `HH:MM` of a minute of the day, kept inside the day. */
function clock(minutes: number): string {
  const clamped = Math.min(Math.max(minutes, 0), 24 * 60 - 1);
  return `${String(Math.floor(clamped / 60)).padStart(2, '0')}:${String(clamped % 60).padStart(2, '0')}`;
}

/**
 * Today's demo appointments in the hall's first queue, booked as the demo counter (booking is a
 * counter's): one whose slot is now, one now booked with the sample card, and one later today that
 * the kiosk refuses until its slot comes near. Without a counter that has a hall token there is none.
 */
async function bookDemoAppointments(hallUrl: string, configs: TerminalConfig[]): Promise<DemoAppointment[]> {
  const counter = configs.find((config) => config.role === 'counter' && config.hall.token);
  if (!counter) return [];
  const hall = createRouteClient(hallApi, { baseUrl: hallUrl, server: HALL_SERVER, token: () => counter.hall.token });
  const health = orThrow(await hall.health());
  const queue = orThrow(await hall.listQueues()).queues[0];
  if (!queue) return [];
  const card = JSON.parse(readFileSync(DEMO_CARD, 'utf8')) as { idNumber: string; name: string };
  const [hours, minutes] = localTimeOfDay(new Date(), health.timeZone).split(':').map(Number);
  const now = Math.floor((hours! * 60 + minutes!) / 5) * 5;
  const slots = [
    { from: now - 10, to: now + 20, sampleCard: null },
    { from: now - 10, to: now + 20, sampleCard: { file: DEMO_CARD, name: card.name } },
    { from: now + 120, to: now + 150, sampleCard: null },
  ].filter((slot) => clock(slot.from) < clock(slot.to));
  const booked: DemoAppointment[] = [];
  for (const slot of slots) {
    const appointment = orThrow(
      await hall.book({
        body: {
          queueId: queue.id,
          day: health.serviceDate,
          from: clock(slot.from),
          to: clock(slot.to),
          ...(slot.sampleCard ? { idNumber: card.idNumber } : {}),
        },
      }),
    );
    booked.push({ ...appointment, queueName: queue.name, sampleCard: slot.sampleCard });
  }
  return booked;
}
