import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { caseQrText, checkCodeOf, receiptNumberOf } from '../../src/shared/case-reference.js';
import { TEST_CLERK, TEST_HALL_WITH_CLERK } from '../helpers/hall-config.js';
import { testDraft } from '../helpers/platform.js';
import { acceptAtWindow, pageOf, useTestHosts } from '../helpers/host.js';
import { waitFor } from '../helpers/wait-for.js';

const hallAndHost = useTestHosts();
const SIMULATED = { idcard: { kind: 'simulated' } };
/** 住房公积金提取（租赁住房）: one question, then the fund-withdraw form. */
const RENT = { kind: 'item' as const, code: '11440300MB2E11352A440117002000', answers: { filed: 'no' } };
const TYPED = { phone: '13800138000', reason: '租赁住房提取', 'bank-card': '6222021234567890123' };

async function kioskAndCounter() {
  const { hall, host: kioskHost } = await hallAndHost('kiosk', { hall: TEST_HALL_WITH_CLERK, devices: SIMULATED });
  kioskHost.start();
  const { host: counterHost } = await hallAndHost('counter', { running: hall });
  const counter = pageOf(counterHost, 'operator');
  await counter.invoke('counter.login', { clerkId: TEST_CLERK.id, pin: TEST_CLERK.pin });
  return { kioskHost, counterHost, kiosk: pageOf(kioskHost, 'kiosk'), counter };
}

describe('a citizen’s visit at the kiosk', () => {
  it('prepares an application with the card, leaves it under a code the counter opens once', async () => {
    const { kiosk, counter } = await kioskAndCounter();
    await expect(kiosk.invoke('kiosk.cardForForm', RENT)).rejects.toMatchObject({
      code: 'REFUSED',
      message: expect.stringMatching(/place the ID card/),
    });
    await kiosk.invoke('idcard.simulate', { sample: 'resident' });
    await waitFor(async () => {
      try {
        return (await kiosk.invoke('kiosk.cardForForm', RENT)).shown['applicant-id'] === '430602********1231';
      } catch {
        return false;
      }
    });

    const prepared = await kiosk.invoke('kiosk.submitPrefill', {
      requestId: randomUUID(),
      request: RENT,
      values: TYPED,
      fromCard: ['applicant-name', 'applicant-id'],
    });
    expect(prepared.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    const opened = await counter.invoke('prefill.open', { code: prepared.code.toLowerCase() });
    expect(opened.application).toMatchObject({
      title: '住房公积金提取（租赁住房）',
      formId: 'fund-withdraw',
      request: RENT,
      values: { ...TYPED, 'applicant-name': '张测试', 'applicant-id': '430602199003071231' },
    });
    await expect(counter.invoke('prefill.open', { code: prepared.code })).rejects.toMatchObject({
      code: 'REFUSED',
      message: expect.stringMatching(/opened already/),
    });
    await expect(counter.invoke('prefill.open', { code: 'ZZZZ2222' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('says which answers are wrong, and forgets the card when the citizen is done', async () => {
    const { kiosk } = await kioskAndCounter();
    await expect(
      kiosk.invoke('kiosk.submitPrefill', {
        requestId: randomUUID(),
        request: RENT,
        values: { ...TYPED, 'bank-card': '12', 'applicant-name': '李四', 'applicant-id': '430602199003071232' },
      }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/身份证号码.*银行卡号为 16 至 19 位数字/),
    });
    await expect(
      kiosk.invoke('kiosk.submitPrefill', { requestId: randomUUID(), request: { ...RENT, answers: {} }, values: TYPED }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/answer the remaining/) });
    await expect(
      kiosk.invoke('kiosk.submitPrefill', { requestId: randomUUID(), request: RENT, values: { nope: 'x' } }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/no field nope/) });

    await kiosk.invoke('idcard.simulate', { sample: 'resident' });
    await waitFor(async () => (await kiosk.invoke('kiosk.cardForForm', RENT).catch(() => null)) !== null);
    await kiosk.invoke('kiosk.endSession', {});
    await expect(
      kiosk.invoke('kiosk.submitPrefill', { requestId: randomUUID(), request: RENT, values: TYPED, fromCard: ['applicant-name'] }),
    ).rejects.toMatchObject({ code: 'REFUSED' });
  });

  it('looks up progress on the platform by case number and by the card, masked; the counter only may open codes', async () => {
    const { kiosk, counter, counterHost } = await kioskAndCounter();
    counterHost.start();
    const saved = await acceptAtWindow(
      counterHost,
      counter,
      testDraft({ applicant: { name: '张测试', certificateType: '111', certificateNumber: '430602199003071231' } }),
    );
    let caseNumber: string | null = null;
    await waitFor(async () => (caseNumber = (await counter.invoke('cases.get', { caseId: saved.caseId })).caseNumber) !== null, 10_000);

    const checkCode = checkCodeOf(saved.caseId);
    await expect(kiosk.invoke('kiosk.progress', { reference: caseNumber! })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/^请输入回执上的 6 位查询码/),
    });
    const wrongCode = String((Number(checkCode) + 1) % 1_000_000).padStart(6, '0');
    expect((await kiosk.invoke('kiosk.progress', { reference: caseNumber!, checkCode: wrongCode })).cases).toEqual([]);
    const byNumber = await kiosk.invoke('kiosk.progress', { reference: caseNumber!, checkCode });
    expect(byNumber.cases).toEqual([
      expect.objectContaining({ caseNumber, applicantName: '张*试', stage: 'accepted', itemName: '不动产登记（转移登记）' }),
    ]);
    expect(JSON.stringify(byNumber)).not.toContain('430602199003071231');
    expect((await kiosk.invoke('kiosk.progress', { reference: caseQrText(saved.receiptNumber!, checkCode) })).cases).toEqual([
      expect.objectContaining({ caseNumber, receiptNumber: saved.receiptNumber }),
    ]);
    expect(
      (await kiosk.invoke('kiosk.progress', { reference: receiptNumberOf('0190f000-0000-7000-8000-000000000000'), checkCode })).cases,
    ).toEqual([]);
    await expect(kiosk.invoke('kiosk.progress', { reference: 'NO-SUCH-CASE' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/^无法识别.*请扫描受理回执上的二维码/),
    });

    await kiosk.invoke('idcard.simulate', { sample: 'resident' });
    await waitFor(async () => (await kiosk.invoke('kiosk.progress', { withIdCard: true }).catch(() => ({ cases: [] }))).cases.length === 1);
    await expect(kiosk.invoke('prefill.open', { code: 'ZZZZ2222' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(counter.invoke('kiosk.endSession', {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
