import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CaseSummary, SyncState } from '../../src/shared/cases.js';
import { TEST_CLERK, TEST_HALL_WITH_CLERK } from '../helpers/hall-config.js';
import { testDraft } from '../helpers/platform.js';
import { waitFor } from '../helpers/wait-for.js';
import { acceptAtWindow, pageOf, useTestHosts } from '../helpers/host.js';

const hallAndHost = useTestHosts();
const counterHost = async () => (await hallAndHost('counter', { hall: TEST_HALL_WITH_CLERK })).host;

describe('counter cases through the contract', () => {
  it('saves a case with its captured pages at once, syncs it, and tells the counter', async () => {
    const host = await counterHost();
    host.start();
    const counter = pageOf(host, 'operator');
    const states: SyncState[] = [];
    const changed: CaseSummary[] = [];
    counter.on('sync.state', (state) => states.push(state));
    counter.on('cases.changed', ({ cases }) => changed.push(...cases));

    await expect(acceptAtWindow(host, counter, testDraft())).rejects.toMatchObject({
      code: 'REFUSED',
      message: expect.stringMatching(/log in at the window first/),
    });
    await counter.invoke('counter.login', { clerkId: TEST_CLERK.id, pin: TEST_CLERK.pin });
    const page1 = await counter.invoke('cases.putMaterial', {
      data: Buffer.from('a scanned page').toString('base64'),
      mediaType: 'image/jpeg',
    });
    expect(page1).toMatchObject({ size: 14, mediaType: 'image/jpeg' });
    const draft = testDraft();
    const saved = await acceptAtWindow(host, counter, { ...draft, materials: [{ ...draft.materials[0]!, files: [page1] }] });
    expect(saved).toMatchObject({
      stage: 'accepted',
      sync: 'pending',
      clerkId: 'c001',
      applicant: { name: '张*', certificateNumber: '110105********002X' },
    });

    await waitFor(() => changed.some((c) => c.caseId === saved.caseId && c.sync === 'synced'), 10_000);
    const [listed] = (await counter.invoke('cases.list', {})).cases;
    expect(listed).toMatchObject({
      caseId: saved.caseId,
      sync: 'synced',
      caseNumber: expect.stringMatching(/^11440300007542037X4440117009000/),
    });
    await waitFor(() => states.at(-1)?.backlog === 0 && states.at(-1)?.online === true);
    expect(await counter.invoke('sync.deadLetters', {})).toEqual({ deadLetters: [] });
    await expect(counter.invoke('cases.move', { caseId: saved.caseId, stage: 'delivered' })).rejects.toMatchObject({ code: 'REFUSED' });

    const mine = await counter.invoke('privacy.export', { idNumber: '11010519491231002x' });
    expect(mine.cases).toEqual([
      expect.objectContaining({
        caseId: saved.caseId,
        as: 'applicant',
        record: expect.objectContaining({ applicant: expect.objectContaining({ name: '张三' }) }),
      }),
    ]);
    expect(mine.audit.map((entry) => entry.action)).toEqual(['case.accepted']);
    expect((await counter.invoke('privacy.export', { idNumber: '440303199003071234' })).cases).toEqual([]);
  });

  it('keeps cases away from every page but the clerk’s', async () => {
    const host = await counterHost();
    for (const role of ['customer', 'kiosk', 'board'] as const) {
      const other = pageOf(host, role);
      await expect(other.invoke('cases.list', {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(
        other.invoke('intake.submit', {
          requestId: randomUUID(),
          itemCode: 'x',
          itemName: 'x',
          caseType: '1',
          materials: [],
          applicant: { from: 'card' },
        }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('says what is wrong with a bad page before anything is stored', async () => {
    const host = await counterHost();
    const counter = pageOf(host, 'operator');
    await expect(counter.invoke('cases.putMaterial', { data: 'not base64!', mediaType: 'image/jpeg' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/base64/),
    });
    await expect(counter.invoke('cases.putMaterial', { data: 'AAAA', mediaType: 'image/gif' as 'image/png' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
