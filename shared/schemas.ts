import * as z from 'zod';

/** Schemas every area uses, written once. */

/** An e-mail address, stored in lower case so the same person is recognised however it was typed. */
export const EmailAddress = z.email().max(254).transform((email) => email.toLowerCase());

/** true/false in a query string. */
export const QueryFlag = z.enum(['true', 'false']).transform((flag) => flag === 'true');

/** A list in which no entry repeats (by `key`), each repeat named at its index. */
export function noRepeats<T>(key: (entry: T) => unknown, message: string, field?: string) {
  return (entries: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<unknown>();
    entries.forEach((entry, index) => {
      if (seen.has(key(entry))) ctx.addIssue({ code: 'custom', path: field ? [index, field] : [index], message });
      seen.add(key(entry));
    });
  };
}

/** A listing's paging: `limit` items from `cursor` (the nextCursor of the previous page). */
export const PageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2048).optional().meta({ description: 'nextCursor from the previous page' }),
};
