import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const README = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
const scripts = Object.keys(
  (JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts,
);

/** Where a path written in the README lands, if it stays inside the repository; null when it leaves it. */
function inRepository(path: string): string | null {
  const target = relative(ROOT, resolve(ROOT, path));
  return target.startsWith('..') || resolve(target) === target ? null : target;
}

describe('README.md', () => {
  it('names only npm scripts that package.json has', () => {
    const named = [...README.matchAll(/\bnpm run ([\w:-]+)/g)].map((match) => match[1]!);
    const shorthands = [...README.matchAll(/\bnpm (start|test)\b/g)].map((match) => match[1]!);
    expect(named.length).toBeGreaterThan(10);
    expect([...new Set([...named, ...shorthands])].filter((name) => !scripts.includes(name))).toEqual([]);
  });

  it('links only to files inside the repository that exist', () => {
    const links = [...README.matchAll(/\]\(([^)\s]+)\)/g)]
      .map((match) => match[1]!)
      .filter((link) => !/^[a-z]+:/i.test(link) && !link.startsWith('#'));
    expect(links.length).toBeGreaterThan(0);
    const broken = links.filter((link) => {
      const target = inRepository(link.split('#')[0]!);
      return target === null || !existsSync(resolve(ROOT, target));
    });
    expect(broken).toEqual([]);
  });

  it('runs with node only the repository’s own scripts', () => {
    const files = [...README.matchAll(/\bnode ((?:bin|scripts)\/[\w./-]+)/g)].map((match) => match[1]!);
    expect(files.filter((file) => !existsSync(resolve(ROOT, file)))).toEqual([]);
  });
});
