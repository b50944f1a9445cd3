/**
 * Display width on a receipt printer in Chinese mode: every character that the printer's code page
 * encodes in two or more bytes prints 24 dots wide, two columns of the 12×24 font — hanzi, but also
 * “quotes”, ·, ￥ and full-width forms; ASCII prints one column. Layout counts in these columns.
 */
export function charColumns(char: string): 1 | 2 {
  return char.codePointAt(0)! < 0x80 ? 1 : 2;
}

export function textColumns(text: string): number {
  let columns = 0;
  for (const char of text) columns += charColumns(char);
  return columns;
}

/**
 * What wrapping keeps together: a document number's 〔year〕 with the number after it (发改价格〔2005〕436号,
 * read and searched as one), a Latin word or number, a run of spaces; anything else is one character.
 */
const TOKENS = /〔[^〕\n]{1,12}〕[0-9]*号?|[A-Za-z0-9.,:;/@#%&+=_\-'"()]+|\s+|./gsu;

const NO_LINE_START = new Set([...'，。、；：？！）》」』”’】〕…—·,.;:?!)]}%']);

/**
 * Greedy wrapping to a width in columns. Chinese breaks between any two characters; a Latin word, a
 * number or a document number's 〔2019〕51号 moves to the next line whole when it fits there, and is split only when longer than a line;
 * closing punctuation never starts a line. Explicit newlines are kept.
 */
export function wrapText(text: string, width: number): string[] {
  return text.split('\n').flatMap((paragraph) => withoutOrphan(wrapParagraph(paragraph, width), width));
}

/** Where a clause ends: a line may break after it (not after a label's ：, which belongs with what follows). */
const CLAUSE_END = /[，；。！？]/gu;
/** A last line this short reads as an accident ("超时请重新 / 取号"). */
const ORPHAN_COLUMNS = 4;

/**
 * A paragraph's last line of a word or two takes the whole last clause of the line before, when it fits
 * and the line before keeps at least half its width.
 */
function withoutOrphan(lines: string[], width: number): string[] {
  if (lines.length < 2 || textColumns(lines.at(-1)!) > ORPHAN_COLUMNS) return lines;
  const before = lines.at(-2)!;
  const ends = [...before.matchAll(CLAUSE_END)].map((match) => match.index + match[0].length);
  const cut = ends.findLast(
    (end) =>
      end < before.length && textColumns(before.slice(0, end)) * 2 >= width && textColumns(before.slice(end) + lines.at(-1)!) <= width,
  );
  if (cut === undefined) return lines;
  return [...lines.slice(0, -2), before.slice(0, cut), before.slice(cut) + lines.at(-1)!];
}

function wrapParagraph(paragraph: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  let used = 0;
  const breakBefore = (char: string) => {
    // 避头: closing punctuation never starts a line; the character before it comes down with it.
    const chars = [...line];
    const carried = NO_LINE_START.has(char) && chars.length > 1 ? chars.at(-1)! : '';
    lines.push((carried ? chars.slice(0, -1).join('') : line).trimEnd());
    line = carried;
    used = textColumns(carried);
  };
  for (const token of paragraph.match(TOKENS) ?? []) {
    const columns = textColumns(token);
    if (used + columns <= width) {
      line += token;
      used += columns;
    } else if (/^\s+$/.test(token)) {
      lines.push(line.trimEnd());
      line = '';
      used = 0;
    } else if (token.length > 1 && columns <= width) {
      lines.push(line.trimEnd());
      line = token;
      used = columns;
    } else {
      for (const char of token) {
        if (used + charColumns(char) > width) breakBefore(char);
        line += char;
        used += charColumns(char);
      }
    }
  }
  lines.push(line.trimEnd());
  return lines;
}
