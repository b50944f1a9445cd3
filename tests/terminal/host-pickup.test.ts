import { afterEach, describe, expect, it } from 'vitest';
import { startVirtualPrinter } from '../../src/devices/printer/simulator.js';
import { caseQrText, checkCodeOf, formatReceiptNumber } from '../../src/shared/case-reference.js';
import { TEST_CLERK, TEST_HALL_WITH_CLERK } from '../helpers/hall-config.js';
import { acceptAtWindow, pageOf, useTestHosts } from '../helpers/host.js';
import { testDraft } from '../helpers/platform.js';
import { TEST_ADMIN_TOKEN, TEST_SECOND_COUNTER } from '../helpers/terminal.js';
import { waitFor } from '../helpers/wait-for.js';

const hallAndHost = useTestHosts();
const printers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const printer of printers.splice(0)) await printer.close();
});

/** The sample card `resident`: 张测试. */
const APPLICANT = { name: '张测试', certificateType: '111' as const, certificateNumber: '430602199003071231' };

async function counterWithPrinter(options: Parameters<typeof hallAndHost>[1]) {
  const printer = await startVirtualPrinter();
  printers.push(printer);
  const { hall, host } = await hallAndHost('counter', {
    ...options,
    devices: { idcard: { kind: 'simulated' }, printer: { url: printer.url } },
  });
  host.start();
  const page = pageOf(host, 'operator');
  await page.invoke('counter.login', { clerkId: TEST_CLERK.id, pin: TEST_CLERK.pin });
  let cards = 0;
  page.on('idcard.card', () => cards++);
  /** The recipient places their card on this counter's reader. */
  const placeCard = async (sample: string) => {
    const before = cards;
    await page.invoke('idcard.simulate', { sample });
    await waitFor(() => cards > before);
    await page.invoke('idcard.simulate', { sample: null });
  };
  return { hall, host, page, printer, placeCard };
}

async function completeOnPlatform(platformUrl: string, caseNumber: string) {
  for (;;) {
    const response = await fetch(`${platformUrl}/api/v1/admin/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      body: JSON.stringify({ caseNumber }),
    });
    if (response.status === 409) return;
    expect(response.status).toBe(200);
  }
}

describe('出件 at any counter of the hall', () => {
  it('hands the finished case of another counter to its applicant by the receipt’s QR, prints the slip there, and the intake counter shows 已出件', async () => {
    const intake = await counterWithPrinter({ hall: TEST_HALL_WITH_CLERK });
    const pickup = await counterWithPrinter({ running: intake.hall, counter: TEST_SECOND_COUNTER });
    const { host: kioskHost } = await hallAndHost('kiosk', { running: intake.hall });
    const kiosk = pageOf(kioskHost, 'kiosk');

    const saved = await acceptAtWindow(intake.host, intake.page, testDraft({ applicant: APPLICANT }));
    const receiptNumber = saved.receiptNumber!;
    const receiptQr = caseQrText(receiptNumber, checkCodeOf(saved.caseId));
    expect(receiptNumber).toMatch(/^[0-9A-HJKMNP-TV-Z]{11}$/);
    // Before the platform's 办件编号 and after, the counter finds its case by the number on the receipt, however typed.
    expect(await intake.page.invoke('cases.find', { reference: formatReceiptNumber(receiptNumber).toLowerCase() })).toMatchObject({
      caseId: saved.caseId,
    });
    let caseNumber: string | null = null;
    await waitFor(async () => (caseNumber = (await intake.page.invoke('cases.get', { caseId: saved.caseId })).caseNumber) !== null, 10_000);
    expect(await intake.page.invoke('cases.find', { reference: caseNumber! })).toMatchObject({ caseId: saved.caseId, receiptNumber });
    await expect(pickup.page.invoke('cases.find', { reference: receiptNumber })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/^本窗口没有受理编号 .* 的办件/),
    });

    await expect(pickup.page.invoke('pickup.handOver', { reference: receiptQr })).rejects.toMatchObject({
      code: 'REFUSED',
      message: expect.stringMatching(/^请先读取领取人的身份证/),
    });
    await pickup.placeCard('resident');
    await expect(pickup.page.invoke('pickup.handOver', { reference: receiptQr })).rejects.toMatchObject({
      code: 'REFUSED',
      message: expect.stringMatching(/^办件当前已受理，尚未办结/),
    });
    await completeOnPlatform(intake.hall.platformUrl, caseNumber!);

    const progress = await kiosk.invoke('kiosk.progress', {
      reference: ` ${formatReceiptNumber(receiptNumber).toLowerCase()} `,
      checkCode: checkCodeOf(saved.caseId),
    });
    expect(progress.cases).toEqual([expect.objectContaining({ receiptNumber, caseNumber, stage: 'completed', applicantName: '张*试' })]);

    await pickup.placeCard('resident-tujia-longterm');
    await expect(pickup.page.invoke('pickup.handOver', { reference: receiptQr })).rejects.toMatchObject({
      code: 'REFUSED',
      message: expect.stringMatching(/^领取人的证件与申请人、代办人均不符/),
    });
    await pickup.placeCard('resident');
    // A wrong number is refused before the card is used: the recipient need not place it again.
    await expect(pickup.page.invoke('pickup.handOver', { reference: 'onewindow:prefill:K7QW3MZP' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/^无法识别/),
    });
    const { handed, print } = await pickup.page.invoke('pickup.handOver', { reference: receiptQr });
    expect(handed).toMatchObject({ caseId: saved.caseId, caseNumber, receiptNumber, as: 'applicant' });
    expect(print).toMatchObject({ template: 'pickup-slip' });

    await waitFor(() => pickup.printer.jobs.length === 1);
    const slip = pickup.printer.jobs[0]!.transcript;
    for (const line of [
      '出件单',
      `受理编号 ${formatReceiptNumber(receiptNumber)}`,
      `办件编号`,
      caseNumber!,
      '张*试（申请人）',
      '430602********1231',
      '出件窗口 5号窗口 税务专窗',
      '不动产登记（转移登记）办理结果',
    ]) {
      expect(slip.replace(/ +/g, ' ')).toContain(line);
    }
    expect(slip).not.toContain('430602199003071231');
    // The intake counter printed its receipt at 受理, and nothing for the hand-over.
    expect(intake.printer.jobs.map((job) => job.transcript.includes('受理回执'))).toEqual([true]);

    await waitFor(async () => (await intake.page.invoke('cases.get', { caseId: saved.caseId })).stage === 'delivered', 15_000);
    const delivered = await intake.page.invoke('cases.get', { caseId: saved.caseId });
    expect(delivered.progress.at(-1)).toMatchObject({ stage: 'delivered', step: '出件', handler: TEST_CLERK.name });
    expect((await kiosk.invoke('kiosk.progress', { reference: receiptQr })).cases[0]).toMatchObject({ stage: 'delivered' });

    await pickup.placeCard('resident');
    await expect(pickup.page.invoke('pickup.handOver', { reference: receiptNumber })).rejects.toMatchObject({
      code: 'REFUSED',
      message: expect.stringMatching(/^该办件的结果已于 .* 领取，不能再次出件/),
    });
  }, 60_000);
});
