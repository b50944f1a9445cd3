import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/shared/config-file.js';
import { describeStartupError } from '../../src/shared/startup-error.js';

const hall = { zh: '大厅服务器', en: 'hall server' };

describe('describeStartupError', () => {
  it('says a port is taken and what to do', () => {
    const error = Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:7300'), { code: 'EADDRINUSE' });
    expect(describeStartupError(error, hall)).toMatch(/端口已被占用.*choose another --port/);
  });

  it('shows a configuration error as it is, with its file and keys', () => {
    expect(describeStartupError(new ConfigError('hall.json', ['queues: too small']), hall)).toContain('hall.json');
  });

  it('names the server for anything else', () => {
    expect(describeStartupError(new Error('disk full'), hall)).toBe('大厅服务器无法启动 / The hall server could not start: disk full');
  });
});
