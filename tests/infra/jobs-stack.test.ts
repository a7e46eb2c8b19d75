import { Duration, type App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { scheduleList } from '#shared/jobs/schedules.ts';
import { subscriptionList } from '#shared/jobs/subscriptions.ts';
import { JobsStack, rateExpression } from '../../infra/jobs-stack.ts';
import { actionsOf, arnOf, exportedValue, logicalIdOf, referencedId, rendered, resourcesOf, statementsOfRole, synthRegistry, type Statement } from './registry-app.ts';

const { jobs, email, settings, registry } = synthRegistry();
const template = Template.fromStack(jobs);
const schedules = Object.values(resourcesOf(template, 'AWS::Scheduler::Schedule'));
const rules = Object.values(resourcesOf(template, 'AWS::Events::Rule'));
const queues = resourcesOf(template, 'AWS::SQS::Queue');
const functions = resourcesOf(template, 'AWS::Lambda::Function');
const jobFunctionIds = new Set(scheduleList.map((job) => logicalIdOf(jobs, jobs.functions.get(job.name)!)));
const sesStatementsOf = (fnId: string): Statement[] =>
  statementsOfRole(template, referencedId(functions[fnId]!.Properties.Role)).filter((statement) => actionsOf([statement]).some((action) => action.startsWith('ses:')));
const expectedRate = (minutes: number) => (minutes === 1 ? 'rate(1 minute)' : `rate(${minutes} minutes)`);

describe('the jobs stack, built from the schedule table', () => {
  it('has one schedule and one Lambda per schedule-table entry (and one Lambda per subscription)', () => {
    expect(schedules).toHaveLength(scheduleList.length);
    expect(jobFunctionIds.size).toBe(scheduleList.length);
    expect(Object.keys(functions)).toHaveLength(scheduleList.length + subscriptionList.length);
  });

  it.each(scheduleList)('runs $name at rate(everyMinutes) through its own function', (job) => {
    // Prepare
    const fn = jobs.functions.get(job.name)!;
    const fnId = logicalIdOf(jobs, fn);
    // Act
    const schedule = schedules.find((candidate) => referencedId(candidate.Properties.Target.Arn) === fnId);
    // Assess
    expect(schedule?.Properties.ScheduleExpression).toBe(expectedRate(job.everyMinutes));
    expect(schedule?.Properties.State).toBe('ENABLED');
    expect(schedule?.Properties.Target.RetryPolicy.MaximumEventAgeInSeconds).toBeLessThanOrEqual(job.everyMinutes * 60);
    expect(functions[fnId]!.Properties.Description).toContain(job.name);
  });

  it('lets the scheduler invoke each job function and nothing else', () => {
    for (const schedule of schedules) {
      const statements = statementsOfRole(template, referencedId(schedule.Properties.Target.RoleArn));
      expect(statements).toEqual([{ Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: schedule.Properties.Target.Arn }]);
    }
  });

  it('lets the jobs that sign status links read the signing secret, and no other; and retries none in Lambda', () => {
    const signers: string[] = [];
    for (const job of scheduleList) {
      const fn = jobs.functions.get(job.name)!;
      const fnId = logicalIdOf(jobs, fn);
      const actions = actionsOf(statementsOfRole(template, referencedId(functions[fnId]!.Properties.Role)));
      expect(actions).not.toContain('dynamodb:Scan');
      expect(actions.filter((action) => action.startsWith('secretsmanager:')), job.name).toEqual(fn.needs.signingSecret ? ['secretsmanager:GetSecretValue'] : []);
      if (fn.needs.signingSecret) signers.push(job.name);
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { FunctionName: { Ref: fnId }, MaximumRetryAttempts: 0 });
    }
    // The reminders and the closing of lists put status and ballot links in their e-mails.
    expect(signers).toEqual(expect.arrayContaining(['send-meeting-reminders', 'close-circulations', 'send-circulation-reminders', 'complete-circulation-notices']));
  });
});

