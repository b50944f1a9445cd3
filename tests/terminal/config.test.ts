import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/shared/config-file.js';
import { loadTerminalConfig } from '../../src/terminal/config.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir('onewindow-config-');

function configFile(content: unknown): string {
  const file = join(tempDir(), 'terminal.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const valid = {
  terminalId: 'counter-03',
  role: 'counter',
  hallName: '测试大厅',
  hall: { url: 'http://127.0.0.1:7300/' },
  platform: { url: 'https://platform.example.gov.cn', secret: 'counter-03-enrolment-secret' },
  window: { number: 3, name: '综合受理' },
};

function problemsOf(file: string): ConfigError {
  try {
    loadTerminalConfig(file);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('terminal configuration', () => {
  it('loads a valid file, with defaults and trailing slashes trimmed', () => {
    const config = loadTerminalConfig(configFile({ ...valid, devices: { printer: { url: 'tcp://10.0.0.5:9100' } } }));
    expect(config.hall.url).toBe('http://127.0.0.1:7300');
    expect(config.devices.printer?.profile).toBe('80mm-gb18030');
  });

  it('loads every demo configuration that ships in resources/', () => {
    for (const name of ['kiosk', 'counter', 'board']) {
      expect(loadTerminalConfig(`resources/terminals/${name}.demo.json`).role).toBe(name);
    }
  });

  it('names the file, the key and the allowed values', () => {
    const file = configFile({ ...valid, role: 'printer' });
    const error = problemsOf(file);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/role: .*"kiosk".*"counter".*"board"/);
  });

  it('names nested keys and unknown keys', () => {
    const error = problemsOf(
      configFile({
        ...valid,
        devices: { printer: { url: 'lpt1', profile: '80mm-big5' }, idcard: { kind: 'serial', port: '', baud: 12345 } },
        colour: 'red',
      }),
    );
    expect(error.problems.join('\n')).toMatch(/devices\.printer\.url: .*tcp:\/\/HOST:PORT/);
    expect(error.problems.join('\n')).toMatch(/devices\.printer\.profile: .*80mm-gb18030/);
    expect(error.problems.join('\n')).toMatch(/devices\.idcard\.port: .*COM3/);
    expect(error.problems.join('\n')).toMatch(/devices\.idcard\.baud/);
    expect(error.problems.join('\n')).toContain('colour');
  });

  it('requires a window on a counter', () => {
    const { window: _window, ...withoutWindow } = valid;
    expect(problemsOf(configFile(withoutWindow)).problems.join('\n')).toMatch(/window: .*counter needs window/);
  });

  it('requires the platform secret on a counter, which syncs cases', () => {
    const error = problemsOf(configFile({ ...valid, platform: { url: valid.platform.url } }));
    expect(error.problems.join('\n')).toMatch(/platform\.secret: .*counter needs platform\.secret/);
  });

  it('points at the line and column of broken JSON', () => {
    const error = problemsOf(configFile('{\n  "terminalId": "k1",\n  "role": kiosk\n}'));
    expect(error.problems[0]).toMatch(/line 3, column \d+/);
  });

  it('says when the file cannot be read', () => {
    expect(problemsOf(join(tempDir(), 'missing.json')).problems[0]).toMatch(/cannot read the file/);
  });

  it('takes a window display on a counter, with its defaults, and refuses one elsewhere', () => {
    const config = loadTerminalConfig(configFile({ ...valid, devices: { windowDisplay: { kind: 'serial', port: '/dev/ttyUSB1' } } }));
    expect(config.devices.windowDisplay).toEqual({
      kind: 'serial',
      port: '/dev/ttyUSB1',
      baud: 9600,
      address: 1,
      encoding: 'gb2312',
      brightness: 8,
    });
    const kiosk = { ...valid, terminalId: 'kiosk-01', role: 'kiosk', window: undefined, devices: { windowDisplay: { kind: 'simulated' } } };
    expect(problemsOf(configFile(kiosk)).message).toContain('only a counter has a window display');
  });
});
