import { createHmac } from 'node:crypto';
import type { HallConfig } from '../shared/hall-config.js';

/** ID numbers are kept only as HMACs under the hall's key; without a key they are not kept at all. */
export function idHasher(config: HallConfig): (idNumber: string) => string | null {
  return (idNumber) => (config.idHashKey ? createHmac('sha256', config.idHashKey).update(idNumber.toUpperCase()).digest('hex') : null);
}
