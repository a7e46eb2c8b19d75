import * as z from 'zod';
import { BadRequestError } from '#shared/errors.ts';

/** Cursors are the DynamoDB LastEvaluatedKey, base64url-encoded JSON of string values only. */
const CursorKey = z.record(z.string(), z.string());

/** The paging query of every listing; in shared/schemas.ts, which the web pages import too. */
export { PageQuery } from '#shared/schemas.ts';

/**
 * What a listing's cursor must be, for DynamoDB to take it as ExclusiveStartKey: exactly the key
 * attributes of the table and of the index queried, each a non-empty string within DynamoDB's key
 * sizes, in the listing's partition, and within its key condition's sort-key prefix if it has one.
 */
export interface CursorShape {
  partitionKeys: readonly string[];
  sortKeys: readonly string[];
  /** The listing's partition: these attributes hold exactly these values. */
  partition: Record<string, string>;
  /** A key condition's begins_with: these attributes start with these values. */
  sortKeyPrefix?: Record<string, string> | undefined;
}

/** DynamoDB's limits on a key attribute's value, in bytes. */
const maxBytes = { partition: 2048, sort: 1024 } as const;

export function encodeCursor(lastEvaluatedKey: Record<string, unknown> | undefined): string | null {
  return lastEvaluatedKey ? Buffer.from(JSON.stringify(lastEvaluatedKey)).toString('base64url') : null;
}

/** A cursor that is not one the listing gave out: 400 naming query.cursor, before DynamoDB sees it. */
export function cursorRefused(why: string): BadRequestError {
  return new BadRequestError(`The cursor is not one this listing gave out (${why}): pass back the nextCursor of the previous page, or leave it out to start again`, {
    fields: [{ field: 'query.cursor', message: `is not a cursor of this listing: ${why}` }],
  });
}

export function decodeCursor(cursor: string | undefined, shape: CursorShape): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  let key: Record<string, string>;
  try {
    key = CursorKey.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw cursorRefused('it is malformed');
  }
  const names = [...shape.partitionKeys, ...shape.sortKeys];
  if (Object.keys(key).length !== names.length || !names.every((name) => Object.hasOwn(key, name))) throw cursorRefused('it does not hold the keys this listing reads by');
  for (const [name, value] of Object.entries(key)) {
    const limit = shape.partitionKeys.includes(name) ? maxBytes.partition : maxBytes.sort;
    if (value === '' || Buffer.byteLength(value, 'utf8') > limit) throw cursorRefused('a key in it is empty or too long');
  }
  if (Object.entries(shape.partition).some(([name, value]) => key[name] !== value)) throw cursorRefused('it belongs to another listing');
  if (Object.entries(shape.sortKeyPrefix ?? {}).some(([name, prefix]) => !key[name]?.startsWith(prefix))) throw cursorRefused('it belongs to another listing');
  return key;
}

/** DynamoDB's own refusal of an ExclusiveStartKey, should a cursor pass the checks above and still not fit. */
export const isStartKeyRefusal = (error: unknown): boolean =>
  error instanceof Error && error.name === 'ValidationException' && /starting key|exclusive ?start ?key/i.test(error.message);
