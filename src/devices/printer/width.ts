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
 * Greedy wrapping to a width in columns. Chinese breaks between any two characters; a Latin word or a
 * number moves to the next line whole when it fits there, and is split only when longer than a line.
 * Explicit newlines are kept.
 */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let used = 0;
    const tokens = paragraph.match(/[A-Za-z0-9.,:;/@#%&+=_\-'"()]+|\s+|./gsu) ?? [];
    for (const token of tokens) {
      const columns = textColumns(token);
      if (used + columns <= width) {
        line += token;
        used += columns;
        continue;
      }
      if (/^\s+$/.test(token)) {
        lines.push(line);
        line = '';
        used = 0;
        continue;
      }
      if (columns <= width && used > 0) {
        lines.push(line.trimEnd());
        line = '';
        used = 0;
      }
      for (const char of token) {
        const charWidth = charColumns(char);
        if (used + charWidth > width) {
          lines.push(line);
          line = '';
          used = 0;
        }
        line += char;
        used += charWidth;
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
