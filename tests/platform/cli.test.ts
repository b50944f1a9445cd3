import { join } from 'node:path';
import { Agent, get } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startChildService, type ChildService } from '../../scripts/child-service.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir('onewindow-platform-cli-');
const running: ChildService[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((service) => service.stop()));
});

// Each test starts a Node process through tsx, which takes seconds on a busy machine.
describe('reference platform process', { timeout: 60_000 }, () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('on %s exits while a terminal keeps a connection open to it', async (signal) => {
    const dir = tempDir();
    const platform = await startChildService('platform', 'src/platform/cli.ts', ['--data', dir, '--port', '0'], join(dir, 'platform.log'));
    running.push(platform);
    // A kept-alive connection, as a terminal's HTTP client holds between its calls.
    const agent = new Agent({ keepAlive: true });
    await new Promise((done) => get(`${platform.url}/api/v1/health`, { agent }, (response) => response.resume().on('end', done)));
    platform.process.kill(signal);
    expect(await platform.exited).toBe(0);
    agent.destroy();
  });
});
