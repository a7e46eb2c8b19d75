import {
  IdempotencyAlreadyInProgressError,
  IdempotencyValidationError,
} from '@aws-lambda-powertools/idempotency';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { z } from 'zod';
import { AppError, type FieldProblem } from '#shared/errors.ts';

export interface ErrorBody {
  message: string;
  code: string;
  fields?: FieldProblem[];
  requestId: string;
}

/** Turns zod issues into named fields: `body.dates.end`, `query.limit`, `params.meetingId`. */
export function fieldProblems(location: 'params' | 'query' | 'body', issues: readonly z.core.$ZodIssue[]): FieldProblem[] {
  return issues.flatMap((issue) => {
    const base = [location, ...issue.path.map(String)].join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: `${base}.${key}`, message: 'is not a field of this request' }));
    }
    if (issue.code === 'invalid_type' && issue.input === undefined) return [{ field: base, message: 'is required' }];
    return [{ field: base, message: issue.message }];
  });
}

/** Maps any error to a response: AppErrors say what is wrong; anything else is a 500 without details. */
export function errorResponse(error: unknown, requestId: string): { response: APIGatewayProxyStructuredResultV2; fault: boolean } {
  const [statusCode, body, headers, fault] = classify(error, requestId);
  return {
    response: { statusCode, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) },
    fault,
  };
}

function classify(error: unknown, requestId: string): [number, ErrorBody, Record<string, string>, boolean] {
  if (error instanceof AppError) {
    const body: ErrorBody = { message: error.message, code: error.code, requestId };
    if (error.fields) body.fields = error.fields;
    return [error.statusCode, body, error.headers ?? {}, false];
  }
  if (error instanceof IdempotencyValidationError) {
    return [422, { message: 'This Idempotency-Key was already used with a different request body', code: 'IDEMPOTENCY_KEY_REUSED', requestId }, {}, false];
  }
  if (error instanceof IdempotencyAlreadyInProgressError) {
    return [409, { message: 'A request with this Idempotency-Key is still being processed; retry shortly', code: 'IDEMPOTENCY_IN_PROGRESS', requestId }, { 'retry-after': '1' }, false];
  }
  return [500, { message: 'Internal error: the request could not be completed. Quote the requestId if you report it.', code: 'INTERNAL', requestId }, {}, true];
}
