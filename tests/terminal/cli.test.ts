import { writeFileSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startChildService, type ChildService } from '../../scripts/child-service.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { startTestHall, testTerminalConfig, type TestHall } from '../helpers/terminal.js';

const tempDir = useTempDir('onewindow-terminal-cli-');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startTerminalProcess(hall: TestHall): Promise<ChildService> {
  const dir = tempDir();
  const config = join(dir, 'kiosk.json');
  writeFileSync(config, JSON.stringify({ ...testTerminalConfig('kiosk', hall.hallUrl, hall.platformUrl), dataDir: join(dir, 'data') }));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  const terminal = await startChildService(
    'terminal',
    'src/terminal/cli.ts',
    ['--config', config, '--static', dir],
    join(dir, 'terminal.log'),
  );
  cleanups.push(() => terminal.stop());
  return terminal;
}

// Each test starts a Node process through tsx, which takes seconds on a busy machine.
describe('terminal host process (browser mode)', { timeout: 60_000 }, () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('on %s exits while pointed at a running hall, with a page’s connection open', async (signal) => {
    const hall = await startTestHall();
    cleanups.push(() => hall.close());
    const terminal = await startTerminalProcess(hall);
    const agent = new Agent({ keepAlive: true });
    await new Promise((done) => get(`${terminal.url}/kiosk`, { agent }, (response) => response.resume().on('end', done)));
    terminal.process.kill(signal);
    expect(await terminal.exited).toBe(0);
    agent.destroy();
  });
});
