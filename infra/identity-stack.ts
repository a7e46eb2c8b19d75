import { CfnOutput, Duration, RemovalPolicy, SecretValue, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  FeaturePlan,
  LambdaVersion,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  ProviderAttribute,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  UserPoolDomain,
  UserPoolGroup,
  UserPoolIdentityProviderOidc,
  UserPoolOperation,
  OidcAttributeRequestMethod,
} from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { federatedRolesAttribute, identityTriggers } from '#shared/auth/identity-triggers.ts';
import { staffRoles } from '#shared/auth/tokens.ts';
import { AppFunction, type RegistryEnvironment } from './constructs/app-function.ts';
import type { StaffIdentitySettings } from './settings.ts';

export interface IdentityStackProps extends StackProps {
  settings: StaffIdentitySettings;
  /** The site's URL (infra/web-stack.ts): the console at /staff/ is the one callback and sign-out address. */
  webUrl: string;
  /** For the pre token generation trigger (an AppFunction like every other Lambda). */
  registry: Omit<RegistryEnvironment, 'staffIdentity'>;
}

/** What the group of each registry role is for, in the pool's console. */
const groupDescriptions: Record<(typeof staffRoles)[number], string> = {
  reviewer: 'Day-to-day work: registrations, screening, reviews, speakers, inquiries',
  admin: 'Everything a reviewer does, and what decides where mail, money or votes go',
};

/**
 * Staff identity in AWS: a Cognito user pool that only admins add people to (no self sign-up), MFA
 * required with an authenticator app (TOTP, no SMS), the Plus feature plan with threat protection
 * enforcing, a strong password policy, one group per registry role, managed login on a Cognito
 * domain, and the staff console as a public app client (authorization code with PKCE, no secret,
 * callback and sign-out at the site's /staff/). Optionally an organisation's OpenID provider is
 * federated in, its groups or app roles mapped to ours by the pre token generation trigger.
 * A stack of its own, after the Web stack (callback URLs) and before the API (issuer, client).
 */
export class IdentityStack extends Stack {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly domain: UserPoolDomain;
  /** The pre token generation trigger: the name claim, and federated staff's roles. */
  readonly preTokenGeneration: AppFunction;
  /** What the API verifies and the console signs in with. */
  readonly staffIdentity: { issuer: string; clientId: string; logoutUrl: string };

  constructor(scope: Construct, id: string, props: IdentityStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const consoleUrl = `${props.webUrl}/staff/`;

    this.userPool = new UserPool(this, 'StaffUsers', {
      userPoolName: `stakeholder-registry-staff-${settings.stage}`,
      selfSignUpEnabled: false,
      signInAliases: { email: true, username: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true }, fullname: { required: false, mutable: true } },
      customAttributes: { [federatedRolesAttribute.replace(/^custom:/, '')]: new StringAttribute({ mutable: true, maxLen: 2048 }) },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true },
      passwordPolicy: { minLength: 14, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true, tempPasswordValidity: Duration.days(3), passwordHistorySize: 5 },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      userInvitation: {
        emailSubject: 'Your staff account for the stakeholder registry',
        emailBody: 'An admin has given you a staff account for the stakeholder registry. Your user name is {username} and your temporary password is {####}. Sign in at ' + consoleUrl + ' within three days; you will choose a password and set up an authenticator app.',
      },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    staffRoles.forEach((role, precedence) => {
      new UserPoolGroup(this, `Group-${role}`, { userPool: this.userPool, groupName: role, description: groupDescriptions[role], precedence: staffRoles.length - precedence });
    });

    const trigger = (this.preTokenGeneration = new AppFunction(this, 'PreTokenGeneration', {
      handler: identityTriggers.preTokenGeneration.handler,
      registry: { ...props.registry, staffIdentity: { issuer: '', clientId: '' }, ...(settings.federation ? { staffRoleMapping: settings.federation.roles } : {}) },
      description: identityTriggers.preTokenGeneration.description,
      memorySize: 256,
      timeout: Duration.seconds(5),
    }));
    this.userPool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, trigger, LambdaVersion.V2_0);

    const providers = [UserPoolClientIdentityProvider.COGNITO];
    let federated: UserPoolIdentityProviderOidc | undefined;
    if (settings.federation) {
      const { federation } = settings;
      federated = new UserPoolIdentityProviderOidc(this, 'Federation', {
        userPool: this.userPool,
        name: federation.name,
        issuerUrl: federation.issuer,
        clientId: federation.clientId,
        // A dynamic reference: CloudFormation reads the secret at deploy time; the template holds only its ARN.
        clientSecret: SecretValue.secretsManager(federation.clientSecretArn).unsafeUnwrap(),
        scopes: ['openid', 'email', 'profile'],
        attributeRequestMethod: OidcAttributeRequestMethod.GET,
        attributeMapping: {
          email: ProviderAttribute.other('email'),
          fullname: ProviderAttribute.other('name'),
          custom: { [federatedRolesAttribute]: ProviderAttribute.other(federation.rolesClaim) },
        },
      });
      providers.push(UserPoolClientIdentityProvider.custom(federated.providerName));
    }

    this.client = this.userPool.addClient('StaffConsole', {
      userPoolClientName: 'staff-console',
      generateSecret: false,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [consoleUrl],
        logoutUrls: [consoleUrl],
      },
      supportedIdentityProviders: providers,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });
    if (federated) this.client.node.addDependency(federated);

    this.domain = this.userPool.addDomain('Login', {
      cognitoDomain: { domainPrefix: settings.loginDomainPrefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    // Managed login shows a page only for a client with a style: Cognito's own.
    new CfnManagedLoginBranding(this, 'LoginBranding', { userPoolId: this.userPool.userPoolId, clientId: this.client.userPoolClientId, useCognitoProvidedValues: true });

    this.staffIdentity = { issuer: this.userPool.userPoolProviderUrl, clientId: this.client.userPoolClientId, logoutUrl: `${this.domain.baseUrl()}/logout` };

    new CfnOutput(this, 'StaffUserPoolId', { value: this.userPool.userPoolId, description: 'The staff user pool: add staff with aws cognito-idp admin-create-user, then admin-add-user-to-group (README, Staff accounts)' });
    new CfnOutput(this, 'StaffIssuer', { value: this.staffIdentity.issuer, description: 'STAFF_ISSUER: the issuer of staff access tokens' });
    new CfnOutput(this, 'StaffClientId', { value: this.staffIdentity.clientId, description: 'STAFF_CLIENT_ID: the staff console’s app client' });
    new CfnOutput(this, 'StaffLoginUrl', { value: this.domain.baseUrl(), description: 'Managed login (Cognito domain)' });
  }
}
