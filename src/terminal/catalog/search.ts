import { pinyin } from 'pinyin-pro';
import type { Catalog } from '../../shared/catalog.js';
import type { CatalogHit } from '../../shared/contract-catalog.js';

interface Entry {
  hit: Omit<CatalogHit, 'score'>;
  name: string;
  /** Full pinyin without tones or spaces, `budongchandengji`, and initials, `bdcdj`. */
  namePinyin: string;
  nameInitials: string;
  /** Synonyms and life events: the words citizens use for it. */
  words: { text: string; pinyin: string; initials: string }[];
  department: { text: string; pinyin: string; initials: string };
}

const CJK = /[\u3400-\u9fff]/;

function spell(text: string): { text: string; pinyin: string; initials: string } {
  return {
    text,
    pinyin: pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('').toLowerCase(),
    initials: pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('').toLowerCase(),
  };
}

/** How well one query term matches an entry, 0 for not at all; the name counts most, then the citizen's words, then the department. */
function termScore(entry: Entry, term: string): number {
  if (CJK.test(term)) {
    if (entry.name === term) return 100;
    if (entry.name.startsWith(term)) return 90;
    if (entry.name.includes(term)) return 80;
    if (entry.words.some((word) => word.text === term)) return 75;
    if (entry.words.some((word) => word.text.includes(term))) return 60;
    if (entry.department.text.includes(term)) return 40;
    return 0;
  }
  if (entry.namePinyin.startsWith(term)) return 78;
  if (term.length >= 2 && entry.nameInitials.startsWith(term)) return 76;
  if (term.length >= 3 && entry.namePinyin.includes(term)) return 62;
  if (term.length >= 2 && entry.nameInitials.includes(term)) return 60;
  if (entry.words.some((word) => word.pinyin.startsWith(term) || (term.length >= 2 && word.initials.startsWith(term)))) return 55;
  if (term.length >= 2 && (entry.department.pinyin.includes(term) || entry.department.initials.startsWith(term))) return 35;
  return 0;
}

/**
 * Search over the catalog's items and bundles by name, full pinyin (`budongchan`), initials (`bdc`),
 * synonyms and life events (`过户`, `生孩子`) and department, ranked. It runs on the terminal, so it
 * works with no network; the pinyin is worked out once, when the catalog is loaded.
 */
export function createCatalogSearch(catalog: Catalog) {
  const zoneName = new Map(catalog.zones.map((zone) => [zone.id, zone.name]));
  const entries: Entry[] = [
    ...catalog.bundles.map((bundle) => {
      const name = spell(bundle.name);
      return {
        hit: { kind: 'bundle' as const, code: bundle.id, name: bundle.name, department: '一件事联办', zone: '综合一窗' },
        name: bundle.name,
        namePinyin: name.pinyin,
        nameInitials: name.initials,
        words: [...bundle.synonyms, ...bundle.lifeEvents].map(spell),
        department: spell('一件事'),
      };
    }),
    ...catalog.items.map((item) => {
      const name = spell(item.name);
      return {
        hit: { kind: 'item' as const, code: item.implCode, name: item.name, department: item.department, zone: zoneName.get(item.zone) ?? item.zone },
        name: item.name,
        namePinyin: name.pinyin,
        nameInitials: name.initials,
        words: [...item.synonyms, ...item.lifeEvents].map(spell),
        department: spell(item.department),
      };
    }),
  ];

  return {
    /** Terms separated by spaces must all match; the best first, shorter names before longer ones on a tie. */
    search(query: string, limit = 10): CatalogHit[] {
      const terms = query
        .trim()
        .toLowerCase()
        .split(/\s+/)
        .map((term) => term.replace(/[^\p{L}\p{N}]/gu, ''))
        .filter(Boolean);
      if (terms.length === 0) return [];
      const hits: CatalogHit[] = [];
      for (const entry of entries) {
        let score = 0;
        for (const term of terms) {
          const s = termScore(entry, term);
          if (s === 0) {
            score = 0;
            break;
          }
          score += s;
        }
        if (score > 0) hits.push({ ...entry.hit, score: Math.round(score / terms.length) });
      }
      return hits.sort((a, b) => b.score - a.score || a.name.length - b.name.length || a.code.localeCompare(b.code)).slice(0, limit);
    },
  };
}
