import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDeviceManager, type DeviceManager } from '../devices/manager.js';
import type { Events } from '../shared/contract.js';
import { events, methods } from '../shared/contract.js';
import type { DemoCode } from '../shared/contract-scanner.js';
import { isSupervisionEvent, type HallEventType } from '../shared/hall-events.js';
import type { IssuedTicket } from '../shared/queue.js';
import { queueTicketData } from '../shared/print-templates.js';
import { platformApi } from '../shared/platform-api.js';
import { formatReceiptNumber, receiptReference, describeReference } from '../shared/case-reference.js';
import { RpcError } from '../shared/rpc/errors.js';
import { createRpcHost, type RpcHost } from '../shared/rpc/host.js';
import { windowLabel, type TerminalConfig } from '../shared/terminal-config.js';
import { createCustomerDisplay } from './customer-display.js';
import { createHallClient, type HallClient } from './hall-client.js';
import { createHallCredentials } from './hall-credentials.js';
import { followHallEvents } from './hall-events-client.js';
import { createIdCardService } from './idcard-service.js';
import { createPrintingService } from './printing-service.js';
import { createDocscanService } from './docscan-service.js';
import { createSaneScanner } from '../devices/docscan/sane.js';
import { createMandarinSpeech, type VoiceChoice } from './speech.js';
import { openTerminalDatabase } from './terminal-db.js';
import { terminalSealer } from './terminal-secrets.js';
import { createRequestReplies } from './request-replies.js';
import type { DatabaseKeySource } from '../storage/database-key.js';
import { createRouteClient, orThrow, PLATFORM_SERVER } from '../http-client/route-client.js';
import { createLinkMonitor, type Link } from './link-monitor.js';
import { caseKeyFromEnvironment, type CaseKeySource } from './cases/case-key.js';
import { openCaseService, type CaseService } from './cases/case-service.js';
import { terminalDataDir } from './terminal-db.js';
import { browseCatalog, catalogOverview, findItem } from './catalog/catalog-queries.js';
import { createCatalogService } from './catalog/catalog-service.js';
import { guide, GuidanceError } from '../shared/guidance.js';
import { guideContent, guideHtml, guideSlipData, type GuideTarget } from '../shared/guide-document.js';
import { createPlatformClient } from './cases/platform-client.js';
import { createIntakeSession } from './intake-session.js';
import { createKioskSession } from './kiosk-session.js';

export interface TerminalHostOptions {
  config: TerminalConfig;
  version: string;
  hallClient?: HallClient;
  /** The terminal's devices; built from the configuration when not given. */
  devices?: DeviceManager;
  linkCheckIntervalMs?: number;
  validateOutput?: boolean;
  /** A counter's case store key: the OS keystore in Electron; the environment or a key file otherwise. */
  caseKey?: CaseKeySource;
  /** The key sealing the hall token in terminal.db: the OS keystore in Electron; a key file in the data directory otherwise. */
  secretsKey?: DatabaseKeySource;
  /** How often a counter pulls the platform's case changes. */
  caseChangesIntervalMs?: number;
  /** How often the terminal asks the platform for a newer catalog. */
  catalogIntervalMs?: number;
  onInternalError?: (error: unknown, method: string) => void;
  /** Which voice spoken calls use (or that there is none), told once at start for the log. */
  onSpeechVoice?: (choice: VoiceChoice) => void;
  /** The demo's recently printed QR codes (every terminal's), offered by 模拟扫码; none elsewhere. */
  demoCodes?: () => DemoCode[];
}

export interface TerminalHost {
  readonly rpc: RpcHost<Events>;
  readonly config: TerminalConfig;
  start(): void;
  stop(): Promise<void>;
}

/** A ticket no longer served at the window after these: a case taken in later is not filed under it. */
const LEAVES_WINDOW: readonly HallEventType[] = ['ticket.finished', 'ticket.noShow', 'ticket.transferred', 'ticket.parked'];
const TOKEN_ROTATION_CHECK_MS = 6 * 3_600_000;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const SAMPLE_CARDS_DIR = fileURLToPath(new URL('../../resources/idcard/cards', import.meta.url));
const SHIPPED_CATALOG_DIR = fileURLToPath(new URL('../../resources/catalog', import.meta.url));

