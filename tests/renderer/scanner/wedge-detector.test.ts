import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createWedgeDetector, DEFAULT_WEDGE, type WedgeOptions, type WedgeOutput } from '../../../src/renderer/scanner/wedge-detector.js';

/** Keystroke recordings: [key, time in ms], people typing and scanners in wedge mode, with what each should give. */
const recordings = JSON.parse(readFileSync('tests/renderer/scanner/fixtures/keystrokes.json', 'utf8')) as Record<
  string,
  { keys: [string, number][]; expect: { scans: string[]; typed: string } }
>;

function play(keys: [string, number][], options: WedgeOptions = DEFAULT_WEDGE) {
  const out: WedgeOutput[] = [];
  const detector = createWedgeDetector(options, (output) => out.push(output));
  const passed: string[] = [];
  for (const [key, at] of keys) {
    // The page's timer ticks every 10 ms between keystrokes.
    for (let t = at - 200; t < at; t += 10) detector.tick(t);
    if (!detector.key(key, at)) passed.push(key);
  }
  detector.tick((keys.at(-1)?.[1] ?? 0) + 500);
  return {
    scans: out.filter((o) => o.kind === 'scan').map((o) => o.text),
    typed: out
      .filter((o) => o.kind === 'typed')
      .map((o) => o.text)
      .join(''),
    passed,
  };
}

describe('keyboard-wedge detector', () => {
  it.each(Object.entries(recordings))('%s', (_name, recording) => {
    const result = play(recording.keys);
    expect(result.scans).toEqual(recording.expect.scans);
    expect(result.typed).toBe(recording.expect.typed);
  });

  it('lets Enter, Backspace and arrows of a person through, and ends a scan without suffix at the first pause', () => {
    expect(
      play([
        ['a', 0],
        ['Backspace', 150],
        ['Enter', 300],
      ]).passed,
    ).toEqual(['Backspace', 'Enter']);
    const noSuffix = play(
      [...'A00123'].map((key, i): [string, number] => [key, 1000 + i * 6]),
      { ...DEFAULT_WEDGE, suffix: null },
    );
    expect(noSuffix.scans).toEqual(['A00123']);
  });

  it('removes the configured prefix', () => {
    const keys = [...'#P7Q2K9'].map((key, i): [string, number] => [key, 1000 + i * 5]);
    expect(play([...keys, ['Enter', 1040]], { ...DEFAULT_WEDGE, prefix: '#' }).scans).toEqual(['P7Q2K9']);
  });
});
