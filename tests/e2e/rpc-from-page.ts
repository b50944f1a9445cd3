/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';

/**
 * Sends one raw RPC request over a fresh WebSocket from inside the page, with the page's own token, as
 * a script injected into that page could. The answer is whatever the host sends back.
 */
export function rawRpcFromPage(page: Page, request: unknown): Promise<unknown> {
  return page.evaluate(
    (message) =>
      new Promise((resolve, reject) => {
        const token = new URLSearchParams(location.search).get('token') ?? '';
        const socket = new WebSocket(`ws://${location.host}/rpc?token=${encodeURIComponent(token)}`);
        socket.onopen = () => socket.send(JSON.stringify(message));
        socket.onmessage = (event) => {
          const reply = JSON.parse(String(event.data)) as { id?: unknown };
          if (!('id' in reply)) return;
          socket.close();
          resolve(reply);
        };
        socket.onerror = () => reject(new Error('socket error'));
      }),
    request,
  );
}

const ONE_PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/**
 * A 不动产 case taken in (受理) for the applicant given, through the intake session as the window does
 * it: shown on the customer page, confirmed and signed there, then submitted from the counter page (a
 * clerk logged in); the applicant typed, as for a document the reader cannot read. The submit's reply.
 */
export async function acceptCaseFromPages(
  counter: Page,
  customer: Page,
  applicantName: string,
  certificateNumber = '11010519491231002X',
): Promise<unknown> {
  const materials = [{ name: '不动产权证书', received: true, form: 'original', count: 1 }];
  await rawRpcFromPage(counter, {
    id: 'review',
    method: 'intake.review',
    input: { itemName: '不动产登记（转移登记）', materials: [{ name: '不动产权证书', form: '原件', count: 1 }], fields: [] },
  });
  await rawRpcFromPage(customer, {
    id: 'confirm',
    method: 'customer.confirm',
    input: {
      strokes: [
        [
          [10, 10, 0],
          [40, 30, 16],
        ],
      ],
      png: ONE_PIXEL_PNG,
    },
  });
  return rawRpcFromPage(counter, {
    id: 'submit',
    method: 'intake.submit',
    input: {
      requestId: randomUUID(),
      itemCode: '11440300007542037X4440117009000',
      itemName: '不动产登记（转移登记）',
      caseType: '2',
      promisedDays: 5,
      applicant: { from: 'typed', person: { name: applicantName, certificateType: '111', certificateNumber } },
      materials,
    },
  });
}
