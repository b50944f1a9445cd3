import { randomUUID } from 'node:crypto';
/**
 * A terminal's hall and platform clients in a process of their own, for tests/terminal/tls.test.ts: the
 * CA they trust comes from NODE_EXTRA_CA_CERTS, which Node reads only at start. Prints one JSON line per
 * step; exits 1 with the error's words when a step fails.
 * usage: tsx tests/helpers/terminal-over-tls.ts HALL_URL PLATFORM_URL PLATFORM_SECRET
 */
import { createPlatformClient } from '../../src/terminal/cases/platform-client.js';
import { createHallClient } from '../../src/terminal/hall-client.js';
import { followHallEvents } from '../../src/terminal/hall-events-client.js';

const [hallUrl, platformUrl, secret] = process.argv.slice(2) as [string, string, string];
const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);

try {
  const hall = createHallClient(hallUrl, 'kiosk-t');
  say({ hall: (await hall.health()).service });
  const heard = await new Promise<string>((resolve) => {
    const events = followHallEvents(hallUrl, () => undefined, {
      event: (event) => {
        if (event.type !== 'ticket.issued' || !event.ticket) return;
        events.stop();
        resolve(event.ticket.ticketNumber);
      },
      resync: () => undefined,
      connected: (connected) => {
        if (connected) void hall.issueTicket('comprehensive', {}, randomUUID()).then((ticket) => say({ issued: ticket.ticketNumber }));
      },
    });
    events.start();
  });
  say({ heard });
  const progress = await createPlatformClient({ baseUrl: platformUrl, terminalId: 'kiosk-t', secret, timeoutMs: 5000 }).progress({
    reference: '11440300007542037X444011700920261127000001',
    checkCode: '000000',
  });
  say({ platform: progress.ok ? progress.value : progress.message });
} catch (error) {
  say({ error: (error as Error).message });
  process.exit(1);
}
