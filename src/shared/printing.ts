import { z } from 'zod';

/** A print job as pages see it: what it is, where it stands, and why it is stuck when it is. */
export const PrintJobViewSchema = z.object({
  id: z.string(),
  template: z.string(),
  summary: z.string(),
  state: z.enum(['queued', 'printing', 'done', 'failed']),
  printerId: z.string().nullable(),
  createdAt: z.string(),
  /** Why the last attempt did not print (zh / en), while the job waits or after it failed. */
  error: z.string().nullable(),
});
export type PrintJobView = z.infer<typeof PrintJobViewSchema>;

export const PrinterStateSchema = z.object({
  printerId: z.string(),
  ready: z.boolean(),
  message: z.string(),
  /** False until the printer was first used: `ready` then says only that it is not known to be. */
  checked: z.boolean(),
});

export const PrintersStatusSchema = z.object({ printers: z.array(PrinterStateSchema) });
export type PrintersStatus = z.infer<typeof PrintersStatusSchema>;
