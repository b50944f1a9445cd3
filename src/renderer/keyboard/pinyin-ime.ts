/**
 * The kiosk's pinyin input method: letters typed → Chinese words, the most frequent first. Full pinyin
 * (`zhengwu` → 政务), its beginning (`zhengw` → 政务…), and initials (`sfz` → 身份证) all work; input
 * longer than any word (`zhengwufuwu`) offers the words for its longest known beginning, and picking
 * one leaves the rest of the letters to go on with.
 */
export interface Candidate {
  word: string;
  /** How many of the typed letters the word stands for. */
  consumed: number;
}

export interface PinyinDictionary {
  readonly size: number;
  candidates(input: string, limit?: number): Candidate[];
}

/** Reads the dictionary text (`pin'yin word frequency` per line, sorted by the syllables run together). */
export function parseDictionary(text: string): PinyinDictionary {
  const full: string[] = [];
  const initials: string[] = [];
  const words: string[] = [];
  const frequencies: number[] = [];
  for (const line of text.split('\n')) {
    const [syllables, word, frequency] = line.split(' ');
    if (!syllables || !word) continue;
    const parts = syllables.split("'");
    full.push(parts.join(''));
    initials.push(parts.map((part) => part[0]).join(''));
    words.push(word);
    frequencies.push(Number(frequency) || 0);
  }
  const byInitials = [...full.keys()].sort((a, b) => (initials[a]! < initials[b]! ? -1 : initials[a]! > initials[b]! ? 1 : 0));

  /** Indices (into `order`, or the file's own order) whose key starts with `prefix`. */
  function range(keys: string[], prefix: string, order?: number[]): [number, number] {
    const keyAt = (position: number) => keys[order ? order[position]! : position]!;
    const lowerBound = (target: string) => {
      let low = 0;
      let high = keys.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (keyAt(middle) < target) low = middle + 1;
        else high = middle;
      }
      return low;
    };
    return [lowerBound(prefix), lowerBound(`${prefix}{`)];
  }

  /** The `limit` most frequent entries among those given, most frequent first. */
  function mostFrequent(entries: Iterable<number>, limit: number): number[] {
    const best: number[] = [];
    for (const entry of entries) {
      if (best.length === limit && frequencies[entry]! <= frequencies[best[limit - 1]!]!) continue;
      let at = best.length;
      while (at > 0 && frequencies[best[at - 1]!]! < frequencies[entry]!) at--;
      best.splice(at, 0, entry);
      if (best.length > limit) best.pop();
    }
    return best;
  }

  function* positions(from: number, to: number, order?: number[]): Generator<number> {
    for (let position = from; position < to; position++) yield order ? order[position]! : position;
  }

  function exactly(input: string): number[] {
    const [from, to] = range(full, input);
    return [...positions(from, to)].filter((entry) => full[entry] === input);
  }

  return {
    size: words.length,
    candidates(raw, limit = 20) {
      const input = raw.toLowerCase().replace(/[^a-z]/g, '');
      if (!input) return [];
      const exact = exactly(input);
      const [prefixFrom, prefixTo] = range(full, input);
      const [initialsFrom, initialsTo] = input.length > 1 ? range(initials, input, byInitials) : [0, 0];
      const others = [
        ...positions(prefixFrom, prefixTo),
        ...[...positions(initialsFrom, initialsTo, byInitials)].filter((entry) => initials[entry] === input),
      ].filter((entry) => full[entry] !== input);
      // A character read several ways is in the list once per reading: ask for more, keep each word once.
      const chosen = [...mostFrequent(exact, limit * 2), ...mostFrequent(others, limit * 2)];
      const unique = new Map<string, Candidate>();
      for (const entry of chosen)
        if (!unique.has(words[entry]!)) unique.set(words[entry]!, { word: words[entry]!, consumed: input.length });
      if (unique.size > 0) return [...unique.values()].slice(0, limit);
      for (let length = input.length - 1; length > 0; length--) {
        const start = exactly(input.slice(0, length));
        if (start.length > 0) return mostFrequent(start, limit).map((entry) => ({ word: words[entry]!, consumed: length }));
      }
      return [];
    },
  };
}
