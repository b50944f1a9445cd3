import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startVirtualPrinter, type VirtualPrinter } from '../../src/devices/printer/simulator.js';
import { caseQrText, checkCodeOf, formatReceiptNumber } from '../../src/shared/case-reference.js';
import type { SignatureStrokes } from '../../src/shared/cases.js';
import { TEST_CLERK, TEST_HALL_WITH_CLERK } from '../helpers/hall-config.js';
import { pageOf, useTestHosts } from '../helpers/host.js';
import { waitFor } from '../helpers/wait-for.js';

const hallAndHost = useTestHosts();
let printer: VirtualPrinter | undefined;
afterEach(async () => printer?.close());

const ONE_PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const STROKES: SignatureStrokes = [
  [
    [10, 10, 0],
    [40, 30, 16],
  ],
];
/** 住房公积金提取（购买自住住房）: its 购房合同或不动产权证书 is shared by the registry (免提交). */
const ITEM = { itemCode: '11440300MB2E11352A440117001000', itemName: '住房公积金提取（购买自住住房）', caseType: '1' as const };
const SHARED = '购房合同或不动产权证书';
const TYPED = {
  from: 'typed' as const,
  person: { name: '王五', certificateType: '111' as const, certificateNumber: '11010519491231002X' },
};
const material = (name: string, received: boolean) => ({ name, received, form: 'original' as const, count: 1, files: [] });

/** What a slip says, as one line of text per printed line, without the printer's layout marks and padding. */
const printed = (transcript: string) => transcript.replace(/^\[[^\]]*\] ?/gm, '').replace(/ {2,}/g, ' ');

async function window() {
  printer = await startVirtualPrinter();
  const { host } = await hallAndHost('counter', { hall: TEST_HALL_WITH_CLERK, devices: { printer: { url: printer.url } } });
  host.start();
  const clerk = pageOf(host, 'operator');
  await clerk.invoke('counter.login', { clerkId: TEST_CLERK.id, pin: TEST_CLERK.pin });
  return { clerk, customer: pageOf(host, 'customer'), printer };
}

describe('what the applicant is given on paper', () => {
  it('不予受理: a refusal notice with the grounds, the clerk and the remedies, and a one-time notice of what is missing, never of what a department shares', async () => {
    const { clerk, printer } = await window();
    const reason = '缺少购房发票，请补齐后再来办理';
    const answer = await clerk.invoke('intake.submit', {
      requestId: randomUUID(),
      ...ITEM,
      applicant: TYPED,
      materials: [material('职工居民身份证', true), material(SHARED, false), material('购房发票', false)],
      notice: {
        reason,
        items: [
          { material: SHARED, requirement: '一年内购买的自住住房，备案合同或权属证书' },
          { material: '购房发票', requirement: '购房发票原件' },
        ],
      },
    });
    expect(answer.case).toMatchObject({ stage: 'rejected', receiptNumber: null });
    expect(answer.print).toMatchObject({ template: 'refusal-notice' });
    expect(answer.oneTimeNotice).toMatchObject({ template: 'missing-materials-notice' });

    await waitFor(() => printer.jobs.length === 2);
    const [refusal, notice] = printer.jobs.map((job) => printed(job.transcript)) as [string, string];
    expect(refusal).toContain('不予受理通知书');
    expect(refusal).toContain('王*：');
    expect(refusal).toContain(`“${ITEM.itemName}”`);
    expect(refusal.replace(/\n/g, '')).toContain(`理由：${reason}`);
    expect(refusal.replace(/\n/g, '')).toMatch(/六十日内依法申请行政复议.*六个月内依法向人民法院提起行政诉讼/);
    expect(refusal).toContain(`经办人 ${TEST_CLERK.name}`);
    expect(refusal).toContain(`工号 ${TEST_CLERK.id}`);
    expect(refusal).toContain('经办窗口 3号窗口 综合受理');
    expect(refusal).toMatch(/日期 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(refusal).toContain('测试大厅（印章）');
    expect(refusal).not.toMatch(/受理编号|办件编号|T\d{2}:\d{2}|Z\b/);

    expect(notice).toContain('一次性告知单');
    expect(notice.replace(/\n/g, '')).toContain(`告知事由：${reason}`);
    expect(notice).toContain('购房发票（缺少）');
    expect(notice).not.toContain(SHARED);

    const held = await clerk.invoke('privacy.export', { idNumber: '11010519491231002X' });
    expect(held.cases[0]!.record.notice!.items.map((item) => item.material)).toEqual(['购房发票']);
    expect(held.cases[0]!.record.materials.map((m) => m.name)).toEqual(['职工居民身份证', '购房发票']);
  });

  it('受理: the receipt carries the 受理编号 and its QR, and lists only what was received', async () => {
    const { clerk, customer, printer } = await window();
    await clerk.invoke('intake.review', { itemName: ITEM.itemName, materials: [], fields: [] });
    await customer.invoke('customer.confirm', { strokes: STROKES, png: ONE_PIXEL_PNG });
    const answer = await clerk.invoke('intake.submit', {
      requestId: randomUUID(),
      ...ITEM,
      applicant: TYPED,
      materials: [
        material('职工居民身份证', true),
        material(SHARED, false),
        material('购房发票', true),
        material('职工本人一类银行卡', true),
      ],
    });
    const receiptNumber = answer.case.receiptNumber!;
    expect(answer.oneTimeNotice).toBeNull();
    await waitFor(() => printer.jobs.length === 1);
    const receipt = printer.jobs[0]!.transcript;
    expect(receipt).toContain(`[qr 5 center] ${caseQrText(receiptNumber, checkCodeOf(answer.case.caseId))}`);
    expect(printed(receipt)).toMatch(new RegExp(`查询码 +${checkCodeOf(answer.case.caseId)}`));
    expect(printed(receipt)).toContain(`受理编号\n${formatReceiptNumber(receiptNumber)}`);
    expect(printed(receipt)).toContain('1. 职工居民身份证');
    expect(printed(receipt)).not.toContain(SHARED);
    expect(printed(receipt).replace(/\n/g, '')).toContain(
      '凭受理编号和查询码或扫描此码，可在自助机查询办理进度；办结后请持本回执和身份证到任一窗口领取结果',
    );
  });
});
