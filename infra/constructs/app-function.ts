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
import { tableDefinition } from '#shared/db/table.ts';
import { handlerEntry, lambdaBundling, repoRoot } from '../bundling.ts';
import type { EmailSettings } from '../settings.ts';

/** What every function is told about its deployment (read by shared/config.ts). */
export interface RegistryEnvironment {
  table: ITableV2;
  authSecret: ISecret;
  authIssuer: string;
  /** The site's origin first (infra/web-stack.ts), then any further origins from settings. */
  corsOrigins: string[];
  /** Where the web pages are: links in e-mails point here (PUBLIC_WEB_URL). */
  webUrl: string;
  stage: string;
  email: RegistryEmail;
}

/** The e-mail settings, and the SES configuration set that every message is sent with (infra/email-stack.ts). */
export interface RegistryEmail extends EmailSettings {
  configurationSetName: string;
}

/** What every function is told about e-mail: the variables of shared/config.ts's "E-mail" block. */
export function emailEnvironment(email: RegistryEmail): Record<string, string> {
  return {
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

export type TableAccess = 'read' | 'readWrite';

// No Scan: every access pattern is a GetItem, a Query or a transaction (DESIGN.md); DescribeTable is the health check.
const readActions = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'];
// TransactWriteItems has no IAM action of its own: it is authorised item by item with these.
const writeActions = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

export const serviceName = 'stakeholder-registry';
export const lambdaRuntime = Runtime.NODEJS_22_X;

/**
 * Every Lambda of the system, with its defaults fixed here once: Node.js 22 on arm64, an ESM bundle
 * (infra/bundling.ts), its own log group with retention, and a role that holds only what bind*() grants.
 */
export class AppFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.ONE_MONTH });
    // Our own role, not AWSLambdaBasicExecutionRole: it may write to this log group and nowhere else.
    const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com'), description: `Runs ${props.handler}` });
    const { registry } = props;
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
      environment: {
        TABLE_NAME: registry.table.tableName,
        // Every function gets the ARN (shared/config.ts requires it); only bindSecret() lets one read the secret.
        AUTH_SECRET_ARN: registry.authSecret.secretArn,
        AUTH_ISSUER: registry.authIssuer,
        CORS_ORIGINS: registry.corsOrigins.join(','),
        PUBLIC_WEB_URL: registry.webUrl,
        STAGE: registry.stage,
        POWERTOOLS_SERVICE_NAME: serviceName,
        NODE_OPTIONS: '--enable-source-maps',
        ...emailEnvironment(registry.email),
      },
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
    NagSuppressions.addResourceSuppressions(this, [
      {
        id: 'AwsSolutions-L1',
        reason:
          'Node.js 22 is the runtime the handlers are bundled for (target node22) and tested on; it is a supported Lambda ' +
          'runtime in LTS until April 2027. Moving to a newer runtime is a deliberate, tested change of infra/bundling.ts and this construct.',
      },
    ]);
  }

  /** GetItem/Query (and writes for 'readWrite') on the table and its named indexes, nothing wider. */
  bindTable(table: ITableV2, access: TableAccess): Grant {
    const indexArns = tableDefinition.globalSecondaryIndexes.map((index) => `${table.tableArn}/index/${index.indexName}`);
    return Grant.addToPrincipal({
      grantee: this,
      actions: access === 'read' ? readActions : [...readActions, ...writeActions],
      resourceArns: [table.tableArn, ...indexArns],
    });
  }

  /**
   * Send through SES as the sender identity with the configuration set, and nothing else. SES v2
   * SendEmail checks both ARNs; with Raw content it is authorised as ses:SendRawEmail too, so both actions.
   */
  bindEmailSending(email: RegistryEmail): Grant {
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

  /** Read the auth signing secret (shared/auth/secret.ts fetches it on first use). */
  bindSecret(secret: ISecret): Grant {
    return secret.grantRead(this);
  }
}