/**
 * The terminal host: composes the services of one kiosk, counter or board and serves them through the
 * contract. It is plain Node; Electron and browser mode only give it transports.
 */
export function createTerminalHost(options: TerminalHostOptions): TerminalHost {
  const { config } = options;
  const db = openTerminalDatabase(config);
  const replies = createRequestReplies(db);
  const credentials = createHallCredentials(db, config.hall.token, terminalSealer(terminalDataDir(config), options.secretsKey));
  const hall = options.hallClient ?? createHallClient(config.hall.url, config.terminalId, credentials.token);
  const label = windowLabel(config);
  const customer = createCustomerDisplay(label ?? config.hallName, (view) => rpc.emit('display.customerView', view));
  const devices =
    options.devices ??
    createDeviceManager(config.devices, {
      sampleCardsDir: SAMPLE_CARDS_DIR,
      onPhotoDecodeError: (error) => options.onInternalError?.(error, 'idcard photo decoder'),
    });
  const printing = createPrintingService(config, db, {
    job: (job) => rpc.emit('printer.job', job),
    status: (status) => rpc.emit('printer.status', status),
  });
  const idcard = createIdCardService(devices, {
    card: (view) => rpc.emit('idcard.card', view),
    error: (message) => rpc.emit('idcard.error', { message }),
    status: (status) => rpc.emit('idcard.status', status),
  });

  const dataDir = terminalDataDir(config);
  const catalog = createCatalogService({
    platformUrl: config.platform.url,
    cacheFile: dataDir === ':memory:' ? null : join(dataDir, 'catalog.json'),
    shippedDir: SHIPPED_CATALOG_DIR,
    intervalMs: options.catalogIntervalMs,
    onUpdated: (version) => rpc.emit('catalog.updated', { version }),
  });

  /** Guidance and guides on the catalog in use; a wrong code or answer is the caller's to fix. */
  function onCatalog<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (error instanceof GuidanceError) throw new RpcError('INVALID_INPUT', error.message);
      throw error;
    }
  }
  const guideOf = (target: GuideTarget) => onCatalog(() => guideContent(catalog.current(), target));

  const kiosk = createKioskSession({
    hallName: config.hallName,
    catalog: () => catalog.current(),
    takeRecentCard: () => idcard.takeRecentCard(),
    viewCard: (card) => idcard.view(card),
    createPrefill: (application, requestId) => viaLink('hall', () => hall.createPrefill(application, requestId)),
    print: (data, summary) => printing.print('prefill-slip', data, summary),
    progress:
      config.role === 'kiosk' && config.platform.secret
        ? createPlatformClient({ baseUrl: config.platform.url, terminalId: config.terminalId, secret: config.platform.secret, timeoutMs: 8000 }).progress
        : null,
  });

  let clerk: { id: string; name: string } | null = null;
  let servingTicket: string | null = null;
  const cases: CaseService | null =
    config.role === 'counter'
      ? openCaseService({
          config,
          dir: dataDir,
          key: options.caseKey ?? caseKeyFromEnvironment(process.env, config.cases.keyFile),
          changesIntervalMs: options.caseChangesIntervalMs,
          onState: (state) => {
            rpc.emit('sync.state', state);
            links.report('platform', state.online);
          },
          onCasesChanged: (changed) => rpc.emit('cases.changed', { cases: changed }),
        })
      : null;

  const intake = createIntakeSession({
    hallName: config.hallName,
    windowLabel: label ?? config.hallName,
    timeZone: config.cases.timeZone,
    takeRecentCard: () => idcard.takeRecentCard(),
    viewCard: (card) => idcard.view(card),
    stageMaterial: (bytes, mediaType) => caseService().store.stageMaterial(bytes, mediaType),
    register: (draft, onDuty) => {
      const registered = caseService().store.register(draft, onDuty);
      caseService().engine.kick();
      return registered;
    },
    sharedMaterials: (itemCode) => {
      const item = catalog.current().items.find((candidate) => candidate.implCode === itemCode);
      return new Set(item?.materials.filter((material) => material.source === 'shared').map((material) => material.name) ?? []);
    },
    print: (template, data, summary) => printing.print(template, data, summary),
    showReview: (review) => customer.show({ kind: 'review', windowLabel: label ?? config.hallName, ...review }),
    welcome: () => customer.welcome(),
    confirmed: (at) => rpc.emit('intake.confirmed', { at }),
  });

  function caseService(): CaseService {
    if (!cases) throw new RpcError('REFUSED', '只有窗口终端保存办件 / only a counter keeps cases');
    return cases;
  }

  function clerkOnDuty(): { id: string; name: string } {
    if (!clerk) throw new RpcError('REFUSED', '请先登录窗口，再办理业务 / log in at the window first');
    return clerk;
  }

  const docscan = config.devices.docscan ? createDocscanService(config.devices.docscan, createSaneScanner(), (percent, page) => rpc.emit('docscan.progress', { percent, page })) : null;
  devices.scanner?.on('scan', (scan) => rpc.emit('scanner.scan', scan));
  const scannerMode = devices.simulatedScanner ? ('simulated' as const) : ('host' as const);
  devices.scanner?.on('status', (status) => rpc.emit('scanner.status', { mode: scannerMode, ...status }));

  const speech = createMandarinSpeech(options.onSpeechVoice);
  const platformRoutes = createRouteClient(platformApi, { baseUrl: config.platform.url, server: PLATFORM_SERVER });
  const links = createLinkMonitor({
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
    onChange: (status) => rpc.emit('system.linkStatus', status),
  });

  /** The newest event (or snapshot) this window's state was taken from: an older snapshot arriving late changes nothing. */
  let windowStateSeq = 0;
  const hallEvents = followHallEvents(config.hall.url, credentials.token, {
    // An event sent to catch up (`live: false`) updates state only: it never asks for a rating nor clears an intake.
    event: (event, live) => {
      if (isSupervisionEvent(event.type)) return;
      rpc.emit('hall.event', { ...event, live });
      if (!config.window || event.windowNumber !== config.window.number) return;
      windowStateSeq = event.seq;
      // The ticket being served at this window: the case taken in now is filed under it, and its rating reaches the case too.
      if (event.ticket) {
        if (event.type === 'ticket.called' || event.type === 'ticket.resumed') {
          if (live && servingTicket !== event.ticket.ticketId) intake.reset();
          servingTicket = event.ticket.ticketId;
        }
        else if (LEAVES_WINDOW.includes(event.type) && servingTicket === event.ticket.ticketId) servingTicket = null;
      }
      if (event.type === 'window.paused' || event.type === 'window.resumed') customer.setPaused(event.type === 'window.paused');
      if (live && event.type === 'ticket.finished' && event.ticket) customer.rate(event.ticket.ticketId, event.ticket.ticketNumber);
    },
    resync: (seq) => {
      rpc.emit('hall.resync', { seq });
      if (config.window) void restoreWindow(config.window.number);
    },
    connected: (connected) => links.reportStream('hall', connected),
  });

  /** After a resync (a start, or a gap): the window's ticket and pause come from the hall's snapshot, not from replayed history. */
  async function restoreWindow(number: number): Promise<void> {
    const snapshot = await hall.snapshot().catch(() => null);
    const window = snapshot?.windows.find((candidate) => candidate.number === number);
    if (!snapshot || !window || snapshot.seq < windowStateSeq) return;
    windowStateSeq = snapshot.seq;
    servingTicket = window.current?.ticketId ?? null;
    customer.setPaused(window.paused);
  }

  /** The counter's own window; the hall server is only ever asked to move tickets at that window. */
  function ownWindow(): number {
    if (!config.window) throw new RpcError('REFUSED', '本终端不是窗口终端，不能叫号 / this terminal is not a counter: it cannot call numbers');
    return config.window.number;
  }

  /** The card just read, for a number taken with it; it stays in the host, its number goes to the hall only. */
  function cardNumberIf(withIdCard: boolean): string | undefined {
    if (!withIdCard) return undefined;
    const card = idcard.takeRecentCard();
    if (!card) throw new RpcError('REFUSED', '请先将身份证放在读卡区，读卡成功后再取号 / place the ID card on the reader first, then take the number');
    return card.idNumber;
  }

  /** Queues the ticket's slip; the number is the citizen's whether or not it prints. */
  function printed(ticket: IssuedTicket) {
    const print = printing.print('queue-ticket', queueTicketData(config.hallName, ticket), `${ticket.ticketNumber} ${ticket.queueName}`);
    return { ...ticket, print };
  }

  /** A clerk logs in at this window: by id or by their own card, with the PIN; the hall checks both. */
  async function logIn(who: { clerkId: string } | { idNumber: string }, pin: string) {
    const window = await viaLink('hall', () => hall.login(ownWindow(), who, pin));
    clerk = window.clerk;
    customer.setClerk(window.clerk ?? undefined);
    return window;
  }

  /** Every hall call tells the link monitor what it learnt, so pages see an outage at once. */
  async function viaLink<T>(link: Link, call: () => Promise<T>): Promise<T> {
    try {
      const value = await call();
      links.report(link, true);
      return value;
    } catch (error) {
      if (error instanceof RpcError && (error.code === 'UNAVAILABLE' || error.code === 'TIMEOUT')) links.report(link, false);
      else links.report(link, true);
      throw error;
    }
  }

  const rpc: RpcHost<Events> = createRpcHost({
    methods,
    events,
    validateOutput: options.validateOutput,
    onInternalError: options.onInternalError,
    handlers: {
      'system.hello': (_input, context) => ({
        role: context.role,
        terminalId: config.terminalId,
        terminalRole: config.role,
        hallName: config.hallName,
        windowLabel: label,
        windowNumber: config.window?.number ?? null,
        version: options.version,
        idle: config.role === 'kiosk' ? config.kiosk : null,
      }),
      'system.linkStatus': () => links.status(),
      'system.pageError': ({ part, message, stack }, context) => {
        options.onInternalError?.(Object.assign(new Error(message), { stack }), `${context.role} page: ${part}`);
        return {};
      },
      'queue.list': async () => ({ queues: await viaLink('hall', () => hall.listQueues()) }),
      'queue.takeTicket': (input) =>
        replies.once('queue.takeTicket', input.requestId, input, async () => {
          const idNumber = cardNumberIf(input.withIdCard);
          return printed(await viaLink('hall', () => hall.issueTicket(input.queueId, { idNumber, priority: input.greenChannel }, input.requestId)));
        }),
      'queue.checkIn': (input) =>
        replies.once('queue.checkIn', input.requestId, input, async () => {
          const idNumber = cardNumberIf(input.withIdCard);
          if (!input.code && !idNumber) throw new RpcError('INVALID_INPUT', '请输入预约码或刷身份证 / enter the appointment code or use the ID card');
          return printed(await viaLink('hall', () => hall.checkIn({ code: input.code, idNumber }, input.requestId)));
        }),
      'hall.snapshot': () => viaLink('hall', () => hall.snapshot()),
      'counter.callNext': () => viaLink('hall', () => hall.callNext(ownWindow())),
      'counter.recall': () => viaLink('hall', () => hall.recall(ownWindow())),
      'counter.noShow': () => viaLink('hall', () => hall.noShow(ownWindow())),
      'counter.park': () => viaLink('hall', () => hall.park(ownWindow())),
      'counter.resume': ({ ticketId }) => viaLink('hall', () => hall.resume(ownWindow(), ticketId)),
      'counter.reinstate': ({ ticketNumber }) => viaLink('hall', () => hall.reinstate(ticketNumber)),
      'counter.finish': ({ serviceCodes }) => viaLink('hall', () => hall.finish(ownWindow(), serviceCodes)),
      'counter.transfer': (target) => viaLink('hall', () => hall.transfer(ownWindow(), target)),
      'counter.pause': async ({ paused }) => {
        const window = await viaLink('hall', () => hall.pause(ownWindow(), paused));
        customer.setPaused(window.paused);
        return window;
      },
      'counter.login': ({ clerkId, pin }) => logIn({ clerkId }, pin),
      'counter.loginWithCard': ({ pin }) => {
        const card = idcard.takeRecentCard();
        if (!card) throw new RpcError('REFUSED', '请先将您本人的身份证放在读卡区 / place your own ID card on the reader first');
        return logIn({ idNumber: card.idNumber }, pin);
      },
      'counter.logout': async () => {
        const window = await viaLink('hall', () => hall.logout(ownWindow()));
        clerk = null;
        customer.setClerk(undefined);
        return window;
      },
      'board.speech': async ({ text }) => ({ wav: (await speech.speak(text)).toString('base64') }),
      'printer.status': () => printing.status(),
      'printer.jobs': ({ limit }) => printing.jobs(limit),
      'printer.job': ({ jobId }) => printing.job(jobId),
      'printer.reprint': ({ jobId }) => printing.reprint(jobId),
      'printer.preview': ({ jobId }) => printing.preview(jobId),
      'idcard.read': ({ timeoutMs }) => idcard.read(timeoutMs),
      'idcard.status': () => idcard.status(),
      'idcard.simulate': ({ sample }) => {
        idcard.simulate(sample);
        return {};
      },
      'display.setCustomerView': ({ view }) => {
        customer.show(view);
        return {};
      },
      'customer.rate': async ({ level, reasons }) => {
        const ticketId = customer.ratingTicket();
        if (!ticketId) throw new RpcError('REFUSED', '当前没有可评价的服务 / there is no finished service to rate now');
        const evaluation = await viaLink('hall', () => hall.evaluate(ticketId, level, reasons));
        for (const caseId of cases?.store.casesOfTicket(ticketId) ?? []) cases!.store.evaluate(caseId, level, reasons);
        customer.welcome();
        return evaluation;
      },
      'customer.skipRating': () => {
        if (customer.ratingTicket()) customer.welcome();
        return {};
      },
      'display.getCustomerView': () => customer.current(),
      'scanner.status': () => {
        if (devices.scanner) return { mode: scannerMode, ...devices.scanner.status() };
        return config.devices.scanner?.kind === 'wedge'
          ? { mode: 'wedge' as const, connected: null, message: '键盘模式扫码枪由页面读取 / a keyboard-wedge scanner is read by the page' }
          : { mode: 'none' as const, connected: null, message: '本终端未配置扫码枪 / no scanner is configured' };
      },
      'scanner.simulate': async ({ text, symbology }) => {
        if (!devices.simulatedScanner) throw new RpcError('REFUSED', '本终端不是模拟扫码枪 / this terminal has no simulated scanner');
        await devices.simulatedScanner.scan(text, symbology);
        return {};
      },
      'scanner.demoCodes': () => {
        if (!devices.simulatedScanner) throw new RpcError('REFUSED', '本终端不是模拟扫码枪 / this terminal has no simulated scanner');
        return { codes: options.demoCodes?.() ?? [] };
      },
      'docscan.scan': ({ source }) => {
        if (!docscan) throw new RpcError('REFUSED', '本终端未配置文档扫描仪 / no document scanner is configured on this terminal');
        return docscan.scan(source);
      },
      'docscan.cancel': () => {
        docscan?.cancel();
        return {};
      },
      'catalog.info': () => catalogOverview(catalog.current(), catalog.lastError()),
      'catalog.search': ({ query, limit }) => ({ hits: catalog.search(query, limit) }),
      'catalog.browse': ({ by, value }) => ({ hits: browseCatalog(catalog.current(), by, value) }),
      'catalog.item': ({ code }) => findItem(catalog.current(), code),
      'catalog.guide': (request) => onCatalog(() => guide(catalog.current(), request)),
      'catalog.guideContent': (target) => guideOf(target),
      'catalog.guideDocument': (target) => ({ html: guideHtml(guideOf(target), config.hallName) }),
      'catalog.printGuide': (target) => {
        const content = guideOf(target);
        return printing.print('service-guide', guideSlipData(content, config.hallName), `办事指南 ${content.title}`);
      },
      'cases.putMaterial': ({ data, mediaType }) => {
        clerkOnDuty();
        return caseService().store.stageMaterial(Buffer.from(data, 'base64'), mediaType);
      },
      'cases.list': ({ limit }) => ({ cases: caseService().store.list(limit) }),
      'cases.get': ({ caseId }) => caseService().store.get(caseId),
      'cases.find': ({ reference }) => {
        const parsed = receiptReference(reference);
        const found = caseService().store.find(parsed);
        if (!found) throw new RpcError('NOT_FOUND', `本窗口没有${describeReference(parsed)}的办件，请核对回执上的编号；其他窗口受理的办件可在“出件”中办理 / this counter holds no case with that number`);
        return found;
      },
      'cases.move': ({ caseId, stage, note }) => {
        const moved = caseService().store.move(caseId, stage, clerkOnDuty().id, note);
        caseService().engine.kick();
        return moved;
      },
      'kiosk.cardForForm': (request) => kiosk.cardForForm(request),
      'kiosk.submitPrefill': (input) => replies.once('kiosk.submitPrefill', input.requestId, input, () => kiosk.submitPrefill(input.request, input.values, input.fromCard, input.requestId)),
      'kiosk.progress': async (query) => ({ cases: await kiosk.progress(query) }),
      'kiosk.endSession': () => {
        kiosk.end();
        return {};
      },
      'prefill.open': async ({ code }) => {
        clerkOnDuty();
        const opened = await viaLink('hall', () => hall.openPrefill(code));
        intake.usePrefill(opened);
        return opened;
      },
      'intake.readCard': ({ as }) => {
        clerkOnDuty();
        return intake.readCard(as);
      },
      'intake.review': (shown) => {
        clerkOnDuty();
        intake.review(shown);
        return {};
      },
      'intake.submit': (submission) => {
        caseService();
        const onDuty = clerkOnDuty();
        return replies.once('intake.submit', submission.requestId, submission, () => intake.submit(submission, onDuty, servingTicket));
      },
      'intake.reset': () => {
        intake.reset();
        customer.welcome();
        return {};
      },
      'pickup.handOver': async ({ reference }) => {
        const onDuty = clerkOnDuty();
        const receipt = receiptReference(reference);
        const card = idcard.takeRecentCard();
        if (!card) throw new RpcError('REFUSED', '请先读取领取人的身份证 / read the recipient’s card first');
        const windowLabel = label ?? config.hallName;
        const handed = await caseService().pickup.handOver(receipt, card.idNumber, onDuty, windowLabel);
        caseService().engine.kick();
        const print = printing.print(
          'pickup-slip',
          {
            hallName: config.hallName,
            ...(handed.receiptNumber ? { receiptNumber: formatReceiptNumber(handed.receiptNumber) } : {}),
            ...(handed.caseNumber ? { caseNumber: handed.caseNumber } : {}),
            serviceName: handed.itemName,
            recipientName: card.name,
            recipientIdNumber: card.idNumber,
            recipientRole: handed.as === 'applicant' ? '申请人' : '代办人',
            resultName: handed.resultName,
            ...(handed.resultNumber ? { resultNumber: handed.resultNumber } : {}),
            pickedUpAt: new Date().toISOString(),
            windowLabel,
            clerkName: onDuty.name,
          },
          `出件单 ${handed.itemName}`,
        );
        return { handed, print };
      },
      'customer.confirm': ({ strokes, png }) => {
        const image = Buffer.from(png, 'base64');
        if (!image.subarray(0, 8).equals(PNG_SIGNATURE)) throw new RpcError('INVALID_INPUT', '签名图片应为 PNG / the signature picture must be a PNG');
        intake.confirm(strokes, image);
        return {};
      },
      'privacy.export': ({ idNumber }) => caseService().store.aboutPerson(idNumber, clerkOnDuty().id),
      'sync.state': () => caseService().engine.state(),
      'sync.deadLetters': () => ({ deadLetters: caseService().store.outbox.deadLetters() }),
      'sync.retry': ({ opId }) => {
        caseService().engine.retry(opId, clerkOnDuty().id);
        return caseService().engine.state();
      },
      'sync.discard': ({ opId }) => {
        caseService().engine.discard(opId, clerkOnDuty().id);
        return caseService().engine.state();
      },
    },
  });

  let rotation: ReturnType<typeof setInterval> | undefined;
  return {
    rpc,
    config,
    start() {
      const rotate = () => void credentials.rotateIfDue(hall, config.hall.rotateDays).catch((error: unknown) => options.onInternalError?.(error, 'hall token rotation'));
      rotate();
      rotation = setInterval(rotate, TOKEN_ROTATION_CHECK_MS).unref();
      links.start();
      if (config.role !== 'counter') speech.start();
      hallEvents.start();
      devices.start();
      printing.start();
      cases?.start();
      catalog.start();
    },
    async stop() {
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
