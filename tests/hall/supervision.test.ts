import { expect, it } from 'vitest';
import { hallApi } from '../../src/shared/hall-api.js';
import { AuditPageSchema, AuditVerificationSchema, AUDIT_PAGE_ROWS } from '../../src/shared/supervision.js';
import { TEST_CLERK, TEST_HALL_WITH_CLERK, TEST_SUPERVISOR } from '../helpers/hall-config.js';
import { useHallServersOnEachEngine } from '../helpers/hall-http.js';
import { consoleCall, managerCookie } from '../helpers/manager-login.js';

const { startHall, eachEngine } = useHallServersOnEachEngine();

eachEngine('电子监察 on the console', () => {
  it('reads the chained log by who, what and day, newest first and a page at a time, and exports it as CSV', async () => {
    let now = new Date('2026-12-03T01:00:00Z');
    const hall = await startHall(TEST_HALL_WITH_CLERK, { now: () => now });
    await hall.post('/api/v1/clerks/login', { windowNumber: 5, clerkId: TEST_CLERK.id, pin: TEST_CLERK.pin });
    for (let i = 0; i < AUDIT_PAGE_ROWS + 5; i++) await hall.post('/api/v1/tickets', { queueId: 'tax', terminalId: 'kiosk-07' });
    now = new Date('2026-12-04T01:00:00Z');
    const cookie = await managerCookie(hall.base, TEST_SUPERVISOR);
    const read = async (query: string) =>
      AuditPageSchema.parse((await consoleCall(hall.base, cookie, `${hallApi.auditLog.path}?${query}`)).body);

    const first = await read('');
    expect(first.rows).toHaveLength(AUDIT_PAGE_ROWS);
    expect(first.rows[0]).toMatchObject({
      type: 'manager.loggedIn',
      actor: `manager:${TEST_SUPERVISOR.id}`,
      actorName: TEST_SUPERVISOR.name,
    });
    const older = await read(`before=${first.nextBefore}`);
    expect(older.rows[0]!.seq).toBeLessThan(first.rows.at(-1)!.seq);
    expect(older.nextBefore).toBeNull();

    const login = await read('type=clerk.loggedIn');
    expect(login.rows).toEqual([expect.objectContaining({ windowNumber: 5, subject: `${TEST_CLERK.name}（${TEST_CLERK.id}）` })]);
    const byKiosk = await read('actor=kiosk-07&from=2026-12-03&to=2026-12-03');
    expect(byKiosk.rows).toHaveLength(AUDIT_PAGE_ROWS);
    expect(byKiosk.rows.every((row) => row.type === 'ticket.issued' && row.ticketNumber?.startsWith('C'))).toBe(true);
    expect((await read('from=2026-12-04')).rows.map((row) => row.type)).toEqual(['manager.loggedIn']);
    const wrong = await consoleCall(hall.base, cookie, `${hallApi.auditLog.path}?from=3.12.2026`);
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).toContain('日期应为 YYYY-MM-DD');

    const csv = await fetch(`${hall.base}${hallApi.auditCsv.path}?type=clerk.loggedIn`, { headers: { cookie } });
    expect(csv.headers.get('content-disposition')).toContain('hall-audit-');
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toContain('序号 seq');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('clerk.loggedIn');

    // Without a platform the chain is checked all the same, and the page says a cut at the end cannot be seen.
    const verification = AuditVerificationSchema.parse((await consoleCall(hall.base, cookie, hallApi.auditVerify.path)).body);
    expect(verification).toMatchObject({ intact: true, platform: { state: 'unconfigured' } });
    expect(verification.verdict).toContain('无法发现末尾截断');
    // A terminal's token opens none of it.
    expect((await fetch(`${hall.base}${hallApi.auditLog.path}`)).status).toBe(401);
  });
});
