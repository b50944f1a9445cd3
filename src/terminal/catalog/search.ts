import { pinyin } from 'pinyin-pro';
import type { Catalog } from '../../shared/catalog.js';
import type { CatalogHit } from '../../shared/contract-catalog.js';

interface Entry {
  hit: Omit<CatalogHit, 'score'>;
  name: string;
  /** Full pinyin without tones or spaces, `budongchandengji`, and initials, `bdcdj`. */
  namePinyin: string;
  nameInitials: string;
  /**
   * Synonyms and life events, the words citizens use for it, each list joined with a separator on
   * both sides: one `includes` finds an exact word (`␁过户␁`) or a word's prefix (`␁guohu`).
   */
  words: Spelled;
  department: Spelled;
}

interface Spelled {
  text: string;
  pinyin: string;
  initials: string;
}

const CJK = /[\u3400-\u9fff]/;

const SEP = '\u0001';

function spell(text: string): Spelled {
  return {
    text,
    pinyin: pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('').toLowerCase(),
    initials: pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('').toLowerCase(),
  };
}

function spellAll(texts: string[]): Spelled {
  const spelled = texts.map(spell);
  const join = (key: keyof Spelled) => `${SEP}${spelled.map((word) => word[key]).join(SEP)}${SEP}`;
  return { text: join('text'), pinyin: join('pinyin'), initials: join('initials') };
}

/** How well one query term matches an entry, 0 for not at all; the name counts most, then the citizen's words, then the department. */
function termScore(entry: Entry, term: string): number {
  if (CJK.test(term)) {
    if (entry.name === term) return 100;
    if (entry.name.startsWith(term)) return 90;
    if (entry.name.includes(term)) return 80;
    if (entry.words.text.includes(SEP + term + SEP)) return 75;
    if (entry.words.text.includes(term)) return 60;
    if (entry.department.text.includes(term)) return 40;
    return 0;
  }
  if (entry.namePinyin.startsWith(term)) return 78;
  if (term.length >= 2 && entry.nameInitials.startsWith(term)) return 76;
  if (term.length >= 3 && entry.namePinyin.includes(term)) return 62;
  if (term.length >= 2 && entry.nameInitials.includes(term)) return 60;
  if (entry.words.pinyin.includes(SEP + term) || (term.length >= 2 && entry.words.initials.includes(SEP + term))) return 55;
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
        words: spellAll([...bundle.synonyms, ...bundle.lifeEvents]),
        department: spell('一件事'),
      };
    }),
    ...catalog.items.map((item) => {
      const name = spell(item.name);
      return {
        hit: {
          kind: 'item' as const,
          code: item.implCode,
          name: item.name,
          department: item.department,
          zone: zoneName.get(item.zone) ?? item.zone,
        },
        name: item.name,
        namePinyin: name.pinyin,
        nameInitials: name.initials,
        words: spellAll([...item.synonyms, ...item.lifeEvents]),
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
      // Only the best `limit` are kept as they are found: a common term matches thousands of items, and
      // building and sorting them all is what made a query slow, not the matching.
      const best: { entry: Entry; score: number }[] = [];
      const worse = (a: { entry: Entry; score: number }, b: { entry: Entry; score: number }) =>
        a.score < b.score ||
        (a.score === b.score &&
          (a.entry.name.length > b.entry.name.length ||
            (a.entry.name.length === b.entry.name.length && a.entry.hit.code > b.entry.hit.code)));
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
        if (score === 0) continue;
        const candidate = { entry, score: Math.round(score / terms.length) };
        if (best.length === limit && !worse(best[best.length - 1]!, candidate)) continue;
        let at = best.length;
        while (at > 0 && worse(best[at - 1]!, candidate)) at--;
        best.splice(at, 0, candidate);
        if (best.length > limit) best.pop();
      }
      return best.map(({ entry, score }) => ({ ...entry.hit, score }));
    },
  };
}
