import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { routeList } from '#shared/http/routes.ts';
import { scheduleList } from '#shared/jobs/schedules.ts';
import { lambdaRuntime } from '../../infra/constructs/app-function.ts';
import { lambdaNodeTarget } from '../../infra/bundling.ts';
import { actionsOf, referencedId, resourcesOf, statementsOfRole, synthRegistry } from './registry-app.ts';

const { api, jobs } = synthRegistry();
const templates = { api: Template.fromStack(api), jobs: Template.fromStack(jobs) };
const everyFunction = Object.entries(templates).flatMap(([stack, template]) =>
  Object.entries(resourcesOf(template, 'AWS::Lambda::Function')).map(([id, fn]) => ({ stack, template, id, fn })),
);

describe('AppFunction: the defaults of every Lambda', () => {
  it('makes one Lambda per route and per schedule, and no others (no log-retention helper functions)', () => {
    expect(everyFunction).toHaveLength(routeList.length + scheduleList.length);
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

  it('answers API requests within 10 s; jobs get longer', () => {
    for (const { stack, fn } of everyFunction) {
      if (stack === 'api') expect(fn.Properties.Timeout).toBe(10);
      else expect(fn.Properties.Timeout).toBeGreaterThan(10);
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
    for (const template of Object.values(templates)) {
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

  it('tells every function its table, secret, issuer, origins, stage and service name', () => {
    for (const { fn } of everyFunction) {
      expect(Object.keys(fn.Properties.Environment.Variables).sort()).toEqual(
        ['AUTH_ISSUER', 'AUTH_SECRET_ARN', 'CORS_ORIGINS', 'NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME', 'STAGE', 'TABLE_NAME'].sort(),
      );
      expect(fn.Properties.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
      expect(fn.Properties.Environment.Variables.STAGE).toBe('dev');
    }
  });
});
