import { readFileSync } from 'node:fs';
import { get } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTlsFiles } from '../../src/http-server/tls.js';
import { createPlatformServer } from '../../src/platform/server.js';
import { selfSigned } from '../helpers/self-signed.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { testPlatformConfig } from '../helpers/terminal.js';

const tempDir = useTempDir('onewindow-tls-');

describe('TLS when configured', () => {
  it('serves the platform over HTTPS with the given certificate', async () => {
    const files = selfSigned(tempDir());
    const app = createPlatformServer({ config: testPlatformConfig(), dataDir: tempDir(), tls: readTlsFiles(files.cert, files.key) });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const port = (app.server.address() as AddressInfo).port;
      const body = await new Promise<string>((resolve, reject) =>
        get({ host: '127.0.0.1', port, path: '/api/v1/health', ca: readFileSync(files.cert) }, (response) => {
          let text = '';
          response.on('data', (chunk) => (text += chunk));
          response.on('end', () => resolve(text));
        }).on('error', reject),
      );
      expect(JSON.parse(body)).toEqual({ service: 'onewindow-reference-platform', reference: true });
      await expect(fetch(`http://127.0.0.1:${port}/api/v1/health`)).rejects.toThrow();
    } finally {
      await app.close();
    }
  });

  it('needs both files, and says which one it cannot read', () => {
    expect(readTlsFiles(undefined, undefined)).toBeUndefined();
    expect(() => readTlsFiles('cert.pem', undefined)).toThrow(/needs both --tls-cert and --tls-key/);
    expect(() => readTlsFiles(join(tempDir(), 'nope.pem'), join(tempDir(), 'nope.key'))).toThrow(
      /cannot read the TLS certificate .*nope\.pem/,
    );
  });
});
