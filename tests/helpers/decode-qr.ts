import { execFileSync } from 'node:child_process';

/** What a phone's camera reads from a picture of paper: the QR codes in the PNG file, one per line, as zbarimg decodes them. */
export function decodeQr(pngFile: string): string {
  return execFileSync('zbarimg', ['--quiet', '--raw', pngFile], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}
