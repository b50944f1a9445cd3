import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoCode } from '../shared/contract-scanner.js';

const SLIP_KINDS: [prefix: string, slip: string][] = [
  ['onewindow:prefill:', '预填单 Pre-fill slip'],
  ['onewindow:case:', '受理回执 Receipt'],
];

/**
 * The QR codes on the slips the demo's virtual printers wrote (each job's transcript has a QR as
 * `[qr SIZE ALIGN] content`), newest first, so 模拟扫码 can offer a kiosk's pre-fill slip at the counter
 * and a counter's receipt at the kiosk. The host process reads them itself from the printers' folder.
 */
export function recentDemoCodes(printersDir: string, limit = 20): DemoCode[] {
  const jobs = (existsSync(printersDir) ? readdirSync(printersDir) : []).flatMap((terminalId) =>
    readdirSync(join(printersDir, terminalId))
      .filter((name) => /^job-\d+\.txt$/.test(name))
      .map((name) => ({ terminalId, name, file: join(printersDir, terminalId, name) })),
  );
  const newest = jobs.map((job) => ({ ...job, at: statSync(job.file).mtimeMs })).sort((a, b) => b.at - a.at);
  const codes: DemoCode[] = [];
  for (const job of newest) {
    for (const [, text] of readFileSync(job.file, 'utf8').matchAll(/^\[qr [^\]]*\] (.+)$/gm)) {
      const kind = SLIP_KINDS.find(([prefix]) => text!.startsWith(prefix))?.[1] ?? '凭条 Slip';
      if (!codes.some((code) => code.text === text))
        codes.push({ text: text!, slip: `${kind} · ${job.terminalId} ${job.name.slice(0, -4)}` });
    }
    if (codes.length >= limit) break;
  }
  return codes.slice(0, limit);
}
