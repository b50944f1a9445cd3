import { afterEach } from 'vitest';
import type { Events, Methods } from '../../src/shared/contract.js';
import type { HallConfig } from '../../src/shared/queue.js';
import { createRpcClient } from '../../src/shared/rpc/client.js';
import { createMemoryTransportPair } from '../../src/shared/rpc/transport.js';
import type { RpcRole } from '../../src/shared/roles.js';
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
    options: { hall?: HallConfig; hallUrl?: string; devices?: unknown; running?: TestHall; counter?: Parameters<typeof testTerminalConfig>[4] } = {},
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

/** A page of the given role, connected to the host in memory. */
export function pageOf(host: TerminalHost, role: RpcRole) {
  const [server, client] = createMemoryTransportPair();
  host.rpc.connect(server, role);
  return createRpcClient<Methods, Events>(client, { timeoutMs: 8000 });
}
