import { HallConfigSchema, type HallConfig } from '../../src/shared/hall-config.js';

export const TEST_CLERK = { id: 'c001', name: '李娜', pin: '2468' };
/** `echo 2468 | npm run hall:admin -- pin-hash`; a constant, because child processes load this file as CommonJS (no top-level await). */
const TEST_CLERK_PIN_HASH = 'scrypt$32768$8$1$95Qx4jFOvOboeKC35XR0sw==$+qO4jh0cLHs2cgMrVjYaxXjHLEGuI2qQKJ7S+j7cC48=';

/** The test hall's console accounts (`npm run hall:admin -- password-hash`, constant for the same reason). */
export const TEST_MANAGER = { id: 'admin', name: '赵主任', password: 'test-manager-2468' };
export const TEST_SUPERVISOR = { id: 'jc01', name: '周监察', password: 'test-supervisor-1357' };

export const TEST_HALL: HallConfig = HallConfigSchema.parse({
  hallName: '测试大厅',
  queues: [
    { id: 'comprehensive', name: '综合一窗', prefix: 'A' },
    { id: 'tax', name: '税务', prefix: 'C' },
    { id: 'tiny', name: '快速通道', prefix: 'K', maxPerDay: 2 },
  ],
  windows: [
    {
      number: 1,
      name: '综合受理',
      queues: [
        { queueId: 'comprehensive', weight: 3 },
        { queueId: 'tax', weight: 1 },
      ],
    },
    { number: 2, name: '综合受理', queues: [{ queueId: 'comprehensive' }] },
    { number: 3, name: '综合受理', queues: [{ queueId: 'comprehensive' }] },
    { number: 5, name: '税务专窗', queues: [{ queueId: 'tax' }] },
  ],
  // Leases of three, so the tests can use one up and name its numbers (A997–A999).
  offlineTickets: { minimum: 3, maximum: 30, coverMinutes: 15 },
  managers: [
    {
      id: TEST_MANAGER.id,
      name: TEST_MANAGER.name,
      role: 'manager',
      passwordHash: 'scrypt$32768$8$1$Z1g1+GPcLTsbeG3antF5zw==$+J4XzV23IfD1fgnIuEUclLzgJ/W1yJi1R+efHupQGdI=',
    },
    {
      id: TEST_SUPERVISOR.id,
      name: TEST_SUPERVISOR.name,
      role: 'supervisor',
      passwordHash: 'scrypt$32768$8$1$ITsXmUAKc95Sr4bG+/+kEA==$hcG2Ve/RqaDSyIAr/8s3ZyyZDb4buP8gsw2WC1ML4WI=',
    },
  ],
});

/** The test hall with a clerk enrolled: its windows then serve only while a clerk is logged in. */
export const TEST_HALL_WITH_CLERK: HallConfig = {
  ...TEST_HALL,
  clerks: [{ id: TEST_CLERK.id, name: TEST_CLERK.name, pinHash: TEST_CLERK_PIN_HASH }],
};
