import { readFileSync } from 'node:fs';
import { SimulatorCardSchema } from '../../../src/devices/idcard/simulator.js';
import type { IdCard } from '../../../src/shared/idcard.js';

export function sampleCard(name: 'resident' | 'resident-tujia-longterm' | 'foreigner-2017' | 'foreigner-2023' | 'hkmotw'): IdCard {
  return SimulatorCardSchema.parse(JSON.parse(readFileSync(`resources/idcard/cards/${name}.json`, 'utf8')));
}
