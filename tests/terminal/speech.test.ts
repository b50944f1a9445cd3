import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseMandarinVoice, espeakArguments, findMandarinVoice, speakToWav, spokenForm } from '../../src/terminal/speech.js';
import { TEST_HALL } from '../helpers/hall-config.js';

/** The hall's announcement of a ticket at a window, as the calling engine words it. */
const announcement = (ticketNumber: string, windowNumber: number) =>
  TEST_HALL.calling.announcement.replace('{number}', ticketNumber).replace('{window}', String(windowNumber));

/** The phonemes espeak-ng speaks for the text with the arguments spoken calls use; `(en)` marks a switch to English. */
const phonemes = (voice: string, text: string) =>
  execFileSync('espeak-ng', ['-q', '-x', ...espeakArguments(voice, text)], { encoding: 'utf8' });

const LISTING = `Pty Language       Age/Gender VoiceName          File                 Other Languages
 5  en-us           --/M      English_(America)  gmw/en-US            (en 3)
 5  cmn             --/M      Chinese_(Mandarin,_latin_as_English) sit/cmn              (zh-cmn 5)(zh 5)
 5  cmn-latn-pinyin --/M      Chinese_(Mandarin,_latin_as_Pinyin) sit/cmn-Latn-pinyin  (zh-cmn 5)(zh 5)
 5  yue             --/M      Chinese_(Cantonese) sit/yue              (zh-yue 5)(zh 8)
`;

describe('spoken calls', () => {
  it('choose the Mandarin voice that reads Latin letters as Chinese, then plain Mandarin, never Cantonese', () => {
    expect(chooseMandarinVoice(LISTING)).toBe('cmn-latn-pinyin');
    expect(chooseMandarinVoice(LISTING.replace(/.*cmn-latn-pinyin.*\n/, ''))).toBe('cmn');
    expect(chooseMandarinVoice(LISTING.replace(/.*cmn.*\n/g, ''))).toBeNull();
  });

  it('find a Mandarin voice on this machine and say which', async () => {
    const choice = await findMandarinVoice();
    expect(choice.voice).toBe('cmn-latn-pinyin');
    expect(choice.message).toContain('cmn-latn-pinyin');
  });

  it('read a ticket number letter by letter and digit by digit, and count the window', () => {
    expect(spokenForm('请A001号到3号窗口办理')).toBe('请A 零零一号到3号窗口办理');
    expect(spokenForm('请AB012号到12号窗口办理')).toBe('请A B 零一二号到12号窗口办理');
  });

  it('are Mandarin from end to end: espeak switches to English for no ticket of any prefix at any window', async () => {
    const { voice } = await findMandarinVoice();
    expect(phonemes(voice!, announcement('A001', 3))).not.toContain('(en)');
    const prefix = fc.stringMatching(/^[A-Z]{1,2}$/);
    const ticketNumber = fc
      .tuple(prefix, fc.integer({ min: 1, max: 999 }))
      .map(([letters, n]) => `${letters}${String(n).padStart(3, '0')}`);
    fc.assert(
      fc.property(ticketNumber, fc.integer({ min: 1, max: 40 }), (ticket, window) => {
        expect(phonemes(voice!, announcement(ticket, window))).not.toContain('(en)');
      }),
      { numRuns: 40 },
    );
  });

  it('render a call as a WAV of the length of a spoken sentence', async () => {
    const { voice } = await findMandarinVoice();
    const wav = await speakToWav(voice, announcement('A001', 3));
    expect(wav.subarray(0, 4).toString('latin1')).toBe('RIFF');
    const sampleRate = wav.readUInt32LE(24);
    const bytesPerSecond = wav.readUInt32LE(28);
    const seconds = (wav.length - 44) / bytesPerSecond;
    expect(sampleRate).toBe(22050);
    // 请 A 零零一 号 到 三 号 窗 口 办 理: eleven syllables at 150 words a minute.
    expect(seconds).toBeGreaterThan(2);
    expect(seconds).toBeLessThan(6);
  });
});
