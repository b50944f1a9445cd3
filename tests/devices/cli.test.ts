import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { openPtyPair, stop } from '../helpers/pty-pair.js';
import { runDeviceCli } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir('onewindow-cli-');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const run = runDeviceCli;

async function simulated(card: string, scenario = 'normal') {
  const ptys = await openPtyPair(tempDir());
  cleanups.push(ptys.unplug);
  const simulator = spawn(process.execPath, [
    'bin/onewindow-device.js',
    'idcard',
    'sim',
    '--port',
    ptys.device,
    '--card',
    card,
    '--scenario',
    scenario,
  ]);
  cleanups.push(() => stop(simulator));
  await new Promise((resolve) => simulator.stdout.once('data', resolve));
  return ptys.host;
}

describe('onewindow-device', () => {
  it('idcard read --json prints the card with words and codes, the number in full, and exits 0', async () => {
    const port = await simulated('resources/idcard/cards/resident-tujia-longterm.json');
    const result = await run(['idcard', 'read', '--port', port, '--timeout', '8000', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      type: 'resident',
      name: '李样例',
      sex: '女',
      sexCode: '2',
      nation: '土家',
      nationCode: '15',
      birthDate: '1985-11-22',
      idNumber: '430602198511220040',
      validTo: '长期',
      address: expect.stringContaining('湖南省'),
      issuer: expect.any(String),
      validFrom: '2010-01-15',
    });
  });

  it('masks the number for people unless --unmasked', async () => {
    const port = await simulated('resources/idcard/cards/resident.json');
    const masked = await run(['idcard', 'read', '--port', port, '--timeout', '8000']);
    expect(masked.code).toBe(0);
    expect(masked.stdout).toContain('430602********1231');
    expect(masked.stdout).not.toContain('430602199003071231');
  });

  it('exits 2 with a reason when no card comes in time', async () => {
    const port = await simulated('resources/idcard/cards/resident.json', 'no-card');
    const result = await run(['idcard', 'read', '--port', port, '--timeout', '800']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('no card within 800 ms');
  });

  it('exits 3 with a reason on a device error', async () => {
    const missing = await run(['idcard', 'read', '--port', `${tempDir()}/ttyUSB9`, '--timeout', '3000']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/cannot open the reader/);
    const port = await simulated('resources/idcard/cards/resident.json', 'sam-fault');
    const fault = await run(['idcard', 'read', '--port', port, '--timeout', '3000']);
    expect(fault.code).toBe(3);
    expect(fault.stderr).toContain('安全模块自检失败');
  });

  it('explains its usage and refuses bad options with exit 1', async () => {
    expect((await run([])).code).toBe(1);
    const badBaud = await run(['idcard', 'read', '--port', '/dev/null', '--baud', '12345']);
    expect(badBaud.code).toBe(1);
    expect(badBaud.stderr).toContain('--baud');
    const badCard = await run(['idcard', 'sim', '--port', '/dev/null', '--card', 'package.json']);
    expect(badCard.code).toBe(1);
    expect(badCard.stderr).toContain('card file is not valid');
  });

  it('lists devices, one per line', async () => {
    const result = await run(['list']);
    expect(result.code).toBe(0);
    for (const line of result.stdout.trim().split('\n').filter(Boolean)) expect(line).toMatch(/^(serial|hid|usb-printer)\s+\S+/);
  });
});
