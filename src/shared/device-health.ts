import { z } from 'zod';

/** A device of a terminal as the hall's console watches it: can it do its job now, and if not, why, in words. */
export const DeviceHealthSchema = z.object({
  kind: z.enum(['printer', 'idcard', 'scanner']),
  /** The device's id in the terminal's file (a printer's), or its kind when a terminal has one. */
  id: z.string().min(1).max(40),
  /** null: not known yet (a printer is checked when it first prints). */
  ok: z.boolean().nullable(),
  message: z.string().max(300),
});
export type DeviceHealth = z.infer<typeof DeviceHealthSchema>;

export const DeviceReportSchema = z
  .object({ terminalId: z.string().min(1).max(40), devices: z.array(DeviceHealthSchema).max(20) })
  .strict();
