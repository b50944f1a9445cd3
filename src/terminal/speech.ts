import { execFile, spawn } from 'node:child_process';
import { RpcError } from '../shared/rpc/errors.js';

export interface VoiceChoice {
  /** The espeak-ng voice spoken calls use; null when the machine has no Mandarin voice. */
  voice: string | null;
  /** What was chosen and why, for the terminal's log. */
  message: string;
}

/**
 * The Mandarin voices of espeak-ng, best first. `cmn-latn-pinyin` reads the Latin letters of a ticket
 * number as Chinese letter names; `cmn` switches to English for them ("nin two hao three" on Debian 1.51).
 */
const PREFERRED_VOICES = ['cmn-latn-pinyin', 'cmn'];

/** The best Mandarin voice in the listing of `espeak-ng --voices` (its Language column), or null. */
export function chooseMandarinVoice(listing: string): string | null {
  const languages = listing
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/)[1]?.toLowerCase())
    .filter((language): language is string => Boolean(language));
  return PREFERRED_VOICES.find((voice) => languages.includes(voice)) ?? languages.find((language) => language.startsWith('cmn')) ?? null;
}

/** Lists the machine's espeak-ng voices and picks the best Mandarin one. */
export function findMandarinVoice(): Promise<VoiceChoice> {
  return new Promise((resolve) => {
    execFile('espeak-ng', ['--voices'], { timeout: 5000 }, (error, stdout) => {
      if (error) {
        resolve({
          voice: null,
          message:
            '本机未安装 espeak-ng，浏览器无中文语音时不能语音叫号 / espeak-ng is not installed: calls cannot be spoken where the browser has no Chinese voice',
        });
        return;
      }
      const voice = chooseMandarinVoice(stdout);
      resolve(
        voice
          ? {
              voice,
              message: `语音叫号使用 espeak-ng 普通话语音 ${voice} / spoken calls use the espeak-ng Mandarin voice ${voice}${voice === 'cmn' ? ' (it reads Latin letters as English: install a newer espeak-ng with cmn-latn-pinyin)' : ''}`,
            }
          : {
              voice: null,
              message:
                'espeak-ng 没有普通话语音（cmn），不能语音叫号 / espeak-ng has no Mandarin voice (cmn): calls cannot be spoken on this machine',
            },
      );
    });
  });
}

const CHINESE_DIGITS = '零一二三四五六七八九';

/**
 * The text as a Mandarin voice should read it. A ticket number is read as in every hall, letter by letter
 * and digit by digit (A012 → A 零一二): espeak reads "012" as 零十二, and "AB" as an English word. A short
 * number on its own (the window in "到12号窗口") is counted, as people say it.
 */
export function spokenForm(text: string): string {
  return text.replace(/[A-Za-z]+\d*|\d+/g, (run) => {
    const letters = /^[A-Za-z]*/.exec(run)![0];
    const digits = run.slice(letters.length);
    const isCode = letters.length > 0 || digits.length >= 3 || digits.startsWith('0');
    const spokenDigits = isCode ? [...digits].map((digit) => CHINESE_DIGITS[Number(digit)]).join('') : digits;
    return [...letters.toUpperCase().split(''), spokenDigits].filter(Boolean).join(' ');
  });
}

/** The espeak-ng arguments that speak this text with this voice; the text goes as one argument, never through a shell. */
export function espeakArguments(voice: string, text: string): string[] {
  return ['-v', voice, '-s', '150', spokenForm(text)];
}

/** Mandarin speech through espeak-ng, for boards whose browser has no Chinese voice. */
export function speakToWav(voice: string | null, text: string, timeoutMs = 5000): Promise<Buffer> {
  if (!voice)
    return Promise.reject(
      new RpcError('UNAVAILABLE', '本机没有普通话语音，无法语音叫号 / this machine has no Mandarin voice: calls cannot be spoken'),
    );
  return new Promise((resolve, reject) => {
    const child = spawn('espeak-ng', ['--stdout', ...espeakArguments(voice, text)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', () => {
      clearTimeout(timer);
      reject(
        new RpcError(
          'UNAVAILABLE',
          '本机未安装 espeak-ng，无法语音叫号 / espeak-ng is not installed: calls cannot be spoken on this board',
        ),
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0 && chunks.length) resolve(Buffer.concat(chunks));
      else reject(new RpcError('UNAVAILABLE', `语音合成失败 / speech synthesis failed (espeak-ng exit ${code})`));
    });
  });
}

/**
 * A terminal's spoken calls: the voice is chosen once, at start (or at the first call of a host not
 * started), and reported to `onVoice` for the log.
 */
export function createMandarinSpeech(onVoice: (choice: VoiceChoice) => void = () => undefined) {
  let choice: Promise<VoiceChoice> | undefined;
  const chosen = () => {
    if (!choice) {
      choice = findMandarinVoice();
      void choice.then(onVoice);
    }
    return choice;
  };
  return {
    start: () => void chosen(),
    speak: async (text: string) => speakToWav((await chosen()).voice, text),
  };
}
