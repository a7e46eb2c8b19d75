import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { staffRoles, type StaffRole } from '#shared/auth/tokens.ts';
import { routeList } from '#shared/http/routes.ts';
import type { RouteSpec } from '#shared/http/route-spec.ts';
import { context, httpEvent, json } from '../helpers/lambda.ts';
import { tokens } from '../helpers/tokens.ts';

// What each route answers is not the point here, only whether the role gets past the door: every
// read finds nothing, so an allowed call ends in 400, 404, 409 or the like, never 401 or 403.
const documentClient = mockClient(DynamoDBDocumentClient);
const dynamo = mockClient(DynamoDBClient);
beforeEach(() => {
  documentClient.reset();
  dynamo.reset();
  documentClient.on(GetCommand).resolves({});
  documentClient.on(QueryCommand).resolves({ Items: [] });
});

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
const isStaffRole = (access: string): access is StaffRole => (staffRoles as readonly string[]).includes(access);
const staffRoutes = (routeList as readonly RouteSpec[]).flatMap((route) => (isStaffRole(route.access) ? [{ ...route, access: route.access }] : []));
const rank = (role: StaffRole) => staffRoles.indexOf(role);

async function call(route: RouteSpec, headers: Record<string, string>): Promise<APIGatewayProxyStructuredResultV2> {
  const module = (await import(new URL(`../../functions/${route.handler}.ts`, import.meta.url).href)) as { handler: Handler };
  const pathParameters = Object.fromEntries([...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name as string, 'x']));
  const path = route.path.replace(/\{\w+\}/g, 'x');
  const body = route.body ? (route.bodyType === 'csv' ? 'name,country\n' : {}) : undefined;
  const contentType: Record<string, string> = route.body ? { 'content-type': route.bodyType === 'csv' ? 'text/csv' : 'application/json' } : {};
  const event = httpEvent({ method: route.method, path, routeKey: `${route.method} ${route.path}`, pathParameters, headers: { ...contentType, ...headers }, ...(body === undefined ? {} : { body }) });
  return module.handler(event, context());
}

describe('the role matrix, route by route', { timeout: 120_000 }, () => {
  it('holds every staff route to a role, and gives the admin routes those that redirect mail, money or votes', () => {
    const admin = staffRoutes.filter((route) => route.access === 'admin').map((route) => route.operationId);
    expect(staffRoutes.length).toBeGreaterThan(40);
    // The list: mission addresses, the trust fund's details, suppressions, stage deadlines,
    // opening and deciding calls, circulating and extending lists, meeting settings.
    expect(admin).toEqual(
      expect.arrayContaining(['putMemberStateContacts', 'putTrustFund', 'putSuppression', 'deleteSuppression', 'putAccreditationStage', 'createCommitteeCall', 'decideCommitteeCall', 'circulateList', 'extendCirculationDeadline', 'createMeeting', 'updateMeeting']),
    );
    // And the day-to-day work stays with reviewers.
    for (const operationId of ['decideRegistrations', 'screenApplications', 'reviewCommitteeCandidate', 'shortlistSpeaker', 'publishSpeakers', 'changeInquiry', 'listNotifications']) {
      expect(staffRoutes.find((route) => route.operationId === operationId)?.access, operationId).toBe('reviewer');
    }
  });

  for (const route of staffRoutes) {
    for (const role of staffRoles) {
      const allowed = rank(role) >= rank(route.access);
      it(`${route.method} ${route.path} (${route.access}): ${role} ${allowed ? 'gets past the door' : 'gets 403 saying an admin must do it'}`, async () => {
        const result = await call(route, { authorization: `Bearer ${tokens.valid({ role })}` });
        if (allowed) {
          expect([401, 403], JSON.stringify(result.body)).not.toContain(result.statusCode);
        } else {
          expect(result.statusCode).toBe(403);
          const message = (json(result) as { message: string }).message;
          expect(message).toContain('an admin');
          expect(message).toContain('you are signed in as a reviewer');
        }
      });
    }

    it(`${route.method} ${route.path}: no token gets 401 with WWW-Authenticate`, async () => {
      const result = await call(route, {});
      expect(result.statusCode).toBe(401);
      expect(Object.entries(result.headers ?? {}).find(([name]) => name.toLowerCase() === 'www-authenticate')?.[1]).toMatch(/^Bearer /);
    });
  }
});

/** The README's table of roles, as the route table says it: the README must hold it verbatim. */
function roleTable(): string {
  const rows = staffRoutes.map((route) => `| ${route.access === 'admin' ? '**admin**' : 'reviewer'} | \`${route.method} ${route.path}\` | ${route.summary} |`);
  return ['| role | route | what it does |', '|---|---|---|', ...rows].join('\n');
}

describe('the README', () => {
  it('shows the role of every staff route, as the route table has it', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(roleTable());
  });
});
