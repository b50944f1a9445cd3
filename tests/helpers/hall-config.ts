import { HallConfigSchema, type HallConfig } from '../../src/shared/queue.js';

export const TEST_HALL: HallConfig = HallConfigSchema.parse({
  hallName: '测试大厅',
  queues: [
    { id: 'comprehensive', name: '综合一窗', prefix: 'A' },
    { id: 'tax', name: '税务', prefix: 'C' },
    { id: 'tiny', name: '快速通道', prefix: 'K', maxPerDay: 2 },
  ],
});
