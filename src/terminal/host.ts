import type { DeviceManager } from '../devices/manager.js';
import type { DemoCode } from '../shared/contract-scanner.js';
import { events, methods, type Events } from '../shared/contract.js';
import { createRpcHost, type RpcHost } from '../shared/rpc/rpc-host.js';
import type { TerminalConfig } from '../shared/terminal-config.js';
import type { CaseKeySource } from './cases/case-key.js';
import type { Emit } from './emit.js';
import { casesFeature } from './features/cases.js';
import { catalogFeature } from './features/catalog.js';
import { createHostContext } from './features/context.js';
import { counterFeature } from './features/counter.js';
import { displayFeature } from './features/display.js';
import { docscanFeature } from './features/docscan.js';
import { combineFeatures } from './features/feature.js';
import { hallFeature } from './features/hall.js';
import { idcardFeature } from './features/idcard.js';
import { intakeFeature } from './features/intake.js';
import { kioskFeature } from './features/kiosk.js';
import { pickupFeature } from './features/pickup.js';
import { deviceHealthFeature } from './features/device-health.js';
import { printingFeature } from './features/printing.js';
import { queueFeature } from './features/queue.js';
import { scannerFeature } from './features/scanner.js';
import { syncFeature } from './features/sync.js';
import { systemFeature } from './features/system.js';
import type { HallClient } from './hall-client.js';
import type { VoiceChoice } from './speech.js';
import type { DatabaseKeySource } from '../storage/database-key.js';

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
  /** How often a kiosk looks whether it has offline tickets to hand in or a lease of numbers to renew. */
  offlineTicketsIntervalMs?: number;
  /** How often the host looks at its devices to report them to the hall (5 s). */
  deviceReportIntervalMs?: number;
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

/**
 * The terminal host: one context (configuration, databases, devices, links, shared services) and the
 * features of src/terminal/features, combined and served through the contract. It is plain Node;
 * Electron and browser mode only give it transports.
 */
export function createTerminalHost(options: TerminalHostOptions): TerminalHost {
  // Events raised before the RPC host exists have no page to reach: none can connect before it does.
  let deliver: Emit | null = null;
  const emit: Emit = (event, payload) => deliver?.(event, payload);
  const ctx = createHostContext(options, emit);
  const counter = counterFeature(ctx);
  const features = combineFeatures(methods, [
    systemFeature(ctx),
    hallFeature(ctx),
    queueFeature(ctx),
    counter,
    printingFeature(ctx),
    idcardFeature(ctx),
    displayFeature(ctx),
    scannerFeature(ctx),
    docscanFeature(ctx),
    catalogFeature(ctx),
    casesFeature(ctx, counter),
    syncFeature(ctx, counter),
    kioskFeature(ctx),
    intakeFeature(ctx, counter),
    pickupFeature(ctx, counter),
    deviceHealthFeature(ctx),
  ]);
  const rpc: RpcHost<Events> = createRpcHost({
    methods,
    events,
    handlers: features.handlers,
    validateOutput: options.validateOutput,
    onInternalError: options.onInternalError,
  });
  deliver = rpc.emit;

  return {
    rpc,
    config: options.config,
    start() {
      ctx.start();
      features.start();
    },
    async stop() {
      await features.stop();
      await ctx.stop();
    },
  };
}
