import { Template } from 'aws-cdk-lib/assertions';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { config, resetConfig } from '#shared/config.ts';
import { routeList } from '#shared/http/routes.ts';
import { scheduleList } from '#shared/jobs/schedules.ts';
import { subscriptionList } from '#shared/jobs/subscriptions.ts';
import { lambdaRuntime } from '../../infra/constructs/app-function.ts';
import { lambdaNodeTarget } from '../../infra/bundling.ts';
import { actionsOf, exportedValue, nestedStacksOf, referencedId, resourcesOf, statementsOfRole, synthRegistry } from './registry-app.ts';

const { api, jobs, email, settings } = synthRegistry();
// The API's Lambdas are in its nested stacks, one template per route-table area.
const templates = [
  ...[api, ...nestedStacksOf(api)].map((stack) => ({ stack: 'api', template: Template.fromStack(stack) })),
  { stack: 'jobs', template: Template.fromStack(jobs) },
];
const everyFunction = templates.flatMap(({ stack, template }) =>
  Object.entries(resourcesOf(template, 'AWS::Lambda::Function')).map(([id, fn]) => ({ stack, template, id, fn })),
);
const functionsOf = (stack: typeof api) => nestedStacksOf(stack).flatMap((nested) => Object.values(resourcesOf(Template.fromStack(nested), 'AWS::Lambda::Function')));

describe('AppFunction: the defaults of every Lambda', () => {
  it('makes one Lambda per route, per schedule and per subscription, and no others (no log-retention helper functions)', () => {
    expect(everyFunction).toHaveLength(routeList.length + scheduleList.length + subscriptionList.length);
  });

  it('runs Node.js 22 on arm64, matching the esbuild target', () => {
    expect(lambdaRuntime.name).toBe('nodejs22.x');
    expect(lambdaNodeTarget).toBe(lambdaRuntime.name.replace(/^nodejs(\d+)\.x$/, 'node$1'));
    for (const { fn } of everyFunction) {
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.Handler).toBe('index.handler');
      expect(fn.Properties.MemorySize).toBe(512);
    }
  });

  it('answers API requests and events within 10 s; scheduled jobs get longer', () => {
    const scheduled = new Set([...jobs.functions.values()].map((fn) => jobs.getLogicalId(fn.node.defaultChild as Parameters<typeof jobs.getLogicalId>[0])));
    for (const { id, fn } of everyFunction) {
      if (scheduled.has(id)) expect(fn.Properties.Timeout).toBeGreaterThan(10);
      else expect(fn.Properties.Timeout).toBe(10);
    }
  });

  it('logs to its own log group, with retention, that its role may write to', () => {
    const logGroupIds = everyFunction.map(({ fn }) => referencedId(fn.Properties.LoggingConfig.LogGroup));
    expect(new Set(logGroupIds).size).toBe(everyFunction.length);
    for (const { template, fn } of everyFunction) {
      const logGroupId = referencedId(fn.Properties.LoggingConfig.LogGroup);
      expect(resourcesOf(template, 'AWS::Logs::LogGroup')[logGroupId]?.Properties.RetentionInDays).toBeGreaterThan(0);
      const statements = statementsOfRole(template, referencedId(fn.Properties.Role));
      expect(statements).toContainEqual({ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] } });
    }
  });

  it('uses no managed policies and no wildcard actions', () => {
    for (const { template } of templates) {
      for (const role of Object.values(resourcesOf(template, 'AWS::IAM::Role'))) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
    for (const { template, fn } of everyFunction) {
      expect(actionsOf(statementsOfRole(template, referencedId(fn.Properties.Role))).filter((action) => action.includes('*'))).toEqual([]);
    }
  });

  it('lets only the functions of jobs marked sendsEmail use SES', () => {
    const senders = new Set(scheduleList.filter((job) => job.sendsEmail === true).map((job) => jobs.getLogicalId(jobs.functions.get(job.name)!.node.defaultChild as Parameters<typeof jobs.getLogicalId>[0])));
    for (const { stack, template, id, fn } of everyFunction) {
      const sesActions = actionsOf(statementsOfRole(template, referencedId(fn.Properties.Role))).filter((action) => action.startsWith('ses:'));
      expect(sesActions.length > 0, `${stack} ${id}`).toBe(stack === 'jobs' && senders.has(id));
    }
  });

  it('grants the table and its named indexes only, never index/*', () => {
    for (const { template, fn } of everyFunction) {
      const tableStatements = statementsOfRole(template, referencedId(fn.Properties.Role)).filter((statement) =>
        actionsOf([statement]).some((action) => action.startsWith('dynamodb:')),
      );
      expect(JSON.stringify(tableStatements)).not.toContain('/index/*');
    }
  });

  it('tells every function its table, secret, issuer, origins, site URL, stage, service name and e-mail settings', () => {
    for (const { fn } of everyFunction) {
      expect(Object.keys(fn.Properties.Environment.Variables).sort()).toEqual(
        [
          ...['AUTH_ISSUER', 'AUTH_SECRET_ARN', 'CORS_ORIGINS', 'NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME', 'PUBLIC_WEB_URL', 'STAGE', 'TABLE_NAME'],
          ...['SENDER_EMAIL', 'STAFF_ALERT_EMAIL', 'EMAIL_FOOTER', 'SES_MAX_SEND_RATE', 'SES_CONFIGURATION_SET'],
        ].sort(),
      );
      expect(fn.Properties.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
      expect(fn.Properties.Environment.Variables.STAGE).toBe('dev');
    }
  });
});

