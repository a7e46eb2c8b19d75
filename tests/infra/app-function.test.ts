import { Template } from 'aws-cdk-lib/assertions';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetConfig, setting } from '#shared/config.ts';
import { routeList } from '#shared/http/routes.ts';
import { scheduleList } from '#shared/jobs/schedules.ts';
import { subscriptionList } from '#shared/jobs/subscriptions.ts';
import { lambdaRuntime } from '../../infra/constructs/app-function.ts';
import { lambdaNodeTarget } from '../../infra/bundling.ts';
import { actionsOf, deployedFunctions, exportedValue, nestedStacksOf, referencedId, resourcesOf, statementsOfRole, synthRegistry } from './registry-app.ts';

const registry = synthRegistry();
const { api, jobs, email, settings } = registry;
const deployed = deployedFunctions(registry);
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

  it('grants the table and its named indexes only, never index/*', () => {
    for (const { template, fn } of everyFunction) {
      const tableStatements = statementsOfRole(template, referencedId(fn.Properties.Role)).filter((statement) =>
        actionsOf([statement]).some((action) => action.startsWith('dynamodb:')),
      );
      expect(JSON.stringify(tableStatements)).not.toContain('/index/*');
    }
  });

  it('tells each function the settings its code reads (tests/infra/function-needs.test.ts), source maps on, and no stage it would not read', () => {
    for (const { fn } of everyFunction) {
      expect(fn.Properties.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
      expect(fn.Properties.Environment.Variables.STAGE).toBeUndefined();
      expect(fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME).toBe('stakeholder-registry');
    }
  });
});

describe('AppFunction: the e-mail environment of every Lambda', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    resetConfig();
  });

  it('names the sender, staff alert address, footer, rate and the configuration set of the e-mail stack, to the functions that read them', () => {
    const [configurationSetId] = Object.keys(resourcesOf(Template.fromStack(email), 'AWS::SES::ConfigurationSet'));
    const readers = { SENDER_EMAIL: 0, STAFF_ALERT_EMAIL: 0, EMAIL_FOOTER: 0, SES_MAX_SEND_RATE: 0, SES_CONFIGURATION_SET: 0 };
    for (const { handler, needs: fnNeeds, resource } of deployed) {
      const variables = resource.Properties.Environment.Variables;
      for (const name of Object.keys(readers) as (keyof typeof readers)[]) {
        expect(name in variables, `${handler} ${name}`).toBe(fnNeeds.env.includes(name));
        if (name in variables) readers[name] += 1;
      }
      if ('SENDER_EMAIL' in variables) expect(variables.SENDER_EMAIL, handler).toBe(settings.email.sender);
      if ('STAFF_ALERT_EMAIL' in variables) expect(variables.STAFF_ALERT_EMAIL, handler).toBe(settings.email.staffAlert);
      if ('EMAIL_FOOTER' in variables) expect(variables.EMAIL_FOOTER, handler).toBe(settings.email.footer);
      if ('SES_MAX_SEND_RATE' in variables) expect(variables.SES_MAX_SEND_RATE, handler).toBe(String(settings.email.maxSendRate));
      if ('SES_CONFIGURATION_SET' in variables) expect(exportedValue(variables.SES_CONFIGURATION_SET, [email]), handler).toEqual({ Ref: configurationSetId });
    }
    // The dispatcher sends; the alerts go from many functions; the footer is in every preview.
    for (const [name, count] of Object.entries(readers)) expect(count, name).toBeGreaterThan(0);
  });

  it('passes on the reply-to address only when there is one, to the functions that read it', () => {
    // Act
    const withReplyTo = synthRegistry({ replyToEmail: 'OPGA desk <desk@example.org>', sesMaxSendRate: '2.5', emailFooter: 'OPGA, New York' });
    // Assess
    const readers = deployedFunctions(withReplyTo).filter(({ needs: fnNeeds }) => fnNeeds.env.includes('REPLY_TO_EMAIL'));
    expect(readers.map(({ handler }) => handler)).toContain('notifications/dispatch-notifications');
    for (const { resource } of readers) expect(resource.Properties.Environment.Variables).toMatchObject({ REPLY_TO_EMAIL: 'OPGA desk <desk@example.org>', SES_MAX_SEND_RATE: '2.5', EMAIL_FOOTER: 'OPGA, New York' });
    expect(deployed.filter(({ resource }) => 'REPLY_TO_EMAIL' in resource.Properties.Environment.Variables)).toEqual([]);
  });

  it("gives the handlers settings that their own validation accepts (shared/config.ts)", () => {
    // Prepare: the dispatcher's environment as Lambda would see it, deploy-time references filled in
    const withReplyTo = synthRegistry({ replyToEmail: 'OPGA desk <desk@example.org>', senderEmail: "O'Neill & Co registry <no-reply@mail.example.org>" });
    const { resource, needs: fnNeeds } = deployedFunctions(withReplyTo).find(({ handler }) => handler === 'notifications/dispatch-notifications')!;
    const deployedValues: Record<string, string> = { TABLE_NAME: 'StakeholderRegistry-dev-Data-Table' };
    for (const [name, value] of Object.entries(resource.Properties.Environment.Variables)) {
      vi.stubEnv(name, typeof value === 'string' ? value : (deployedValues[name] ?? `deployed-${name}`));
    }
    resetConfig();
    // Act
    const read = Object.fromEntries(fnNeeds.env.map((name) => [name, setting(name)]));
    // Assess
    expect(read).toMatchObject({ SENDER_EMAIL: "O'Neill & Co registry <no-reply@mail.example.org>", REPLY_TO_EMAIL: 'OPGA desk <desk@example.org>', SES_CONFIGURATION_SET: 'deployed-SES_CONFIGURATION_SET' });
  });
});
