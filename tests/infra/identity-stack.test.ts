import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { federatedRolesAttribute } from '#shared/auth/identity-triggers.ts';
import { staffRoles } from '#shared/auth/tokens.ts';
import { exportedValue, logicalIdOf, nestedStacksOf, referencedId, rendered, resourcesOf, synthRegistry } from './registry-app.ts';

const stacks = synthRegistry();
const { identity, web, api } = stacks;
const template = Template.fromStack(identity);
const [pool] = Object.values(resourcesOf(template, 'AWS::Cognito::UserPool'));
const [client] = Object.values(resourcesOf(template, 'AWS::Cognito::UserPoolClient'));
const poolId = logicalIdOf(identity, identity.userPool);
const consoleUrl = `https://\${${logicalIdOf(web, web.distribution)}.DomainName}/staff/`;
/** A value of the Identity stack with the Web stack's exports it imports filled in. */
const resolved = (value: unknown): string => {
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (!join) return rendered(value);
  return join[1].map((part) => (typeof part === 'string' ? part : JSON.stringify(part).includes('Fn::ImportValue') ? rendered(exportedValue(part, [web])) : rendered(part))).join(join[0]);
};

const federation = {
  name: 'OPGA-Entra',
  issuer: 'https://login.microsoftonline.com/0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9/v2.0',
  clientId: '6a7b8c9d-0e1f-2a3b-4c5d-6e7f8a9b0c1d',
  clientSecretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:staff-entra-client-AbCdEf',
  rolesClaim: 'roles',
  roles: { reviewer: ['Registry.Reviewer'], admin: ['Registry.Admin'] },
};
const federated = synthRegistry({ stage: 'prod', corsOrigins: 'https://registry.example.org', staffFederation: JSON.stringify(federation), staffLoginDomainPrefix: 'opga-registry' });
const federatedTemplate = Template.fromStack(federated.identity);

