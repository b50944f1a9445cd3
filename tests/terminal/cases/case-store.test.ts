import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, writeSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCaseDatabase } from '../../../src/terminal/cases/case-db.js';
import { caseKeyFromEnvironment, keystoreCaseKey } from '../../../src/terminal/cases/case-key.js';
import { createCaseStore } from '../../../src/terminal/cases/case-store.js';
import { createMaterialStore, type MaterialFs } from '../../../src/terminal/cases/material-store.js';
import { purgeExpiredCases } from '../../../src/terminal/cases/retention.js';
import { DatabaseKeyError } from '../../../src/storage/sqlite.js';
import { parseCaseReference, receiptNumberOf } from '../../../src/shared/case-reference.js';
import { RpcError } from '../../../src/shared/rpc/errors.js';
import { testDraft } from '../../helpers/platform.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir('onewindow-cases-');
const clerk = { id: 'c001', name: '李娜' };

function openStore(dir: string, key: Buffer, options: { fs?: MaterialFs; now?: () => Date } = {}) {
  const db = openCaseDatabase(dir, key);
  const materials = createMaterialStore(join(dir, 'materials'), key, options.fs);
  return { db, materials, store: createCaseStore({ db, materials, terminalId: 'counter-t', timeZone: 'Asia/Shanghai', now: options.now }) };
}

function thrown(action: () => unknown): RpcError {
  try {
    action();
  } catch (error) {
    if (error instanceof RpcError) return error;
    throw error;
  }
  throw new Error('expected an RpcError');
}

