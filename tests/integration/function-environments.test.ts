import { afterEach, describe, expect, inject, it } from 'vitest';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { routes } from '#shared/http/routes.ts';
import { invokeHandler, useFunctionEnvironments } from '#local/handlers.ts';
import { localFunctionEnvironments } from '#local/runtime.ts';
import { functionNeeds, type FunctionNeeds } from '../../infra/function-needs.ts';
import { context, httpEvent, json } from '../helpers/lambda.ts';
import { staffToken } from '../helpers/integration.ts';

const needs = await functionNeeds();
const route = routes.listMemberStates;
const listMemberStates = () =>
  invokeHandler<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>(
    route.handler,
    httpEvent({ method: 'GET', path: route.path, routeKey: `GET ${route.path}`, headers: { authorization: `Bearer ${staffToken()}` } }),
    context(),
  );

/** The needs of every function, with `handler`'s changed: as if its bundle lost a module. */
function withChanged(handler: string, change: (real: FunctionNeeds) => FunctionNeeds) {
  const changed = new Map(needs);
  changed.set(handler, change(needs.get(handler)!));
  return changed;
}

describe('the local runtime runs each handler with its own function’s environment (local/handlers.ts)', () => {
  afterEach(() => useFunctionEnvironments(undefined));

  it('gives each handler the settings its code reads and no others', () => {
    const environmentOf = localFunctionEnvironments(needs);
    // The OpenAPI document reads neither the table nor the secret: it is not given them, though this process has both.
    const openapi = Object.keys(environmentOf('system/get-openapi'));
    expect(openapi.filter((name) => !['AWS_REGION', 'CORS_ORIGINS', 'MAX_BODY_BYTES', 'NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME'].includes(name))).toEqual([]);
    expect(openapi).toEqual(expect.arrayContaining(['AWS_REGION', 'NODE_OPTIONS']));
    expect(environmentOf('registrations/register')).toMatchObject({ TABLE_NAME: process.env.TABLE_NAME, DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT, AUTH_SECRET: process.env.AUTH_SECRET });
    expect(environmentOf('notifications/dispatch-notifications')).toMatchObject({ SES_ENDPOINT: process.env.SES_ENDPOINT });
    expect(environmentOf('registrations/register')).not.toHaveProperty('SES_ENDPOINT');
  });

  it('answers a staff route with its own environment, and fails it, as AWS would, when that environment does not name the staff provider', async () => {
    // Act: without the provider first, so that nothing cached from a good run could hide the missing variable
    useFunctionEnvironments(localFunctionEnvironments(withChanged(route.handler, (real) => ({ ...real, env: real.env.filter((name) => !name.startsWith('STAFF_ISSUER')) }))));
    const without = await listMemberStates();
    useFunctionEnvironments(localFunctionEnvironments(needs));
    const withProvider = await listMemberStates();
    // Assess: the process itself has STAFF_ISSUER all along; only the function's environment differs
    expect(process.env.STAFF_ISSUER ?? inject('staffIssuer')).toBeTruthy();
    expect(without.statusCode).toBe(500);
    expect(json(without).code).toBe('INTERNAL');
    expect(withProvider.statusCode).toBe(200);
  });

  it('fails before running a handler whose code reads a required setting this machine does not set', () => {
    const environmentOf = localFunctionEnvironments(needs, { ...process.env, TABLE_NAME: undefined });
    expect(() => environmentOf('registrations/register')).toThrow('functions/registrations/register.ts reads TABLE_NAME, which this deployment does not set');
  });
});
