import { z } from 'zod';

/** A manager runs the hall (and, later, changes its set-up); a supervisor (监察) only looks. */
export const MANAGER_ROLES = ['manager', 'supervisor'] as const;
export type ManagerRole = (typeof MANAGER_ROLES)[number];

export const ManagerIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,20}$/, '账号为 1–20 位字母、数字或连字符 / the account is 1–20 letters, digits or hyphens');