describe('case store', () => {
  it('keeps cases and materials encrypted on disk: no name, ID number or page bytes in clear', () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const { db, store } = openStore(dir, key);
    const page = Buffer.from('PAGE-OF-A-CONTRACT '.repeat(200));
    const file = store.stageMaterial(page, 'image/jpeg');
    const draft = testDraft();
    store.register({ ...draft, materials: [{ ...draft.materials[0]!, files: [file] }] }, clerk);
    const onDisk = readdirSync(dir)
      .filter((name) => name.startsWith('cases.db'))
      .map((name) => readFileSync(join(dir, name)));
    const materials = readdirSync(join(dir, 'materials')).map((name) => readFileSync(join(dir, 'materials', name)));
    expect(materials).toHaveLength(1);
    expect(readdirSync(join(dir, 'materials'))[0]).not.toBe(file.sha256);
    for (const bytes of [...onDisk, ...materials]) {
      expect(bytes.includes('11010519491231002X')).toBe(false);
      expect(bytes.includes(Buffer.from('张三'))).toBe(false);
      expect(bytes.includes('PAGE-OF-A-CONTRACT')).toBe(false);
    }
    db.close();
  });

  it('refuses a wrong key with a message that says what to do, and opens again with the right one', () => {
    const dir = tempDir();
    const key = randomBytes(32);
    openStore(dir, key).db.close();
    expect(() => openStore(dir, randomBytes(32))).toThrow(DatabaseKeyError);
    expect(() => openStore(dir, randomBytes(32))).toThrow(/密钥不对.*Supply the original key; do not delete the file/s);
    openStore(dir, key).db.close();
  });

  it('writes the case, its outbox operation and the audit entry in one transaction', () => {
    const { db, store } = openStore(tempDir(), randomBytes(32));
    const summary = store.register(testDraft(), clerk);
    expect(summary).toMatchObject({
      stage: 'accepted',
      caseNumber: null,
      sync: 'pending',
      applicant: { name: '张*', certificateNumber: '110105********002X' },
      clerkId: 'c001',
    });
    const ops = db.prepare('SELECT kind, case_id FROM outbox').all();
    expect(ops).toEqual([{ kind: 'case.submit', case_id: summary.caseId }]);
    const mobile = store.register(testDraft({ handlingForm: '3', flags: { joint: true, reported: false } }), clerk);
    const { body } = db.prepare('SELECT body FROM outbox WHERE case_id = ?').get(mobile.caseId) as { body: string };
    expect(JSON.parse(body)).toMatchObject({
      kind: 'case.submit',
      opId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7/),
      case: { flags: { joint: true, reported: false, online: true }, appliedAt: expect.stringMatching(/^\d{8}T\d{6}$/), clerkName: '李娜' },
    });
    expect(db.prepare('SELECT action, actor FROM audit').all()).toEqual([
      { action: 'case.accepted', actor: 'c001' },
      { action: 'case.accepted', actor: 'c001' },
    ]);
    db.close();
  });

  it('says what is wrong with a draft, and refuses files that are not on this terminal', () => {
    const { db, store } = openStore(tempDir(), randomBytes(32));
    const badId = thrown(() =>
      store.register(testDraft({ applicant: { name: '张三', certificateType: '111', certificateNumber: '110105194912310021' } }), clerk),
    );
    expect(badId.code).toBe('INVALID_INPUT');
    expect(badId.message).toMatch(/applicant\.certificateNumber: .*check digit/);
    const draft = testDraft();
    const missing = thrown(() =>
      store.register(
        { ...draft, materials: [{ ...draft.materials[0]!, files: [{ sha256: 'a'.repeat(64), size: 10, mediaType: 'image/png' }] }] },
        clerk,
      ),
    );
    expect(missing.message).toMatch(/不动产权证书.*capture it again/);
    expect(db.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 0 });
    db.close();
  });

  it('records 不予受理 with its one-time notice as a closed case, and only allows the window’s own moves', () => {
    const { db, store } = openStore(tempDir(), randomBytes(32));
    const refused = store.register(
      testDraft({ notice: { reason: '材料不齐', items: [{ material: '买卖合同', requirement: '须双方签字的原件' }] } }),
      clerk,
    );
    expect(refused.stage).toBe('rejected');
    const accepted = store.register(testDraft(), clerk);
    expect(thrown(() => store.move(accepted.caseId, 'delivered', 'c001')).message).toMatch(/cannot move to delivered/);
    db.close();
  });

  it('on a full disk says so, and leaves no half-written file and no row', () => {
    const dir = tempDir();
    const full: MaterialFs = {
      openSync,
      fsyncSync,
      closeSync,
      renameSync,
      // Every byte goes to /dev/full, which answers ENOSPC as a full disk does.
      writeSync: (_fd, buffer) => {
        const devFull = openSync('/dev/full', 'w');
        try {
          return writeSync(devFull, buffer);
        } finally {
          closeSync(devFull);
        }
      },
    };
    const { db, store } = openStore(dir, randomBytes(32), { fs: full });
    const error = thrown(() => store.stageMaterial(Buffer.alloc(50_000, 1), 'image/jpeg'));
    expect(error.message).toMatch(/磁盘已满.*The disk is full: the material was not saved/);
    expect(readdirSync(join(dir, 'materials'))).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM materials').get()).toEqual({ n: 0 });
    db.close();
  });

  it('purges a closed, acknowledged case’s personal data after the retention days, logged, and keeps the rest', () => {
    const dir = tempDir();
    let now = new Date('2026-11-01T02:00:00Z');
    const { db, materials, store } = openStore(dir, randomBytes(32), { now: () => now });
    const file = store.stageMaterial(Buffer.from('scan'), 'image/png');
    const draft = testDraft();
    const refused = store.register(
      { ...draft, materials: [{ ...draft.materials[0]!, files: [file] }], notice: { reason: '不符合条件', items: [] } },
      clerk,
    );
    const pending = store.register(testDraft({ notice: { reason: '不符合条件', items: [] } }), clerk);
    store.outbox.done(store.outbox.due(1, new Set())[0]!.seq);
    now = new Date('2026-11-20T02:00:00Z');
    expect(purgeExpiredCases(db, materials, store.auditLog, 30, now)).toEqual({ cases: 0, files: 0 });
    now = new Date('2026-12-02T02:00:00Z');
    expect(purgeExpiredCases(db, materials, store.auditLog, 30, now)).toEqual({ cases: 1, files: 1 });
    expect(store.get(refused.caseId)).toMatchObject({
      purged: true,
      applicant: null,
      itemName: '不动产登记（转移登记）',
      stage: 'rejected',
    });
    expect(store.get(pending.caseId)).toMatchObject({ purged: false, sync: 'pending' });
    expect(readdirSync(join(dir, 'materials'))).toEqual([]);
    expect(db.prepare(`SELECT action, case_id FROM audit WHERE actor = 'retention' ORDER BY seq`).all()).toEqual([
      { action: 'case.purged', case_id: refused.caseId },
      { action: 'case.purged', case_id: null },
    ]);
    db.close();
  });
});

