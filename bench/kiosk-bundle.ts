import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { round, writeResults } from './results-file.js';

interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
}

const DIST = 'dist/renderer';

/** What a kiosk downloads to show its first screen: the HTML, the entry chunk, the kiosk chunk, their imports and CSS. */
export function benchKioskBundle(): string {
  const manifest = JSON.parse(readFileSync(join(DIST, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const files = new Set<string>(['index.html']);
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    chunk.css?.forEach((css) => files.add(css));
    chunk.imports?.forEach(visit);
  };
  visit('index.html');
  visit('kiosk/KioskApp.tsx');
  if (!manifest['kiosk/KioskApp.tsx']) throw new Error('the kiosk chunk is missing from the Vite manifest');

  const sizes = [...files].map((file) => {
    const body = readFileSync(join(DIST, file));
    return { file, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
  });
  const gzipKB = round(sizes.reduce((sum, size) => sum + size.gzipBytes, 0) / 1024, 1);
  const rawKB = round(sizes.reduce((sum, size) => sum + size.bytes, 0) / 1024, 1);
  return writeResults('kiosk-bundle', { gzipKB, rawKB, files: sizes }, [{ figure: 'gzipKB', limit: 250, unit: 'KB', met: gzipKB <= 250 }]);
}
