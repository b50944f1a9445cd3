import { benchAudit } from './audit.js';
import { benchCapture } from './capture.js';
import { benchCases } from './cases.js';
import { benchCatalog } from './catalog.js';
import { benchConsole } from './console.js';
import { benchCounter } from './counter.js';
import { benchFuzz } from './fuzz.js';
import { benchHall } from './hall.js';
import { benchIdCard } from './idcard.js';
import { benchKiosk } from './kiosk.js';
import { benchKioskBundle } from './kiosk-bundle.js';
import { benchPrinting } from './printing.js';
import { benchRendererColdStart } from './renderer-cold-start.js';
import { benchRpcRoundTrip } from './rpc-roundtrip.js';
import { benchScanner } from './scanner.js';

/** `npm run bench [name…]`: runs the benchmarks (all by default) and writes bench/results/<name>.json. */
const benches: Record<string, () => Promise<string> | string> = {
  'rpc-roundtrip': benchRpcRoundTrip,
  'renderer-cold-start': benchRendererColdStart,
  'kiosk-bundle': benchKioskBundle,
  kiosk: benchKiosk,
  idcard: benchIdCard,
  printing: benchPrinting,
  hall: benchHall,
  cases: benchCases,
  catalog: benchCatalog,
  counter: benchCounter,
  console: benchConsole,
  scanner: benchScanner,
  capture: benchCapture,
  audit: benchAudit,
  fuzz: benchFuzz,
};

const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !(name in benches));
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(benches).join(', ')}`);
  process.exit(2);
}
for (const name of chosen.length ? chosen : Object.keys(benches)) {
  const file = await benches[name]!();
  console.log(`${name}: ${file}`);
}
process.exit(0);
