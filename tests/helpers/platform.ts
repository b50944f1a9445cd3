import Database from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { PlatformConfig } from '../../src/platform/config.js';
import { createPlatformServer } from '../../src/platform/server.js';
import { receiptNumberOf } from '../../src/shared/case-reference.js';
import { CaseSubmissionSchema, type CaseDraft } from '../../src/shared/cases.js';
import type { CaseOperation } from '../../src/shared/platform-api.js';
import { uuidv7 } from '../../src/shared/uuid.js';
import type { Catalog } from '../../src/shared/catalog.js';
import { testPlatformConfig } from './terminal.js';

export interface TestPlatform {
  url: string;
  dataDir: string;
  /** Reads the platform's own database, to count what arrived. */
  query<T>(sql: string, ...params: unknown[]): T[];
  close(): Promise<void>;
}

/** The reference platform on a loopback port, its data in `dataDir` so a restart keeps it. */
export async function startTestPlatform(
  dataDir: string,
  options: { port?: number; config?: Partial<PlatformConfig>; now?: () => Date; catalog?: Catalog } = {},
): Promise<TestPlatform> {
  const app = createPlatformServer({ config: testPlatformConfig(options.config), dataDir, now: options.now, catalog: options.catalog });
  await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  const reader = new Database(join(dataDir, 'platform.db'), { readonly: true });
  return {
    url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    dataDir,
    query: <T>(sql: string, ...params: unknown[]) => reader.prepare(sql).all(...params) as T[],
    close: async () => {
      reader.close();
      await app.close();
    },
  };
}

export const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** A valid draft: the applicant of the sample cards, two materials by default with no files. */
export function testDraft(overrides: Partial<CaseDraft> = {}): CaseDraft {
  return {
    itemCode: '11440300007542037X4440117009000',
    itemName: '不动产登记（转移登记）',
    caseType: '2',
    promisedDays: 5,
    applicant: { name: '张三', certificateType: '111', certificateNumber: '11010519491231002X', mobile: '13800138000' },
    materials: [
      { name: '不动产权证书', received: true, form: 'original', count: 1, files: [] },
      { name: '买卖合同', received: true, form: 'copy', count: 2, files: [] },
    ],
    ...overrides,
  };
}

export interface PlatformReply {
  status: number;
  headers: Headers;
  body: Record<string, unknown> & { error?: { code: string; message: string } };
}

/** One request to a running platform, as a terminal (or an attacker) sends it; the reply's body parsed. */
export async function callPlatform(
  url: string,
  path: string,
  init: { method?: string; body?: unknown; token?: string; headers?: Record<string, string>; raw?: Buffer | string } = {},
): Promise<PlatformReply> {
  const response = await fetch(url + path, {
    method: init.method ?? (init.body !== undefined || init.raw !== undefined ? 'POST' : 'GET'),
    headers: {
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(init.raw !== undefined ? { 'content-type': 'application/offset+octet-stream' } : {}),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...init.headers,
    },
    body:
      init.raw !== undefined
        ? typeof init.raw === 'string'
          ? init.raw
          : new Uint8Array(init.raw)
        : init.body !== undefined
          ? JSON.stringify(init.body)
          : undefined,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as PlatformReply['body'] };
}

/** A terminal's bearer token, traded for its secret. */
export async function platformToken(url: string, terminalId: string, secret: string): Promise<string> {
  const reply = await callPlatform(url, '/api/v1/token', { body: { terminalId, secret } });
  if (reply.status !== 200) throw new Error(`no token for ${terminalId}: ${reply.status}`);
  return reply.body.token as string;
}

/** A case.submit of a fresh accepted case in `terminalId`'s name, with its 受理编号; the draft's fields overridable. */
export function testSubmitOp(terminalId: string, draft: Partial<CaseDraft> = {}): Extract<CaseOperation, { kind: 'case.submit' }> {
  const caseId = uuidv7();
  const submission = CaseSubmissionSchema.parse({
    ...testDraft(draft),
    flags: { joint: false, reported: false, online: false },
    caseId,
    receiptNumber: receiptNumberOf(caseId),
    terminalId,
    clerkId: 'c001',
    appliedAt: '20261201T093000',
    stage: 'accepted',
  });
  return { kind: 'case.submit', opId: uuidv7(), caseId, case: submission };
}