describe('the jobs stack: SES for the jobs that send e-mail', () => {
  // The identity SES sends the sender's address from, and the configuration set of the e-mail stack.
  const configurationSetImport = Object.values(functions).find((fn) => 'SES_CONFIGURATION_SET' in fn.Properties.Environment.Variables)!.Properties.Environment.Variables.SES_CONFIGURATION_SET;
  const expectedResources = [arnOf('ses', `identity/${settings.email.sender.replace(/^.*@|>$/g, '')}`), arnOf('ses', `configuration-set/${rendered(configurationSetImport)}`)];

  it('imports the configuration set of the e-mail stack', () => {
    const [configurationSetId] = Object.keys(resourcesOf(Template.fromStack(email), 'AWS::SES::ConfigurationSet'));
    expect(exportedValue(configurationSetImport, [email])).toEqual({ Ref: configurationSetId });
  });

  it.each(scheduleList.filter((job) => jobs.functions.get(job.name)!.needs.sendEmail))('lets $name send as the sender identity with the configuration set, nothing wider', (job) => {
    // Act
    const statements = sesStatementsOf(logicalIdOf(jobs, jobs.functions.get(job.name)!));
    // Assess
    expect(statements).toHaveLength(1);
    expect([statements[0]!.Action].flat().sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
    expect([statements[0]!.Resource].flat().map(rendered)).toEqual(expectedResources);
  });

  it('gives no SES permission to any other function of the stack', () => {
    const senders = new Set(scheduleList.filter((job) => jobs.functions.get(job.name)!.needs.sendEmail).map((job) => logicalIdOf(jobs, jobs.functions.get(job.name)!)));
    for (const fnId of Object.keys(functions).filter((id) => !senders.has(id))) expect(sesStatementsOf(fnId), fnId).toEqual([]);
  });

  it('grants the identity created in the stack when there is one', () => {
    // Act: an address identity, so that the granted identity differs from the default domain
    const { jobs: withIdentity } = synthRegistry({ sesIdentity: settings.email.senderAddress });
    const created = Template.fromStack(withIdentity);
    // Assess
    const resources = Object.values(resourcesOf(created, 'AWS::IAM::Policy'))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[])
      .filter((statement) => actionsOf([statement]).includes('ses:SendEmail'))
      .flatMap((statement) => [statement.Resource].flat().map(rendered));
    expect(resources).toContain(arnOf('ses', `identity/${settings.email.senderAddress}`));
    expect(resources.filter((resource) => resource.includes(':identity/'))).toHaveLength(scheduleList.filter((job) => jobs.functions.get(job.name)!.needs.sendEmail).length);
  });
});

describe('the jobs stack: subscriptions, built from the subscription table', () => {
  it('has one EventBridge rule per subscription-table entry', () => {
    expect(rules).toHaveLength(subscriptionList.length);
    expect(jobs.subscriptions.size).toBe(subscriptionList.length);
  });

  it.each(subscriptionList)('runs $name on the default bus for its source and detail types', (subscription) => {
    // Prepare
    const { fn, rule, deadLetters } = jobs.subscriptions.get(subscription.name)!;
    const fnId = logicalIdOf(jobs, fn);
    // Act
    const resource = resourcesOf(template, 'AWS::Events::Rule')[logicalIdOf(jobs, rule)]!;
    // Assess: the default bus (no EventBusName), the pattern derived from the table, its own function
    expect(resource.Properties.EventBusName).toBeUndefined();
    expect(resource.Properties.State).toBe('ENABLED');
    expect(resource.Properties.EventPattern).toEqual({ source: [subscription.source], 'detail-type': [...subscription.detailTypes] });
    expect(resource.Properties.Targets).toHaveLength(1);
    const [target] = resource.Properties.Targets;
    expect(referencedId(target.Arn)).toBe(fnId);
    expect(functions[fnId]!.Properties.Description).toContain(subscription.name);
    // Events EventBridge cannot deliver, and events that still fail after Lambda's retries, are kept.
    const queueId = logicalIdOf(jobs, deadLetters);
    expect(referencedId(target.DeadLetterConfig.Arn)).toBe(queueId);
    expect(referencedId(functions[fnId]!.Properties.DeadLetterConfig.TargetArn)).toBe(queueId);
    expect(target.RetryPolicy.MaximumEventAgeInSeconds).toBeGreaterThan(0);
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { FunctionName: { Ref: fnId }, MaximumRetryAttempts: 2 });
    template.hasResourceProperties('AWS::Lambda::Permission', { Action: 'lambda:InvokeFunction', FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] }, Principal: 'events.amazonaws.com' });
  });

  it.each(subscriptionList)('gives $name read/write on the table, its dead-letter queue, and nothing else', (subscription) => {
    const { fn, deadLetters } = jobs.subscriptions.get(subscription.name)!;
    const statements = statementsOfRole(template, referencedId(functions[logicalIdOf(jobs, fn)]!.Properties.Role));
    const actions = actionsOf(statements);
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:DeleteItem']));
    expect(actions.filter((action) => !/^(dynamodb|logs):/.test(action))).toEqual(['sqs:SendMessage']);
    expect(statements.find((statement) => actionsOf([statement]).includes('sqs:SendMessage'))?.Resource).toEqual({ 'Fn::GetAtt': [logicalIdOf(jobs, deadLetters), 'Arn'] });
  });

  it('keeps dead letters encrypted, over TLS only, for 14 days', () => {
    expect(Object.keys(queues)).toHaveLength(subscriptionList.length);
    for (const [queueId, queue] of Object.entries(queues)) {
      expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
      expect(queue.Properties.MessageRetentionPeriod).toBe(14 * 24 * 3600);
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: queueId }],
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      });
    }
  });
});

describe('the jobs stack, guarding the schedule table', () => {
  it('refuses a job timeout longer than the rate, which would let runs overlap', () => {
    const shortest = Math.min(...scheduleList.map((job) => job.everyMinutes));
    expect(() => new JobsStack(jobs.node.root as App, 'TooSlow', { registry, jobTimeout: Duration.minutes(shortest + 1) })).toThrow(/overlap/);
  });

  it('writes rates in EventBridge Scheduler syntax', () => {
    expect(rateExpression(1)).toBe('rate(1 minute)');
    expect(rateExpression(15)).toBe('rate(15 minutes)');
    expect(() => rateExpression(0.5)).toThrow();
  });
});
