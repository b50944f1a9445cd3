import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { pageOverflow, seriousViolations, smallTargets } from './screen-checks.js';
import { saveScreen } from './screenshots.js';
import { sign } from './signature.js';
import { pageUrl } from './urls.js';
import { callAtWindow3, counterRpc } from './window-rpc.js';
import { atWelcome } from './customer-welcome.js';

/** A long application: more lines than the screen holds, so the facts scroll inside their card. */
const REVIEW = {
  itemName: '住房公积金提取（租赁住房）',
  materials: ['职工居民身份证', '住房租赁合同', '银行卡', '租房发票', '婚姻状况证明'].map((name) => ({ name, form: '原件', count: 1 })),
  fields: [
    { label: '联系电话', value: '138****8000' },
    { label: '手机号码', value: '138****8000' },
    ...['业务类型', '银行卡号', '住所所在区', '租赁地址', '月租金', '租赁起始', '租赁截止', '出租人', '提取金额', '备注'].map(
      (label, index) => ({
        label,
        value: `第${index + 1}项内容`,
      }),
    ),
  ],
};

/** The counter and its applicant's screen (1920×1080), a number just called there, the screen at welcome. */
async function anApplicantCalled(newPage: () => Promise<Page>) {
  const counter = await newPage();
  const customer = await newPage();
  await customer.setViewportSize({ width: 1920, height: 1080 });
  await counter.goto(pageUrl('counter'));
  await customer.goto(pageUrl('customer'));
  await callAtWindow3(counter);
  await atWelcome(customer);
  return { counter, customer };
}

/** The applicant's screen at 1920×1080 in a view: nothing past the screen, nothing serious for axe, every target 60 px. */
async function fitsTheScreen(customer: Page, view: string) {
  expect(await pageOverflow(customer)).toEqual({ x: 0, y: 0 });
  expect(await smallTargets(customer, 60)).toEqual([]);
  expect(await seriousViolations(customer)).toEqual([]);
  await saveScreen(customer, `customer-${view}`);
}

test('the applicant’s screen fits 1920×1080 in every view: welcome, review with the pad in view, 已受理 with the receipt number, rating, paused', async ({
  newPage,
}) => {
  test.setTimeout(120_000);
  const { counter, customer } = await anApplicantCalled(newPage);

  await expect(customer.locator('[data-view="welcome"]')).toContainText('为您服务的是 王晓');
  await fitsTheScreen(customer, 'welcome');

  await counterRpc(counter, 'intake.review', REVIEW);
  const review = customer.getByTestId('customer-review');
  await expect(review).toContainText(REVIEW.itemName);
  // Each fact once: the number given as 联系电话 and as 手机号码 is one line naming both.
  await expect(review.getByText('138****8000')).toHaveCount(1);
  await expect(review.getByText('联系电话 / 手机号码')).toBeVisible();
  await expect(customer.getByTestId('signature-pad')).toBeInViewport({ ratio: 1 });
  await expect(customer.getByRole('button', { name: '确认无误并签名' })).toBeInViewport({ ratio: 1 });
  await fitsTheScreen(customer, 'review');
  // In 长辈模式 too, the pad and its button stay on the screen.
  await customer.getByRole('button', { name: '长辈模式' }).click();
  await expect(customer.getByTestId('signature-pad')).toBeInViewport({ ratio: 1 });
  await expect(customer.getByRole('button', { name: '确认无误并签名' })).toBeInViewport({ ratio: 1 });
  expect(await pageOverflow(customer)).toEqual({ x: 0, y: 0 });
  await customer.getByRole('button', { name: '标准模式' }).click();

  await sign(customer);
  await customer.getByRole('button', { name: '确认无误并签名' }).click();
  await expect(review).toContainText('已确认');
  await fitsTheScreen(customer, 'confirmed');

  const { case: accepted } = await counterRpc<{ case: { receiptNumber: string } }>(counter, 'intake.submit', {
    requestId: randomUUID(),
    itemCode: '11440300007542037X4440117009000',
    itemName: REVIEW.itemName,
    caseType: '2',
    promisedDays: 5,
    applicant: { from: 'typed', person: { name: '张测试', certificateType: '111', certificateNumber: '430602199003071231' } },
    materials: [{ name: '职工居民身份证', received: true, form: 'original', count: 1 }],
  });
  const printed = `${accepted.receiptNumber.slice(0, 4)} ${accepted.receiptNumber.slice(4, 8)} ${accepted.receiptNumber.slice(8)}`;
  await expect(customer.locator('[data-view="accepted"]')).toContainText('已受理');
  await expect(customer.getByTestId('customer-receipt-number')).toHaveText(printed);
  await fitsTheScreen(customer, 'accepted');

  await counterRpc(counter, 'counter.finish', { serviceCodes: [] });
  await expect(customer.locator('[data-view="rating"]')).toContainText('请您对本次服务进行评价');
  await fitsTheScreen(customer, 'rating');
  await customer.getByRole('button', { name: /^不满意/ }).click();
  await expect(customer.getByRole('group', { name: /不满意的原因/ })).toBeVisible();
  await fitsTheScreen(customer, 'rating-reasons');
  // A call-back number, typed by touch: a wrong one is said so; left empty, none is sent.
  await customer.getByRole('button', { name: '留个电话，方便我们回访（可不留）' }).click();
  const contact = customer.getByRole('group', { name: '回访电话' });
  await contact.getByRole('button', { name: '1', exact: true }).click();
  await contact.getByRole('button', { name: '确定' }).click();
  await expect(contact.getByRole('alert')).toContainText('手机号为 11 位');
  await fitsTheScreen(customer, 'rating-contact');
  await contact.getByRole('button', { name: '清空' }).click();
  await contact.getByRole('button', { name: '确定' }).click();
  await expect(customer.getByRole('button', { name: '留个电话，方便我们回访（可不留）' })).toBeVisible();
  await customer.getByRole('button', { name: '不评价' }).click();

  await counterRpc(counter, 'counter.pause', { paused: true });
  try {
    await expect(customer.locator('[data-view="paused"]')).toContainText('暂停服务');
    await fitsTheScreen(customer, 'paused');
  } finally {
    await counterRpc(counter, 'counter.pause', { paused: false });
  }
  await expect(customer.locator('[data-view="welcome"]')).toBeVisible();
});

test('English is the applicant’s switch: it holds through their case and is Chinese again for the next applicant', async ({ newPage }) => {
  test.setTimeout(60_000);
  const { counter, customer } = await anApplicantCalled(newPage);
  await expect(customer.locator('[data-view="welcome"]')).toContainText('您好，欢迎办理业务');

  await customer.getByRole('button', { name: '切换语言' }).click();
  await expect(customer.locator('[data-view="welcome"]')).toContainText('Welcome');
  await expect(customer.locator('html')).toHaveAttribute('lang', 'en');
  await counterRpc(counter, 'intake.review', REVIEW);
  await expect(customer.getByTestId('customer-review')).toContainText('Please check these details');
  await expect(customer.getByRole('button', { name: 'Confirm and sign' })).toBeInViewport({ ratio: 1 });
  await fitsTheScreen(customer, 'english-review');

  // The clerk moves on to the next applicant: the screen is Chinese again.
  await counterRpc(counter, 'intake.reset', {});
  await expect(customer.locator('[data-view="welcome"]')).toContainText('您好，欢迎办理业务');
  await expect(customer.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await counterRpc(counter, 'counter.finish', { serviceCodes: [] });
  await customer.getByRole('button', { name: '不评价' }).click();
});
