import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as en from '../../../src/renderer/i18n/en/catalogues.js';
import * as zh from '../../../src/renderer/i18n/zh-CN/catalogues.js';

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff60]/;
const RENDERER = 'src/renderer';

/** Places where Chinese in the code is the point, each with why. */
const MAY_HOLD_CHINESE: Record<string, string> = {
  'src/renderer/components/LanguageSwitch.tsx': 'each language is named in itself: 中文',
  'src/renderer/capture/pages-to-pdf.ts': 'the PDF names its producer in its metadata, in both languages',
};

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path.endsWith(join(RENDERER, 'i18n')) ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Chinese written into the screens' code instead of a catalogue: string literals, templates and JSX text, not comments. */
function chineseInCode(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isStringLiteralLike(node) ||
      ts.isJsxText(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      const value = ts.isJsxText(node) ? node.getText() : node.text;
      if (CJK.test(value)) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        found.push(`${relative('.', file)}:${line + 1} ${value.trim().slice(0, 40)}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the screens speak through their catalogues', () => {
  const namespaces = Object.keys(zh) as (keyof typeof zh)[];

  it('has an English catalogue for every zh-CN namespace, with the same keys', () => {
    expect(Object.keys(en).sort()).toEqual([...namespaces].sort());
    for (const ns of namespaces) {
      expect([...leaves(en[ns] as Tree).keys()].sort(), ns).toEqual([...leaves(zh[ns] as Tree).keys()].sort());
    }
  });

  it('leaves no string untranslated: Chinese in zh-CN, no Chinese in English, the same placeholders in both', () => {
    const problems: string[] = [];
    for (const ns of namespaces) {
      const english = leaves(en[ns] as Tree);
      for (const [key, chinese] of leaves(zh[ns] as Tree)) {
        const translated = english.get(key) ?? '';
        if (!CJK.test(chinese)) problems.push(`${ns}:${key} zh-CN is not Chinese: ${chinese}`);
        if (CJK.test(translated)) problems.push(`${ns}:${key} English holds Chinese: ${translated}`);
        if (translated.trim() === '') problems.push(`${ns}:${key} English is empty`);
        if (placeholders(chinese).join() !== placeholders(translated).join()) problems.push(`${ns}:${key} placeholders differ`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('finds no Chinese written into the screens outside the catalogues', () => {
    const found = sourceFiles(RENDERER)
      .filter((file) => !Object.hasOwn(MAY_HOLD_CHINESE, file))
      .flatMap(chineseInCode);
    expect(found).toEqual([]);
  });

  it('finds every key the screens ask for', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(RENDERER)) {
      const text = readFileSync(file, 'utf8');
      const fileNamespace = /useTranslation\(\s*'(\w+)'/.exec(text)?.[1] ?? 'common';
      for (const [, key] of text.matchAll(/\bt\(\s*'([\w.:]+)'/g)) {
        const [ns, path] = key!.includes(':') ? (key!.split(':') as [string, string]) : [fileNamespace, key!];
        const tree = (zh as Record<string, Tree>)[ns];
        if (!tree || !leaves(tree).has(path)) missing.push(`${relative('.', file)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
