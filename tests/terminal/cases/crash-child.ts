/**
 * A counter that registers cases and syncs them until it is killed: the body of the kill -9 test.
 * `saved <caseId>` is printed only after register() returned, i.e. after the clerk would have seen
 * "saved". With `drain` it registers nothing and exits once the outbox is empty.
 */
import { randomBytes } from 'node:crypto';
import { openCaseStack } from '../../helpers/case-stack.js';
import { testDraft } from '../../helpers/platform.js';

const [dir, keyHex, platformUrl, mode] = process.argv.slice(2) as [string, string, string, string];
const counter = openCaseStack(dir, Buffer.from(keyHex, 'hex'), platformUrl, { concurrency: 4, baseDelayMs: 5, capDelayMs: 50 });
counter.engine.start();
process.stdout.write('ready\n');

if (mode === 'drain') {
  const timer = setInterval(() => {
    if (counter.engine.state().backlog === 0) {
      clearInterval(timer);
      process.stdout.write('drained\n');
      void counter.close().then(() => process.exit(0));
    }
  }, 20);
} else {
  const draft = testDraft();
  const register = () => {
    const file = counter.store.stageMaterial(randomBytes(5000), 'image/jpeg');
    const saved = counter.store.register({ ...draft, materials: [{ ...draft.materials[0]!, files: [file] }] }, { id: 'c001' });
    counter.engine.kick();
    process.stdout.write(`saved ${saved.caseId}\n`);
    setTimeout(register, 2);
  };
  register();
}
