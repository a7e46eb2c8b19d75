import { Duration, Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';
import type { SettingName } from '#shared/config.ts';
import { handlerEntry, lambdaBundling, repoRoot } from '../bundling.ts';
import { functionEnvironment, needsOf, type FunctionNeeds } from '../function-needs.ts';
import type { EmailSettings } from '../settings.ts';

/** What the functions are deployed with: the resources they may be granted, and the values of the settings they may be given. */
export interface RegistryEnvironment {
  table: ITableV2;
  authSecret: ISecret;
  authIssuer: string;
  /** The staff user pool as the API verifies its tokens (infra/identity-stack.ts). */
  staffIdentity: { issuer: string; clientId: string };
  /** Federated staff's roles (infra/settings.ts StaffFederation), for the pool's trigger. */
  staffRoleMapping?: { reviewer: string[]; admin: string[] };
  /** The site's origin first (infra/web-stack.ts), then any further origins from settings. */
  corsOrigins: string[];
  /** Where the web pages are: links in e-mails point here (PUBLIC_WEB_URL). */
  webUrl: string;
  email: RegistryEmail;
  /** What each handler's bundled code uses (infra/function-needs.ts): each function is granted and told that, no more. */
  needs: ReadonlyMap<string, FunctionNeeds>;
}

/** The e-mail settings, and the SES configuration set that every message is sent with (infra/email-stack.ts). */
export interface RegistryEmail extends EmailSettings {
  configurationSetName: string;
}

/**
 * The value this deployment gives each setting of shared/config.ts; a function gets those its code
 * reads (environmentFor). Settings left out keep the default of shared/config.ts; AWS_REGION is set
 * by Lambda itself, and AUTH_SECRET, DYNAMODB_ENDPOINT and SES_ENDPOINT are local only.
 */
export function deploymentSettings(registry: RegistryEnvironment): Partial<Record<SettingName, string>> {
  const { email } = registry;
  return {
    TABLE_NAME: registry.table.tableName,
    AUTH_SECRET_ARN: registry.authSecret.secretArn,
    AUTH_ISSUER: registry.authIssuer,
    STAFF_ISSUER: registry.staffIdentity.issuer,
    STAFF_CLIENT_ID: registry.staffIdentity.clientId,
    ...(registry.staffRoleMapping ? { STAFF_ROLE_MAPPING: JSON.stringify(registry.staffRoleMapping) } : {}),
    CORS_ORIGINS: registry.corsOrigins.join(','),
    PUBLIC_WEB_URL: registry.webUrl,
    POWERTOOLS_SERVICE_NAME: serviceName,
    SENDER_EMAIL: email.sender,
    STAFF_ALERT_EMAIL: email.staffAlert,
    ...(email.replyTo !== undefined ? { REPLY_TO_EMAIL: email.replyTo } : {}),
    EMAIL_FOOTER: email.footer,
    SES_MAX_SEND_RATE: String(email.maxSendRate),
    SES_CONFIGURATION_SET: email.configurationSetName,
  };
}

export interface AppFunctionProps {
  /** Module under functions/, from the route or schedule table: functions/<handler>.ts exports `handler`. */
  handler: `${string}/${string}`;
  registry: RegistryEnvironment;
  description: string;
  /** API functions answer within API Gateway's 30 s limit; jobs pass their own. */
  timeout?: Duration;
  memorySize?: number;
  /** Where Lambda puts an asynchronous event that still fails after its retries. */
  deadLetterQueue?: IQueue;
}

export const serviceName = 'stakeholder-registry';
export const lambdaRuntime = Runtime.NODEJS_22_X;

/**
 * Every Lambda of the system, with its defaults fixed here once: Node.js 22 on arm64, an ESM bundle
 * (infra/bundling.ts), its own log group with retention, and a role and environment that hold only
 * what its bundled code uses (infra/function-needs.ts): the table actions and indexes its modules
 * declare, the signing secret, SES, and the settings they read.
 */
export class AppFunction extends NodejsFunction {
  /** What its bundled code uses, and so what it is granted and told. */
  readonly needs: FunctionNeeds;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.ONE_MONTH });
    // Our own role, not AWSLambdaBasicExecutionRole: it may write to this log group and nowhere else.
    const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com'), description: `Runs ${props.handler}` });
    const { registry } = props;
    const needs = needsOf(registry.needs, props.handler);
    super(scope, id, {
      entry: handlerEntry(props.handler),
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: `${repoRoot}/package-lock.json`,
      description: props.description,
      runtime: lambdaRuntime,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      logGroup,
      role,
      ...(props.deadLetterQueue ? { deadLetterQueue: props.deadLetterQueue } : {}),
      environment: functionEnvironment(needs, deploymentSettings(registry)),
      bundling: {
        format: OutputFormat.ESM,
        target: lambdaBundling.target,
        minify: lambdaBundling.minify,
        sourceMap: lambdaBundling.sourcemap,
        sourcesContent: lambdaBundling.sourcesContent,
        mainFields: [...lambdaBundling.mainFields],
        banner: lambdaBundling.banner,
        externalModules: [...lambdaBundling.external],
        bundleAwsSDK: true,
      },
    });
    logGroup.grantWrite(role);
    this.needs = needs;
    this.grantNeeds(needs, registry);
    NagSuppressions.addResourceSuppressions(this, [
      {
        id: 'AwsSolutions-L1',
        reason:
          'Node.js 22 is the runtime the handlers are bundled for (target node22) and tested on; it is a supported Lambda ' +
          'runtime in LTS until April 2027. Moving to a newer runtime is a deliberate, tested change of infra/bundling.ts and this construct.',
      },
    ]);
  }

  /**
   * The table actions on the table, Query on the indexes queried (never index/*), GetSecretValue on
   * the signing secret, SES: each only if an included module declares it.
   */
  private grantNeeds(needs: FunctionNeeds, registry: RegistryEnvironment): void {
    const { tableArn } = registry.table;
    if (needs.table.length > 0) Grant.addToPrincipal({ grantee: this, actions: needs.table.map((action) => `dynamodb:${action}`), resourceArns: [tableArn] });
    if (needs.indexes.length > 0) Grant.addToPrincipal({ grantee: this, actions: ['dynamodb:Query'], resourceArns: needs.indexes.map((index) => `${tableArn}/index/${index}`) });
    // GetSecretValue only: Powertools' getSecret never describes the secret. The secret uses the AWS managed key, so no kms:Decrypt.
    if (needs.signingSecret) Grant.addToPrincipal({ grantee: this, actions: ['secretsmanager:GetSecretValue'], resourceArns: [registry.authSecret.secretArn] });
    if (needs.sendEmail) this.grantEmailSending(registry.email);
  }

  /**
   * Send through SES as the sender identity with the configuration set, and nothing else. SES v2
   * SendEmail checks both ARNs; with Raw content it is authorised as ses:SendRawEmail too, so both actions.
   */
  private grantEmailSending(email: RegistryEmail): Grant {
    const stack = Stack.of(this);
    return Grant.addToPrincipal({
      grantee: this,
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resourceArns: [
        stack.formatArn({ service: 'ses', resource: 'identity', resourceName: email.identity }),
        stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: email.configurationSetName }),
      ],
    });
  }
}
