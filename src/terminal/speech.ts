import { spawn } from 'node:child_process';
import { RpcError } from '../shared/rpc/errors.js';

/**
 * Mandarin speech through espeak-ng (voice `cmn`), for boards whose browser has no Chinese voice.
 * The text goes as one argument, never through a shell.
 */
export function speakToWav(text: string, timeoutMs = 5000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('espeak-ng', ['-v', 'cmn', '-s', '150', '--stdout', text], { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', () => {
      clearTimeout(timer);
      reject(new RpcError('UNAVAILABLE', '本机未安装 espeak-ng，无法语音叫号 / espeak-ng is not installed: calls cannot be spoken on this board'));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0 && chunks.length) resolve(Buffer.concat(chunks));
      else reject(new RpcError('UNAVAILABLE', `语音合成失败 / speech synthesis failed (espeak-ng exit ${code})`));
    });
  });
}
