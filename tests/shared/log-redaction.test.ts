import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { LOG_REDACTION } from '../../src/shared/log-redaction.js';

describe('log redaction', () => {
  it('keeps credentials and personal fields out of the JSON logs', () => {
    const lines: string[] = [];
    const logger = pino(
      { name: 'hall', redact: LOG_REDACTION },
      new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) }),
    );
    logger.info(
      { req: { method: 'POST', url: '/api/v1/tickets', headers: { authorization: 'Bearer abc' } }, idNumber: '11010519491231002X' },
      'request',
    );
    logger.warn(
      { card: { name: '张三', idNumber: '11010519491231002X', address: '北京市' }, body: { secret: 's3cret', pin: '2468' } },
      'card',
    );
    logger.error({ draft: { applicant: { name: '张三', certificateNumber: '11010519491231002X' } } }, 'case');
    const text = lines.join('');
    for (const secret of ['abc', '11010519491231002X', '张三', '北京市', 's3cret', '2468']) expect(text).not.toContain(secret);
    expect(text).toContain('/api/v1/tickets');
    expect(text).toContain('"name":"hall"');
    expect(text).toContain('[已隐去 redacted]');
  });
});
