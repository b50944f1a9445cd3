import { describe, expect, it } from 'vitest';
import { jsonErrorPosition } from '../../src/shared/json-error-position.js';

describe('jsonErrorPosition', () => {
  it('finds nothing wrong in valid JSON, whatever JSON.parse accepts', () => {
    for (const text of ['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\"y"]} ', '"中文"', '0']) {
      expect(JSON.parse(text)).toBeDefined();
      expect(jsonErrorPosition(text)).toBeNull();
    }
  });

  it.each([
    ['{\n  "role": kiosk\n}', 2, 11],
    ['{"a": 1,}', 1, 9],
    ['{"a": 1\n"b": 2}', 2, 1],
    ['[1, 2', 1, 6],
    ['{"a": 01}', 1, 8],
    ['{} x', 1, 4],
  ])('points at the first error of %j', (text, line, column) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonErrorPosition(text)).toEqual({ line, column });
  });
});
