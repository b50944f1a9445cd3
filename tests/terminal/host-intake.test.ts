import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CustomerView } from '../../src/shared/customer-view.js';
import { TEST_CLERK, TEST_HALL_WITH_CLERK } from '../helpers/hall-config.js';
import { ONE_PIXEL_PNG, pageOf, STROKES, useTestHosts } from '../helpers/host.js';
import { waitFor } from '../helpers/wait-for.js';

const hallAndHost = useTestHosts();
const ITEM = { itemCode: '11440300007542037X4440117009000', itemName: '不动产登记（转移登记）', caseType: '2' as const, promisedDays: 5 };
const RECEIVED = [{ name: '不动产权证书', received: true, form: 'original' as const, count: 1, files: [] }];

async function window() {
  const { host } = await hallAndHost('counter', { hall: TEST_HALL_WITH_CLERK, devices: { idcard: { kind: 'simulated' } } });
  host.start();
  const clerk = pageOf(host, 'operator');
  const customer = pageOf(host, 'customer');
  await clerk.invoke('counter.login', { clerkId: TEST_CLERK.id, pin: TEST_CLERK.pin });
  const views: CustomerView[] = [];
  customer.on('display.customerView', (view) => views.push(view));
  return { clerk, customer, views };
}

async function readCard(clerk: Awaited<ReturnType<typeof window>>['clerk'], sample: string, as: 'applicant' | 'agent') {
  await clerk.invoke('idcard.simulate', { sample });
  let view: Awaited<ReturnType<typeof clerk.invoke<'intake.readCard'>>> | null = null;
  await waitFor(async () => (view = await clerk.invoke('intake.readCard', { as }).catch(() => null)) !== null);
  await clerk.invoke('idcard.simulate', { sample: null });
  return view!;
}

describe('intake at the window', () => {
  it('registers what the applicant confirmed and signed on their screen, with the card the host kept', async () => {
    const { clerk, customer, views } = await window();
    const card = await readCard(clerk, 'resident', 'applicant');
    // Checking identity is the clerk's job: their page gets the card in full, the masked fields beside it.
    expect(card).toMatchObject({ name: '张*试', idNumber: '430602********1231', fullName: '张测试', fullIdNumber: '430602199003071231' });

    await expect(
      clerk.invoke('intake.submit', { requestId: randomUUID(), ...ITEM, applicant: { from: 'card' }, materials: RECEIVED }),
    ).rejects.toMatchObject({ code: 'REFUSED', message: expect.stringMatching(/not confirmed and signed/) });
    await expect(customer.invoke('customer.confirm', { strokes: STROKES, png: ONE_PIXEL_PNG })).rejects.toMatchObject({ code: 'REFUSED' });

    await clerk.invoke('intake.review', {
      itemName: ITEM.itemName,
      materials: [{ name: '不动产权证书', form: '原件', count: 1 }],
      fields: [{ label: '联系电话', value: '138****8000' }],
    });
    await waitFor(() => views.at(-1)?.kind === 'review');
    expect(views.at(-1)).toMatchObject({
      kind: 'review',
      applicantName: '张*试',
      applicantIdNumber: '430602********1231',
      confirmed: false,
    });
    expect(JSON.stringify(views)).not.toContain('430602199003071231');

    const confirmed: string[] = [];
    clerk.on('intake.confirmed', ({ at }) => confirmed.push(at));
    await expect(
      customer.invoke('customer.confirm', { strokes: STROKES, png: Buffer.from('GIF89a').toString('base64') }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await customer.invoke('customer.confirm', { strokes: STROKES, png: ONE_PIXEL_PNG });
    await waitFor(() => confirmed.length === 1);
    expect(views.at(-1)).toMatchObject({ kind: 'review', confirmed: true });

    const { case: registered } = await clerk.invoke('intake.submit', {
      requestId: randomUUID(),
      ...ITEM,
      applicant: { from: 'card' },
      mobile: '13800138000',
      materials: RECEIVED,
    });
    expect(registered).toMatchObject({
      stage: 'accepted',
      applicant: { name: '张*试', certificateNumber: '430602********1231' },
      clerkId: TEST_CLERK.id,
    });
    // The applicant sees 已受理 with the number on their receipt, grouped as printed there.
    expect(views.at(-1)).toEqual({
      kind: 'accepted',
      windowLabel: '3号窗口 综合受理',
      itemName: ITEM.itemName,
      receiptNumber: `${registered.receiptNumber!.slice(0, 4)} ${registered.receiptNumber!.slice(4, 8)} ${registered.receiptNumber!.slice(8)}`,
    });

    const held = await clerk.invoke('privacy.export', { idNumber: '430602199003071231' });
    const record = held.cases[0]!.record;
    expect(record.applicant).toMatchObject({ name: '张测试', certificateNumber: '430602199003071231', mobile: '13800138000' });
    expect(record.signature?.strokes).toEqual(STROKES);
    expect(record.materials.map((material) => material.name)).toEqual(['不动产权证书', '申请人签名']);

    await expect(
      clerk.invoke('intake.submit', { requestId: randomUUID(), ...ITEM, applicant: { from: 'card' }, materials: RECEIVED }),
    ).rejects.toMatchObject({ code: 'REFUSED' });
  });

  it('records 不予受理 with its one-time notice, for an agent applying with the applicant typed in', async () => {
    const { clerk } = await window();
    await readCard(clerk, 'resident-tujia-longterm', 'agent');
    const { case: refused } = await clerk.invoke('intake.submit', {
      requestId: randomUUID(),
      ...ITEM,
      applicant: { from: 'typed', person: { name: '王五', certificateType: '111', certificateNumber: '11010519491231002X' } },
      agent: { from: 'card' },
      materials: RECEIVED,
      notice: { reason: '缺少买卖合同', items: [{ material: '买卖合同', requirement: '买卖双方签字的原件' }] },
    });
    expect(refused).toMatchObject({ stage: 'rejected', applicant: { name: '王*' } });
    const held = await clerk.invoke('privacy.export', { idNumber: '11010519491231002X' });
    expect(held.cases[0]!.record.agent?.name).toBe('李样例');
  });

  it('clears the last applicant’s case from their screen when the next number is called', async () => {
    const { clerk, views } = await window();
    await clerk.invoke('queue.takeTicket', { requestId: randomUUID(), queueId: 'comprehensive' });
    await clerk.invoke('intake.review', { itemName: ITEM.itemName, materials: [], fields: [] });
    await waitFor(() => views.at(-1)?.kind === 'review');
    await clerk.invoke('counter.callNext', {});
    await waitFor(() => views.at(-1)?.kind === 'welcome');
  });

  it('keeps intake to the clerk and signing to the applicant’s screen', async () => {
    const { clerk, customer } = await window();
    await expect(
      customer.invoke('intake.submit', { requestId: randomUUID(), ...ITEM, applicant: { from: 'card' }, materials: RECEIVED }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(customer.invoke('intake.readCard', { as: 'applicant' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(clerk.invoke('customer.confirm', { strokes: STROKES, png: ONE_PIXEL_PNG })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
