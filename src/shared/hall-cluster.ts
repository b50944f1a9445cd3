import { z } from 'zod';
import { HallHealthSchema } from './hall-api.js';

/** A hall's id on a county cluster: in its path (`/halls/<id>`), its database schema and its terminals' addresses. */
export const HallIdSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{0,30}$/,
    '大厅编号只能用小写字母、数字和连字符，以字母开头，最多 31 个字符（例如 xinhe） / a hall id is lower-case letters, digits and hyphens, starting with a letter, at most 31 characters (e.g. xinhe)',
  );

/** Where a hall of a cluster is served: its terminals' `hall.url` is the cluster's address followed by this. */
export const hallPath = (hallId: string) => `/halls/${hallId}`;

/** Where a hall's tables are on the cluster's PostgreSQL database. */
export const hallSchemaName = (hallId: string) => `hall_${hallId.replace(/-/g, '_')}`;

/**
 * The halls one hall server deployment serves (a county's 便民服务中心 on one cluster). Each hall keeps
 * its own configuration file (queues, windows, clerks, terminals, idHashKey, platform identity), its own
 * tables and its own chained event log; paths are relative to this file.
 */
export const HallClusterConfigSchema = z
  .object({
    halls: z
      .array(
        z
          .object({
            id: HallIdSchema,
            /** The hall's configuration, as a hall alone would have it. */
            config: z.string().min(1),
            /** Without PostgreSQL: the hall's SQLite file (`<id>.db` in the server's data directory by default)… */
            db: z.string().min(1).optional(),
            /** …and the key it is encrypted with, one per hall. */
            keyFile: z.string().min(1).optional(),
          })
          .strict(),
      )
      .min(1, '至少要有一个大厅 / list at least one hall')
      .max(200),
  })
  .strict()
  .superRefine((cluster, context) => {
    const seen = new Set<string>();
    cluster.halls.forEach((hall, index) => {
      if (seen.has(hall.id))
        context.addIssue({
          code: 'custom',
          path: ['halls', index, 'id'],
          message: `大厅编号 ${hall.id} 重复 / the hall id ${hall.id} is listed twice`,
        });
      seen.add(hall.id);
    });
  });
export type HallClusterConfig = z.infer<typeof HallClusterConfigSchema>;

/** What a cluster's own address answers at `/api/v1/health`: this instance, its database, and the halls it serves. */
export const HallClusterHealthSchema = z.object({
  service: z.literal('onewindow-hall-cluster'),
  instance: HallHealthSchema.shape.instance,
  halls: z.array(z.object({ id: HallIdSchema, path: z.string(), hallName: z.string() })),
});
export type HallClusterHealth = z.infer<typeof HallClusterHealthSchema>;
