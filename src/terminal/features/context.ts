import { join } from 'node:path';
import { createDeviceManager, type DeviceManager } from '../../devices/manager.js';
import { isSupervisionEvent, type HallEvent } from '../../shared/hall-events.js';
import { platformApi } from '../../shared/platform-api.js';
import { RpcError } from '../../shared/rpc/errors.js';
import { windowLabel } from '../../shared/terminal-config.js';
import { caseKeyFromEnvironment } from '../cases/case-key.js';
import { openCaseService, type CaseService } from '../cases/case-service.js';
import { createCatalogService, type CatalogService } from '../catalog/catalog-service.js';
import { createCustomerDisplay } from '../customer-display.js';
import type { Emit } from '../emit.js';
import { createHallClient, type HallClient } from '../hall-client.js';
import { createHallEndpoints } from '../hall-endpoints.js';
import { createHallCredentials } from '../hall-credentials.js';
import { followHallEvents } from '../hall-events-client.js';
import type { TerminalHostOptions } from '../host.js';
import { createRouteClient, orThrow, PLATFORM_SERVER } from '../../http-client/route-client.js';
import { createIdCardService, type IdCardService } from '../idcard-service.js';
import { createLinkMonitor, type Link, type LinkMonitor } from '../link-monitor.js';
import { SAMPLE_CARDS_DIR, SHIPPED_CATALOG_DIR } from '../install-paths.js';
import { createPrintingService } from '../printing-service.js';
import { createRequestReplies } from '../request-replies.js';
import { openTerminalDatabase, terminalDataDir } from '../terminal-db.js';
import { terminalSealer } from '../terminal-secrets.js';

const TOKEN_ROTATION_CHECK_MS = 6 * 3_600_000;

/** What a feature hears of the hall's event stream; supervision events never reach a terminal's features. */
export interface HallListener {
  /** `live: false`: sent to catch up after a reconnect; it updates state only. */
  event?(event: HallEvent, live: boolean): void;
  /** The terminal joined the stream, or could not follow it without a gap. */
  resync?(seq: number): void;
}

/**
 * What every feature of a terminal host works with, built once before any of them: the configuration,
 * terminal.db, the devices, the links to the hall and the platform, the services more than one feature
 * uses, and `emit`, which reaches the pages once the RPC host serves them.
 */
export function createHostContext(options: TerminalHostOptions, emit: Emit) {
  const { config } = options;
  const dataDir = terminalDataDir(config);
  const db = openTerminalDatabase(config);
  const credentials = createHallCredentials(db, config.hall.token, terminalSealer(dataDir, options.secretsKey));
  const hallEndpoints = createHallEndpoints([config.hall.url, ...config.hall.otherUrls]);
  const hall: HallClient = options.hallClient ?? createHallClient(hallEndpoints, config.terminalId, credentials.token);
  const label = windowLabel(config);
  /** Where the terminal stands, as slips and the applicant's screen name it: its window, else the hall. */
  const place = label ?? config.hallName;
  const devices: DeviceManager =
    options.devices ??
    createDeviceManager(config.devices, {
      sampleCardsDir: SAMPLE_CARDS_DIR,
      dataDir,
      onPhotoDecodeError: (error) => options.onInternalError?.(error, 'idcard photo decoder'),
    });

  const platformRoutes = createRouteClient(platformApi, { baseUrl: config.platform.url, server: PLATFORM_SERVER });
  const links: LinkMonitor = createLinkMonitor({
    streams: ['hall'],
    intervalMs: options.linkCheckIntervalMs ?? 5000,
    probes: {
      hall: async () => {
        await hall.health();
        // A hall back after a crash announced nothing: its stream is taken up again as soon as it answers.
        hallEvents.reconnectNow();
      },
      platform: async () => orThrow(await platformRoutes.health({ timeoutMs: 3000 })),
    },
    emit,
  });

  const listeners: HallListener[] = [];
  const hallEvents = followHallEvents(hallEndpoints, credentials.token, {
    event: (event, live) => {
      if (isSupervisionEvent(event.type)) return;
      for (const listener of listeners) listener.event?.(event, live);
    },
    resync: (seq) => listeners.forEach((listener) => listener.resync?.(seq)),
    connected: (connected) => links.reportStream('hall', connected),
  });

  /** Every hall call tells the link monitor what it learnt, so pages see an outage at once. */
  const viaLink = <T>(link: Link, call: () => Promise<T>): Promise<T> =>
    links.through(link, call, (error) => error instanceof RpcError && (error.code === 'UNAVAILABLE' || error.code === 'TIMEOUT'));

  const printing = createPrintingService({ printers: devices.printers, db, emit });
  const idcard: IdCardService = createIdCardService({ devices, emit });
  const customer = createCustomerDisplay({ windowLabel: place, emit });
  const catalog: CatalogService = createCatalogService({
    platformUrl: config.platform.url,
    cacheFile: dataDir === ':memory:' ? null : join(dataDir, 'catalog.json'),
    shippedDir: SHIPPED_CATALOG_DIR,
    intervalMs: options.catalogIntervalMs,
    emit,
  });
  const cases: CaseService | null =
    config.role === 'counter'
      ? openCaseService({
          config,
          dir: dataDir,
          key: options.caseKey ?? caseKeyFromEnvironment(process.env, config.cases.keyFile),
          changesIntervalMs: options.caseChangesIntervalMs,
          emit,
          links,
        })
      : null;

  let rotation: ReturnType<typeof setInterval> | undefined;
  return {
    config,
    options,
    emit,
    db,
    replies: createRequestReplies(db),
    hall,
    windowLabel: label,
    place,
    devices,
    links,
    viaLink,
    /** Hears the hall's events from now on, after the features that asked before it. */
    onHallEvents: (listener: HallListener) => void listeners.push(listener),
    printing,
    idcard,
    customer,
    catalog,
    /** A counter's cases; null on kiosks and boards, which keep none. */
    cases,
    start(): void {
      const rotate = () =>
        void credentials
          .rotateIfDue(hall, config.hall.rotateDays)
          .catch((error: unknown) => options.onInternalError?.(error, 'hall token rotation'));
      rotate();
      rotation = setInterval(rotate, TOKEN_ROTATION_CHECK_MS).unref();
      links.start();
      hallEvents.start();
      devices.start();
      printing.start();
      cases?.start();
      catalog.start();
    },
    async stop(): Promise<void> {
      clearInterval(rotation);
      customer.stop();
      catalog.stop();
      links.stop();
      hallEvents.stop();
      await devices.stop();
      await printing.stop();
      await cases?.stop();
      db.close();
    },
  };
}

export type HostContext = ReturnType<typeof createHostContext>;
/** The context without its own start and stop: the host runs those, never a feature. */
export type FeatureContext = Omit<HostContext, 'start' | 'stop'>;