describe('AppFunction: the e-mail environment of every Lambda', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    resetConfig();
  });

  it('names the sender, staff alert address, footer, rate and the configuration set of the e-mail stack', () => {
    const [configurationSetId] = Object.keys(resourcesOf(Template.fromStack(email), 'AWS::SES::ConfigurationSet'));
    for (const { id, fn } of everyFunction) {
      const variables = fn.Properties.Environment.Variables;
      expect(variables.SENDER_EMAIL, id).toBe(settings.email.sender);
      expect(variables.STAFF_ALERT_EMAIL, id).toBe(settings.email.staffAlert);
      expect(variables.EMAIL_FOOTER, id).toBe(settings.email.footer);
      expect(variables.SES_MAX_SEND_RATE, id).toBe(String(settings.email.maxSendRate));
      expect(exportedValue(variables.SES_CONFIGURATION_SET, [email]), id).toEqual({ Ref: configurationSetId });
    }
  });

  it('passes on the reply-to address only when there is one', () => {
    // Act
    const { api: withReplyTo } = synthRegistry({ replyToEmail: 'OPGA desk <desk@example.org>', sesMaxSendRate: '2.5', emailFooter: 'OPGA, New York' });
    // Assess
    expect(functionsOf(withReplyTo)).toHaveLength(routeList.length);
    for (const fn of functionsOf(withReplyTo)) {
      expect(fn.Properties.Environment.Variables).toMatchObject({ REPLY_TO_EMAIL: 'OPGA desk <desk@example.org>', SES_MAX_SEND_RATE: '2.5', EMAIL_FOOTER: 'OPGA, New York' });
    }
  });

  it("gives the handlers settings that their own validation accepts (shared/config.ts)", () => {
    // Prepare: one function's environment as Lambda would see it, deploy-time references filled in
    const { api: withReplyTo } = synthRegistry({ replyToEmail: 'OPGA desk <desk@example.org>', senderEmail: "O'Neill & Co registry <no-reply@mail.example.org>" });
    const [fn] = functionsOf(withReplyTo);
    const deployed: Record<string, string> = {
      AUTH_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:x',
      PUBLIC_WEB_URL: 'https://d111111abcdef8.cloudfront.net',
      CORS_ORIGINS: 'https://d111111abcdef8.cloudfront.net',
    };
    for (const [name, value] of Object.entries(fn!.Properties.Environment.Variables)) {
      vi.stubEnv(name, typeof value === 'string' ? value : (deployed[name] ?? `deployed-${name}`));
    }
    resetConfig();
    // Act
    const handlers = config();
    // Assess
    expect(handlers).toMatchObject({ SENDER_EMAIL: "O'Neill & Co registry <no-reply@mail.example.org>", REPLY_TO_EMAIL: 'OPGA desk <desk@example.org>', SES_CONFIGURATION_SET: 'deployed-SES_CONFIGURATION_SET' });
  });
});