describe('case store key', () => {
  it('comes from the environment first, then the key file, and says what is wrong with either', () => {
    const dir = tempDir();
    const file = join(dir, 'key');
    writeFileSync(file, `${'ab'.repeat(32)}\n`, { mode: 0o600 });
    expect(caseKeyFromEnvironment({}, file).load()).toEqual(Buffer.alloc(32, 0xab));
    expect(caseKeyFromEnvironment({ ONEWINDOW_CASE_KEY: 'cd'.repeat(32) }, file).load()).toEqual(Buffer.alloc(32, 0xcd));
    expect(() => caseKeyFromEnvironment({ ONEWINDOW_CASE_KEY: 'short' }, file).load()).toThrow(/must be 64 hex digits/);
    expect(() => caseKeyFromEnvironment({}, join(dir, 'missing')).load()).toThrow(/cannot read the case store key file/);
    expect(() => caseKeyFromEnvironment({}, undefined).load()).toThrow(/set ONEWINDOW_CASE_KEY or cases\.keyFile/);
  });

  it('is made once and sealed by the OS keystore, and refused when the keystore is not there', () => {
    const file = join(tempDir(), 'sub', 'key.sealed');
    const keystore = {
      isEncryptionAvailable: () => true,
      encryptString: (text: string) => Buffer.from(text).reverse(),
      decryptString: (sealed: Buffer) => Buffer.from(sealed).reverse().toString(),
    };
    const first = keystoreCaseKey(keystore, file).load();
    expect(keystoreCaseKey(keystore, file).load()).toEqual(first);
    expect(readFileSync(file).toString()).not.toContain(first.toString('hex'));
    expect(() => keystoreCaseKey({ ...keystore, isEncryptionAvailable: () => false }, file).load()).toThrow(/OS keystore is not available/);
  });
});

describe('出件 and ratings of a ticket', () => {
  it('hands the result to the applicant or the agent only, once the back office has finished, by its 受理编号, QR or 办件编号', () => {
    const { db, store } = openStore(tempDir(), randomBytes(32));
    const agent = { name: '李代办', certificateType: '111' as const, certificateNumber: '430602198511220040' };
    const registered = store.register(testDraft({ agent, ticketId: 'ticket-1' }), clerk);
    expect(registered.receiptNumber).toBe(receiptNumberOf(registered.caseId));
    const qr = parseCaseReference(`onewindow:case:${registered.receiptNumber}`);
    expect(store.find(qr)?.caseId).toBe(registered.caseId);
    expect(thrown(() => store.handOver(qr, '11010519491231002X', clerk.id)).message).toMatch(/no result to hand out/);

    store.acknowledge({ caseId: registered.caseId, caseNumber: 'N-0001', stage: 'accepted' });
    const completion = { handler: '审批员', at: '20261130T100000', resultName: '不动产权证书', byCourier: false };
    store.applyChange({ seq: 1, caseId: registered.caseId, caseNumber: 'N-0001', stage: 'completed', at: '20261130T100000', completion });
    expect(thrown(() => store.handOver({ caseNumber: 'N-0001' }, '440303199003071234', clerk.id)).message).toMatch(
      /neither the applicant’s nor the agent’s/,
    );

    const handed = store.handOver({ caseNumber: 'N-0001' }, '430602198511220040', clerk.id);
    expect(handed).toMatchObject({
      as: 'agent',
      resultName: '不动产权证书',
      case: { stage: 'delivered', receiptNumber: registered.receiptNumber },
    });
    expect(thrown(() => store.handOver({ caseNumber: 'N-0001' }, '11010519491231002X', clerk.id)).code).toBe('REFUSED');
    expect(thrown(() => store.handOver({ caseNumber: 'NOTHINGLIKEIT' }, '11010519491231002X', clerk.id)).code).toBe('NOT_FOUND');

    const refused = store.register(testDraft({ notice: { reason: '不属于本机关职权范围', items: [] } }), clerk);
    expect(refused).toMatchObject({ stage: 'rejected', receiptNumber: null });

    expect(store.casesOfTicket('ticket-1')).toEqual([registered.caseId]);
    expect(store.casesOfTicket('ticket-2')).toEqual([]);
    db.close();
  });
});
