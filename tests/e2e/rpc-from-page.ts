/// <reference lib="dom" />
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

/** A 不动产 case registered from a counter page (a clerk logged in) for the applicant given; its reply. */
export function registerCaseFromPage(counter: Page, applicantName: string): Promise<unknown> {
  return rawRpcFromPage(counter, {
    id: 'register',
    method: 'cases.register',
    input: {
      draft: {
        itemCode: '11440300007542037X4440117009000',
        itemName: '不动产登记（转移登记）',
        caseType: '2',
        promisedDays: 5,
        applicant: { name: applicantName, certificateType: '111', certificateNumber: '11010519491231002X' },
        materials: [{ name: '不动产权证书', received: true, form: 'original', count: 1 }],
      },
    },
  });
}
