import { z } from 'zod';

/** How a terminal host sees the servers it depends on; every page shows it. */
export const LinkStateSchema = z.enum(['unknown', 'online', 'offline']);
export type LinkState = z.infer<typeof LinkStateSchema>;

export const LinkStatusSchema = z.object({
  hall: LinkStateSchema,
  platform: LinkStateSchema,
  checkedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type LinkStatus = z.infer<typeof LinkStatusSchema>;