describe('the staff user pool', () => {
  it('admits only the people an admin adds: no self sign-up, and an invitation naming the console', () => {
    expect(pool!.Properties.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(true);
    expect(resolved(pool!.Properties.AdminCreateUserConfig.InviteMessageTemplate.EmailMessage)).toContain(`Sign in at ${consoleUrl} within three days`);
    expect(resolved(pool!.Properties.AdminCreateUserConfig.InviteMessageTemplate.EmailMessage)).toMatch(/\{username\}.*\{####\}/);
  });

  it('requires MFA with an authenticator app, never SMS', () => {
    expect(pool!.Properties.MfaConfiguration).toBe('ON');
    expect(pool!.Properties.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(pool!.Properties.SmsConfiguration).toBeUndefined();
  });

  it('is on the Plus plan with threat protection enforcing, and keeps a strong password policy', () => {
    expect(pool!.Properties.UserPoolTier).toBe('PLUS');
    expect(pool!.Properties.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'ENFORCED' });
    expect(pool!.Properties.Policies.PasswordPolicy).toMatchObject({ MinimumLength: 14, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true, TemporaryPasswordValidityDays: 3, PasswordHistorySize: 5 });
    expect(pool!.Properties.AccountRecoverySetting.RecoveryMechanisms).toEqual([{ Name: 'verified_email', Priority: 1 }]);
  });

  it('is never deleted with the stack', () => {
    expect(pool!.Properties.DeletionProtection).toBe('ACTIVE');
    expect(Object.values(template.findResources('AWS::Cognito::UserPool'))[0]!.DeletionPolicy).toBe('Retain');
  });

  it('has one group per registry role, named as the API reads them from cognito:groups', () => {
    const groups = Object.values(resourcesOf(template, 'AWS::Cognito::UserPoolGroup'));
    expect(groups.map((group) => group.Properties.GroupName).sort()).toEqual([...staffRoles].sort());
    for (const group of groups) expect(referencedId(group.Properties.UserPoolId)).toBe(poolId);
  });

  it('runs the pre token generation trigger, event version 2 (which can change access tokens)', () => {
    const triggerId = logicalIdOf(identity, identity.preTokenGeneration);
    expect(referencedId(pool!.Properties.LambdaConfig.PreTokenGenerationConfig.LambdaArn)).toBe(triggerId);
    expect(pool!.Properties.LambdaConfig.PreTokenGenerationConfig.LambdaVersion).toBe('V2_0');
    template.hasResourceProperties('AWS::Lambda::Permission', { Action: 'lambda:InvokeFunction', Principal: 'cognito-idp.amazonaws.com' });
    // Without federation there is nothing to map: the trigger gets no mapping
    expect(resourcesOf(template, 'AWS::Lambda::Function')[triggerId]!.Properties.Environment.Variables.STAFF_ROLE_MAPPING).toBeUndefined();
  });
});

describe("the staff console's app client and managed login", () => {
  it('is a public client: authorization code only (PKCE on the console side), no secret, no password flows', () => {
    expect(client!.Properties.GenerateSecret).toBe(false);
    expect(client!.Properties.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect(client!.Properties.AllowedOAuthFlows).toEqual(['code']);
    expect(client!.Properties.AllowedOAuthScopes).toEqual(['openid', 'email', 'profile']);
    expect(client!.Properties.ExplicitAuthFlows).toBeUndefined();
    expect(client!.Properties.SupportedIdentityProviders).toEqual(['COGNITO']);
    expect(client!.Properties.PreventUserExistenceErrors).toBe('ENABLED');
    expect(client!.Properties.EnableTokenRevocation).toBe(true);
  });

  it("comes back to, and signs out to, the site's console page and nowhere else", () => {
    expect(client!.Properties.CallbackURLs.map(resolved)).toEqual([consoleUrl]);
    expect(client!.Properties.LogoutURLs.map(resolved)).toEqual([consoleUrl]);
  });

  it('has short-lived tokens: an hour for access and ID tokens', () => {
    expect(client!.Properties).toMatchObject({ AccessTokenValidity: 60, IdTokenValidity: 60, TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes' } });
  });

  it('signs in on a Cognito domain with the newer managed login, styled for the console client', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'stakeholder-registry-dev', ManagedLoginVersion: 2 });
    const [branding] = Object.values(resourcesOf(template, 'AWS::Cognito::ManagedLoginBranding'));
    expect(branding!.Properties.UseCognitoProvidedValues).toBe(true);
    expect(referencedId(branding!.Properties.ClientId)).toBe(logicalIdOf(identity, identity.client));
  });

  it('outputs the pool, the issuer, the client and the login URL', () => {
    expect(Object.keys(template.findOutputs('*')).sort()).toEqual(expect.arrayContaining(['StaffClientId', 'StaffIssuer', 'StaffLoginUrl', 'StaffUserPoolId']));
    expect(rendered(template.findOutputs('StaffIssuer').StaffIssuer!.Value)).toBe(`\${${poolId}.ProviderURL}`);
  });

  it("gives every API Lambda the pool's issuer and the console's client to verify staff tokens against", () => {
    const functions = nestedStacksOf(api).flatMap((stack) => Object.values(resourcesOf(Template.fromStack(stack), 'AWS::Lambda::Function')));
    const verifying = functions.filter((fn) => 'STAFF_ISSUER' in fn.Properties.Environment.Variables);
    expect(verifying.length).toBeGreaterThan(40);
    for (const fn of verifying) {
      expect(rendered(exportedValue(fn.Properties.Environment.Variables.STAFF_ISSUER, [identity]))).toBe(`\${${poolId}.ProviderURL}`);
      expect(rendered(exportedValue(fn.Properties.Environment.Variables.STAFF_CLIENT_ID, [identity]))).toBe(`\${${logicalIdOf(identity, identity.client)}}`);
    }
  });
});

describe("an organisation's OpenID provider, federated with the staffFederation setting", () => {
  const [provider] = Object.values(resourcesOf(federatedTemplate, 'AWS::Cognito::UserPoolIdentityProvider'));
  const [federatedClient] = Object.values(resourcesOf(federatedTemplate, 'AWS::Cognito::UserPoolClient'));

  it('is an OIDC identity provider with its issuer and client, the secret read from Secrets Manager at deploy time', () => {
    expect(provider!.Properties).toMatchObject({ ProviderName: 'OPGA-Entra', ProviderType: 'OIDC' });
    expect(provider!.Properties.ProviderDetails).toMatchObject({ oidc_issuer: federation.issuer, client_id: federation.clientId, authorize_scopes: 'openid email profile', attributes_request_method: 'GET' });
    // A dynamic reference, never the secret itself
    expect(provider!.Properties.ProviderDetails.client_secret).toBe(`{{resolve:secretsmanager:${federation.clientSecretArn}:SecretString:::}}`);
  });

  it("maps the provider's roles claim into the attribute the trigger reads, with e-mail and name", () => {
    expect(provider!.Properties.AttributeMapping).toEqual({ email: 'email', name: 'name', [federatedRolesAttribute]: 'roles' });
    const [pool] = Object.values(resourcesOf(federatedTemplate, 'AWS::Cognito::UserPool'));
    expect(pool!.Properties.Schema).toContainEqual(expect.objectContaining({ Name: federatedRolesAttribute.replace(/^custom:/, ''), AttributeDataType: 'String', Mutable: true }));
  });

  it('offers it on the login page beside Cognito accounts, and tells the trigger which values make which role', () => {
    const providerId = Object.keys(resourcesOf(federatedTemplate, 'AWS::Cognito::UserPoolIdentityProvider'))[0]!;
    expect(federatedClient!.Properties.SupportedIdentityProviders).toEqual(['COGNITO', { Ref: providerId }]);
    const trigger = resourcesOf(federatedTemplate, 'AWS::Lambda::Function')[logicalIdOf(federated.identity, federated.identity.preTokenGeneration)]!;
    expect(JSON.parse(trigger.Properties.Environment.Variables.STAFF_ROLE_MAPPING)).toEqual(federation.roles);
    federatedTemplate.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'opga-registry' });
  });
});
