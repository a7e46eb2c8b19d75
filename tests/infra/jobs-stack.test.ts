import { Duration, type App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { scheduleList } from '#shared/jobs/schedules.ts';
import { JobsStack, rateExpression } from '../../infra/jobs-stack.ts';
import { actionsOf, logicalIdOf, referencedId, resourcesOf, statementsOfRole, synthRegistry } from './registry-app.ts';

const { jobs } = synthRegistry();
const template = Template.fromStack(jobs);
const schedules = Object.values(resourcesOf(template, 'AWS::Scheduler::Schedule'));
const functions = resourcesOf(template, 'AWS::Lambda::Function');
const expectedRate = (minutes: number) => (minutes === 1 ? 'rate(1 minute)' : `rate(${minutes} minutes)`);

describe('the jobs stack, built from the schedule table', () => {
  it('has one schedule and one Lambda per schedule-table entry', () => {
    expect(schedules).toHaveLength(scheduleList.length);
    expect(Object.keys(functions)).toHaveLength(scheduleList.length);
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

  it('gives jobs read/write on the table, no access to the signing secret, and no Lambda retries', () => {
    for (const [fnId, fn] of Object.entries(functions)) {
      const actions = actionsOf(statementsOfRole(template, referencedId(fn.Properties.Role)));
      expect(actions).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem']));
      expect(actions).not.toContain('dynamodb:Scan');
      expect(actions.filter((action) => action.startsWith('secretsmanager:'))).toEqual([]);
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { FunctionName: { Ref: fnId }, MaximumRetryAttempts: 0 });
    }
  });
});

describe('the jobs stack, guarding the schedule table', () => {
  it('refuses a job timeout longer than the rate, which would let runs overlap', () => {
    const shortest = Math.min(...scheduleList.map((job) => job.everyMinutes));
    const { data } = synthRegistry();
    const registry = { table: data.table, authSecret: data.authSecret, authIssuer: 'test', corsOrigins: ['https://example.org'], stage: 'test' };
    expect(() => new JobsStack(data.node.root as App, 'TooSlow', { registry, jobTimeout: Duration.minutes(shortest + 1) })).toThrow(/overlap/);
  });

  it('writes rates in EventBridge Scheduler syntax', () => {
    expect(rateExpression(1)).toBe('rate(1 minute)');
    expect(rateExpression(15)).toBe('rate(15 minutes)');
    expect(() => rateExpression(0.5)).toThrow();
  });
});
