import { randomUUID } from 'node:crypto';
import { afterEach } from 'vitest';
import type { CaseDraft, CaseSummary, SignatureStrokes } from '../../src/shared/cases.js';
import type { Events, Methods } from '../../src/shared/contract.js';
import type { HallConfig } from '../../src/shared/hall-config.js';
import { createRpcClient } from '../../src/shared/rpc/client.js';
import { createMemoryTransportPair } from '../../src/shared/rpc/transport.js';
import type { RpcRole } from '../../src/shared/roles.js';
import type { PageHost } from '../../src/terminal/browser-mode.js';
import { createTerminalHost, type TerminalHost } from '../../src/terminal/host.js';
import { startTestHall, testTerminalConfig, type TestHall } from './terminal.js';

/**
 * Terminal hosts on a real hall server and reference platform, stopped after each test. Outputs are
 * checked against the contract and any internal error fails the test.
 */
export function useTestHosts() {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return async function hallAndHost(
    role: 'kiosk' | 'counter',
    /** `running`: another terminal on a hall this test started already. */
    options: {
      hall?: HallConfig;
      hallUrl?: string;
      devices?: unknown;
      running?: TestHall;
      counter?: Parameters<typeof testTerminalConfig>[4];
    } = {},
  ): Promise<{ hall: TestHall; host: TerminalHost }> {
    let hall = options.running;
    if (!hall) {
      const started = await startTestHall(options.hall);
      cleanups.push(() => started.close());
      hall = started;
    }
    const host = createTerminalHost({
      config: testTerminalConfig(role, options.hallUrl ?? hall.hallUrl, hall.platformUrl, options.devices, options.counter),
      version: '0.0.0-test',
      validateOutput: true,
      linkCheckIntervalMs: 60_000,
      onInternalError: (error) => {
        throw error;
      },
    });
    cleanups.push(() => host.stop());
    return { hall, host };
  };
}

/** A page of the given role, connected in memory to the host (or to the host process behind its shell). */
export function pageOf(host: Pick<PageHost, 'rpc'>, role: RpcRole) {
  const [server, client] = createMemoryTransportPair();
  host.rpc.connect(server, role);
  return createRpcClient<Methods, Events>(client, { timeoutMs: 8000 });
}

export const ONE_PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
export const STROKES: SignatureStrokes = [
  [
    [10, 10, 0],
    [40, 30, 16],
  ],
];

/**
 * 受理 as a window does it, through the intake session (there is no other way in): what is recorded is
 * shown on the customer screen, the applicant confirms and signs there, then the clerk submits. The
 * people are typed, as for a document the reader cannot read.
 */
export async function acceptAtWindow(host: TerminalHost, clerk: ReturnType<typeof pageOf>, draft: CaseDraft): Promise<CaseSummary> {
  await clerk.invoke('intake.review', {
    itemName: draft.itemName,
    materials: draft.materials.map((material) => ({ name: material.name, form: '原件', count: material.count })),
    fields: [],
  });
  await pageOf(host, 'customer').invoke('customer.confirm', { strokes: STROKES, png: ONE_PIXEL_PNG });
  const { case: accepted } = await clerk.invoke('intake.submit', {
    requestId: randomUUID(),
    itemCode: draft.itemCode,
    itemName: draft.itemName,
    caseType: draft.caseType,
    materials: draft.materials,
    ...(draft.promisedDays !== undefined ? { promisedDays: draft.promisedDays } : {}),
    applicant: { from: 'typed', person: draft.applicant },
    ...(draft.agent ? { agent: { from: 'typed' as const, person: draft.agent } } : {}),
  });
  return accepted;
}
