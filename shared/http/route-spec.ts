import type { z } from 'zod';
import { audiences } from '#shared/auth/audiences.ts';
import type { StaffRole } from '#shared/auth/tokens.ts';

/**
 * Who may call a route: anyone; a staff bearer token with at least this role; or the holder of a
 * status link, a token for one thing only, named by a path parameter (see scopedAccess).
 */
export type Access = 'public' | StaffRole | 'registrant' | 'applicant' | 'memberState' | 'member' | 'candidate' | 'donor';

/**
 * The token-scoped kinds of access: which audience the token must have, and which path parameter it
 * must name. A ballot link also names its holder (the Member State), and its expiry is judged by the
 * use case against the list's deadline (409 with the deadline once closed; 401 while open).
 */
export const scopedAccess = {
  registrant: { audience: audiences.registration, param: 'registrationId', link: "this registration's status link", holder: false },
  applicant: { audience: audiences.accreditation, param: 'applicationId', link: "this application's status link", holder: false },
  memberState: { audience: audiences.ballot, param: 'circulationId', link: "this Member State's ballot link for the list", holder: true },
  member: { audience: audiences.member, param: 'memberId', link: "this steering-committee member's page link", holder: false },
  candidate: { audience: audiences.candidate, param: 'candidateId', link: "this steering-committee application's status link", holder: false },
  donor: { audience: audiences.donor, param: 'inquiryId', link: "this inquiry's status link", holder: false },
} as const;
export type ScopedAccess = keyof typeof scopedAccess;
export const isScoped = (access: Access): access is ScopedAccess => access in scopedAccess;
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteSpec<
  Params extends z.ZodType = z.ZodType,
  Query extends z.ZodType = z.ZodType,
  Body extends z.ZodType = z.ZodType,
  Response extends z.ZodType = z.ZodType,
  A extends Access = Access,
> {
  operationId: string;
  method: HttpMethod;
  /** API Gateway syntax: /meetings/{meetingId} */
  path: `/${string}`;
  /** Module under functions/, without extension: functions/<handler>.ts exports `handler`. */
  handler: `${string}/${string}`;
  access: A;
  summary: string;
  description?: string;
  tags: string[];
  params?: Params;
  query?: Query;
  body?: Body;
  /** How the body arrives: JSON (the default), or CSV text for list imports, validated as a string. */
  bodyType?: 'json' | 'csv';
  response: { status: 200 | 201 | 204; description: string; schema?: Response };
  /** Error statuses this route can answer besides 400/500, for the OpenAPI document. */
  errors?: readonly (401 | 403 | 404 | 409 | 413 | 415 | 422 | 429)[];
}

export const defineRoute = <P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType, A extends Access>(
  spec: RouteSpec<P, Q, B, R, A>,
): RouteSpec<P, Q, B, R, A> => spec;

/** A route's concrete path, e.g. for a Location header: pathFor(routes.getMeeting, { meetingId: 'its-1' }). */
export function pathFor(route: Pick<RouteSpec, 'path'>, params: Record<string, string>): string {
  return route.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`pathFor(${route.path}) needs '${name}'`);
    return encodeURIComponent(value);
  });
}
