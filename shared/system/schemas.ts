import * as z from 'zod';

export const Health = z
  .object({
    status: z.enum(['ok', 'degraded']),
    table: z.enum(['reachable', 'unreachable']),
    jobs: z.array(z.object({ job: z.string(), lastRunAt: z.iso.datetime({ offset: true }).nullable(), overdue: z.boolean() })),
    checkedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'Health' });
export type Health = z.infer<typeof Health>;
