import { describe, expect, it } from 'vitest';
import { charColumns, textColumns, wrapText } from '../../../src/devices/printer/width.js';

describe('printer column widths and wrapping', () => {
  it('counts double-byte characters as two columns, ASCII as one', () => {
    expect(textColumns('A001')).toBe(4);
    expect(textColumns('受理回执')).toBe(8);
    expect(textColumns('“￥”')).toBe(6);
    expect(charColumns('a')).toBe(1);
  });

  it('wraps Chinese between any two characters at the paper width', () => {
    expect(wrapText('一二三四五六七八九十', 8)).toEqual(['一二三四', '五六七八', '九十']);
  });

  it('moves a Latin word or number to the next line whole', () => {
    expect(wrapText('编号 ABC-12345 已受理', 12)).toEqual(['编号', 'ABC-12345 已', '受理']);
    expect(wrapText('X'.repeat(10), 4)).toEqual(['XXXX', 'XXXX', 'XX']);
  });

  it('never starts a line with closing punctuation', () => {
    expect(wrapText('一二三四，五六', 8)).toEqual(['一二三', '四，五六']);
    expect(wrapText('（二手房买卖）', 12)).toEqual(['（二手房买', '卖）']);
  });

  it('keeps a document number’s 〔year〕 and number together on one line', () => {
    for (const width of [14, 16, 18, 20, 24]) {
      const lines = wrapText('收费依据：发改价格〔2005〕436号文件', width);
      const at = lines.find((line) => line.includes('〔'));
      expect(at, `width ${width}: ${lines.join(' | ')}`).toContain('〔2005〕436号');
    }
  });

  it('leaves no word or two alone on a last line when the clause before can go down with it', () => {
    expect(wrapText('过号后 30 分钟内可请工作人员恢复排队，超时请重新取号', 48)).toEqual([
      '过号后 30 分钟内可请工作人员恢复排队，',
      '超时请重新取号',
    ]);
    // Not when the line left behind would be a stub, nor after a label's colon.
    expect(wrapText('要求：原件，须与申请人姓名一致', 28)).toEqual(['要求：原件，须与申请人姓名一', '致']);
    expect(wrapText('事项：不动产转移登记（二手房买卖）', 32)).toEqual(['事项：不动产转移登记（二手房买', '卖）']);
  });

  it('keeps explicit line breaks', () => {
    expect(wrapText('第一行\n第二行', 32)).toEqual(['第一行', '第二行']);
  });
});
