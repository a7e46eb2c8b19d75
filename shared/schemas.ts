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

/**
 * Characters a name must not hold: C0 and C1 controls (CR and LF among them, which would start a new
 * line in an e-mail's subject or body), the line and paragraph separators, and the bidi embeddings,
 * overrides and isolates (U+202A-U+202E, U+2066-U+2069), which make text read in another order than
 * it is stored, in e-mails and in the notes to every mission.
 */
const notPlainText = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
export const isPlainLine = (text: string) => !notPlainText.test(text);
export const plainLineMessage = 'must be one line of text, without control or text-direction characters';

/** A name or title (of a person, an organisation, a donor, a meeting, a list, a call): trimmed, one plain line. */
export const NameText = (min: number, max: number) => z.string().trim().min(min).max(max).refine(isPlainLine, plainLineMessage);
