import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCaseReference } from '../../../src/shared/case-reference.js';
import { openCaseDatabase } from '../../../src/terminal/cases/case-db.js';
import { createCaseStore } from '../../../src/terminal/cases/case-store.js';
import { createMaterialStore } from '../../../src/terminal/cases/material-store.js';
import { createPickup } from '../../../src/terminal/cases/pickup.js';
import type { PlatformClient } from '../../../src/terminal/cases/platform-client.js';
import { testDraft } from '../../helpers/platform.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir('onewindow-pickup-');
const clerk = { id: 'c001', name: '李娜' };
const unreachable: Pick<PlatformClient, 'handOver'> = {
  handOver: async () => ({ ok: false, retry: true, message: 'connect ECONNREFUSED' }),
};

function counter(client: Pick<PlatformClient, 'handOver'>) {
  const dir = tempDir();
  const key = randomBytes(32);
  const db = openCaseDatabase(dir, key);
  const store = createCaseStore({
    db,
    materials: createMaterialStore(join(dir, 'materials'), key),
    terminalId: 'counter-t',
    timeZone: 'Asia/Shanghai',
  });
  let pulls = 0;
  const pickup = createPickup({ store, client, pullChanges: () => pulls++, timeZone: 'Asia/Shanghai' });
  return { db, store, pickup, pulls: () => pulls };
}

describe('出件 when the platform cannot be reached', () => {
  it('still hands out a finished case this counter took in, from its own record, and sends the move later', async () => {
    const { db, store, pickup } = counter(unreachable);
    const saved = store.register(testDraft(), clerk);
    store.applyChange({
      seq: 1,
      caseId: saved.caseId,
      caseNumber: 'N-0001',
      stage: 'completed',
      at: '20261201T100000',
      completion: { handler: '审批员', at: '20261201T100000', resultName: '不动产权证书', byCourier: false },
    });
    store.outbox.done(store.outbox.due(10, new Set())[0]!.seq);

    const handed = await pickup.handOver(parseCaseReference(saved.receiptNumber!), '11010519491231002x', clerk, '3号窗口 综合受理');
    expect(handed).toMatchObject({
      caseId: saved.caseId,
      caseNumber: 'N-0001',
      receiptNumber: saved.receiptNumber,
      as: 'applicant',
      resultName: '不动产权证书',
    });
    expect(store.get(saved.caseId).stage).toBe('delivered');
    expect(store.outbox.due(10, new Set()).map((entry) => entry.op)).toEqual([
      expect.objectContaining({ kind: 'case.move', stage: 'delivered' }),
    ]);
    db.close();
  });

  it('says to try again for a case taken in elsewhere, and passes on what the platform refused', async () => {
    const offline = counter(unreachable);
    await expect(
      offline.pickup.handOver({ receiptNumber: '4K7QM2XD9PW' }, '11010519491231002X', clerk, '9号窗口 综合出件'),
    ).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/^暂时连不上政务服务平台，本窗口也没有这个办件的记录，请稍后再试/),
    });
    offline.db.close();

    const online = counter({
      handOver: async () => ({
        ok: false,
        retry: false,
        status: 422,
        code: 'RECIPIENT_MISMATCH',
        message: '领取人的证件与申请人、代办人均不符',
      }),
    });
    await expect(
      online.pickup.handOver({ receiptNumber: '4K7QM2XD9PW' }, '11010519491231002X', clerk, '9号窗口 综合出件'),
    ).rejects.toMatchObject({ code: 'REFUSED', message: '领取人的证件与申请人、代办人均不符' });
    expect(online.pulls()).toBe(0);
    online.db.close();
  });
});
