import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { withEnvironment } from '#shared/config.ts';
import { federatedValues } from '#shared/auth/identity-triggers.ts';
import { handler } from '#functions/identity/pre-token-generation.ts';

const mapping = JSON.stringify({ reviewer: ['Registry.Reviewer'], admin: ['Registry.Admin', '7c1e0b8a-group-id'] });

/** A V2 event as Cognito sends it before issuing tokens (the fields the trigger reads, and the rest as Cognito fills them). */
function tokenEvent(userAttributes: Record<string, string>, groups: string[] = []): PreTokenGenerationV2TriggerEvent {
  return {
    version: '2',
    triggerSource: 'TokenGeneration_HostedAuth',
    region: 'eu-west-1',
    userPoolId: 'eu-west-1_AbCdEfGhI',
    userName: 'opga-entra_8f0c2a',
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'staff-console-client' },
    request: { userAttributes, groupConfiguration: { groupsToOverride: groups, iamRolesToOverride: [], preferredRole: undefined }, scopes: ['openid', 'email', 'profile'] },
    response: { claimsAndScopeOverrideDetails: null },
  } as unknown as PreTokenGenerationV2TriggerEvent;
}

const run = (event: PreTokenGenerationV2TriggerEvent, environment: Record<string, string | undefined> = { STAFF_ROLE_MAPPING: mapping }) =>
  withEnvironment(environment, () => handler(event));

describe("the staff pool's pre token generation trigger", () => {
  it("puts the person's name in the access token and the ID token, which the audit trail records", async () => {
    const { response } = await run(tokenEvent({ sub: 's-1', email: 'amina@example.org', name: 'Amina Diallo' }, ['reviewer']));
    expect(response.claimsAndScopeOverrideDetails?.accessTokenGeneration?.claimsToAddOrOverride).toEqual({ name: 'Amina Diallo' });
    expect(response.claimsAndScopeOverrideDetails?.idTokenGeneration?.claimsToAddOrOverride).toEqual({ name: 'Amina Diallo' });
  });

  it('falls back to the e-mail address, then the user name, for someone without a name', async () => {
    expect((await run(tokenEvent({ email: 'amina@example.org' }))).response.claimsAndScopeOverrideDetails?.accessTokenGeneration?.claimsToAddOrOverride).toEqual({ name: 'amina@example.org' });
    expect((await run(tokenEvent({}))).response.claimsAndScopeOverrideDetails?.accessTokenGeneration?.claimsToAddOrOverride).toEqual({ name: 'opga-entra_8f0c2a' });
  });

  it("leaves a pool member's groups as an admin set them", async () => {
    const { response } = await run(tokenEvent({ name: 'Ada Admin' }, ['admin']));
    expect(response.claimsAndScopeOverrideDetails?.groupOverrideDetails).toBeUndefined();
  });

  it("gives a federated person the roles their provider's app roles map to, beside the pool's groups", async () => {
    const { response } = await run(tokenEvent({ name: 'Jean Dupont', 'custom:idp_roles': '["Registry.Admin","Other.App"]' }, ['reviewer']));
    expect(response.claimsAndScopeOverrideDetails?.groupOverrideDetails?.groupsToOverride?.sort()).toEqual(['admin', 'reviewer']);
  });

  it('gives no role for values the mapping does not name, and none at all without a mapping', async () => {
    expect((await run(tokenEvent({ name: 'Jean Dupont', 'custom:idp_roles': '["Other.App"]' }))).response.claimsAndScopeOverrideDetails?.groupOverrideDetails).toBeUndefined();
    expect((await run(tokenEvent({ name: 'Jean Dupont', 'custom:idp_roles': '["Registry.Admin"]' }), {})).response.claimsAndScopeOverrideDetails?.groupOverrideDetails).toBeUndefined();
  });

  it('refuses a mapping that is not the JSON it expects, naming the setting', async () => {
    await expect(run(tokenEvent({ 'custom:idp_roles': 'Registry.Admin' }), { STAFF_ROLE_MAPPING: '{"admins": ["x"]}' })).rejects.toThrow(/STAFF_ROLE_MAPPING: must be JSON/);
  });
});

describe('federatedValues: a provider claim as Cognito stores it in a string attribute', () => {
  it.each([
    ['["Registry.Admin","Registry.Reviewer"]', ['Registry.Admin', 'Registry.Reviewer']],
    ['[Registry.Admin, Registry.Reviewer]', ['Registry.Admin', 'Registry.Reviewer']],
    ['Registry.Admin,Registry.Reviewer', ['Registry.Admin', 'Registry.Reviewer']],
    ['7c1e0b8a-group-id 0d9f-other', ['7c1e0b8a-group-id', '0d9f-other']],
    ['', []],
    [undefined, []],
  ])('%j → %j', (raw, values) => {
    expect(federatedValues(raw)).toEqual(values);
  });
});
