import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cardProblems } from '../../../src/shared/idcard.js';
import { sampleCard } from './sample-cards.js';

describe('the sample cards of the simulated reader', () => {
  const names = readdirSync('resources/idcard/cards')
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.replace(/\.json$/, '') as Parameters<typeof sampleCard>[0]);

  it.each(names)('%s agrees with itself (sex and birth date as its number says), on a day it is valid', (name) => {
    const card = sampleCard(name);
    expect(cardProblems(card, card.validFrom)).toEqual([]);
  });
});
