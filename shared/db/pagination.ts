import * as z from 'zod';
import { BadRequestError } from '#shared/errors.ts';

/** Cursors are the DynamoDB LastEvaluatedKey, base64url-encoded JSON of string values only. */
const CursorKey = z.record(z.string(), z.string());

/** The paging query of every listing; in shared/schemas.ts, which the web pages import too. */
export { PageQuery } from '#shared/schemas.ts';

export function encodeCursor(lastEvaluatedKey: Record<string, unknown> | undefined): string | null {
  return lastEvaluatedKey ? Buffer.from(JSON.stringify(lastEvaluatedKey)).toString('base64url') : null;
}

export function decodeCursor(cursor: string | undefined): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  try {
    return CursorKey.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new BadRequestError('cursor is not one this API gave out', { fields: [{ field: 'query.cursor', message: 'is malformed' }] });
  }
}
