import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { describe, expect, it } from 'vitest';
import { isRequired, type SettingName } from '#shared/config.ts';
import { routeList } from '#shared/http/routes.ts';
import { scheduleList } from '#shared/jobs/schedules.ts';
import { subscriptionList } from '#shared/jobs/subscriptions.ts';
import { identityTriggerList } from '#shared/auth/identity-triggers.ts';
import { AppFunction, deploymentSettings } from '../../infra/constructs/app-function.ts';
import { everyHandler, functionEnvironment, platformSettings, runtimeVariables, type FunctionNeeds } from '../../infra/function-needs.ts';
import { actionsOf, deployedFunctions, needs, rendered, statementsOfRole, synthRegistry, type Statement } from './registry-app.ts';

const stacks = synthRegistry();
const functions = deployedFunctions(stacks);
const values = deploymentSettings(stacks.registry);

/** What a role may do, as "action on resource" lines, resources rendered (tests/infra/registry-app.ts). */
const grants = (statements: Statement[]) =>
  statements.flatMap((statement) => actionsOf([statement]).flatMap((action) => [statement.Resource].flat().map((resource) => `${action} on ${named(rendered(resource))}`))).sort();
/** The data stack's exports by what they are: the table's ARN and the signing secret's. */
const named = (resource: string) => resource.replace(/\$\{import:[^}]*RegistryTable[^}]*Arn[^}]*\}/, 'table').replace(/\$\{import:[^}]*AuthSigningSecret[^}]*\}/, 'signing-secret');

const tableArn = 'table';
const secretArn = 'signing-secret';

/** What the role must hold for this code, no more: the declarations of the bundle's modules, turned into IAM. */
function expectedGrants(fnNeeds: FunctionNeeds): string[] {
  return [
    ...fnNeeds.table.map((action) => `dynamodb:${action} on ${tableArn}`),
    ...fnNeeds.indexes.map((index) => `dynamodb:Query on ${tableArn}/index/${index}`),
    ...(fnNeeds.signingSecret ? [`secretsmanager:GetSecretValue on ${secretArn}`] : []),
  ].sort();
}

describe('each Lambda is granted and configured from what its bundled code uses (infra/function-needs.ts)', () => {
  it('covers every handler of the route, schedule, subscription and identity trigger tables, each bundled on its own', () => {
    expect(functions).toHaveLength(routeList.length + scheduleList.length + subscriptionList.length + identityTriggerList.length);
    expect(new Set(functions.map(({ handler }) => handler))).toEqual(new Set(everyHandler()));
    for (const { handler, needs: fnNeeds } of functions) expect(fnNeeds.modules, handler).toContain(`functions/${handler}.ts`);
  });

  it.each(functions.map((fn) => [fn.handler, fn] as const))('%s: its role holds exactly the table, index and secret actions its modules declare', (_handler, { needs: fnNeeds, statements }) => {
    const held = grants(statements).filter((grant) => /^(dynamodb|secretsmanager):/.test(grant));
    expect(held).toEqual(expectedGrants(fnNeeds));
  });

  it.each(functions.map((fn) => [fn.handler, fn] as const))('%s: it may use SES only if its code sends, and nothing else beyond its log group', (_handler, { construct, needs: fnNeeds, statements }) => {
    const actions = actionsOf(statements);
    expect(actions.some((action) => action.startsWith('ses:'))).toBe(fnNeeds.sendEmail);
    // Besides its own log group, a subscription's function may put a failed event on its own dead-letter queue (infra/jobs-stack.ts).
    const ownDeadLetters = construct.deadLetterQueue ? ['sqs:SendMessage'] : [];
    expect(actions.filter((action) => !/^(dynamodb|secretsmanager|ses):/.test(action)).sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents', ...ownDeadLetters]);
  });

  it.each(functions.map((fn) => [fn.handler, fn] as const))('%s: its environment holds only settings its code reads, and every required one', (_handler, { needs: fnNeeds, resource }) => {
    const variables = Object.keys(resource.Properties.Environment.Variables) as string[];
    const allowed = new Set<string>([...fnNeeds.env, ...Object.keys(runtimeVariables)]);
    expect(variables.filter((name) => !allowed.has(name)), 'variables that no included module reads').toEqual([]);
    const required = fnNeeds.env.filter((name) => isRequired(name) && !platformSettings.includes(name));
    expect(required.filter((name) => !variables.includes(name)), 'required settings it reads but is not given').toEqual([]);
    // Every setting it reads that the deployment sets reaches it.
    expect(fnNeeds.env.filter((name) => values[name] !== undefined && !variables.includes(name))).toEqual([]);
    if (fnNeeds.signingSecret) expect(variables).toContain('AUTH_SECRET_ARN');
    expect(variables).not.toContain('AWS_REGION');
  });

  // The eight functions of issue 13 that sign status links (statusLink → signScopedToken → authKey) and were not granted the secret.
  it.each([
    'registrations/register',
    'accreditation/apply',
    'trust-fund/submit-inquiry',
    'steering-committee/apply',
    'registrations/send-meeting-reminders',
    'circulations/close-circulations',
    'circulations/send-circulation-reminders',
    'circulations/complete-notices',
  ])('lets %s, which signs status links, read the signing secret it names', (handler) => {
    const fn = functions.find((candidate) => candidate.handler === handler)!;
    expect(fn.needs.modules).toContain('shared/auth/secret.ts');
    expect(grants(fn.statements)).toContain(`secretsmanager:GetSecretValue on ${secretArn}`);
    expect(fn.resource.Properties.Environment.Variables.AUTH_SECRET_ARN).toBeDefined();
  });

  it('gives the public routes that sign nothing neither the secret nor the table: the OpenAPI document', () => {
    const openapi = functions.find((candidate) => candidate.handler === 'system/get-openapi')!;
    expect(grants(openapi.statements).filter((grant) => !grant.startsWith('logs:'))).toEqual([]);
    expect(Object.keys(openapi.resource.Properties.Environment.Variables).sort()).toEqual(['CORS_ORIGINS', 'NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME']);
  });

  it('grants no Scan, BatchWriteItem, DescribeSecret or index/* anywhere, and DescribeTable only to the health route', () => {
    const all = functions.flatMap(({ handler, statements }) => grants(statements).map((grant) => `${handler}: ${grant}`));
    expect(all.filter((grant) => /dynamodb:(Scan|BatchWriteItem)|DescribeSecret|\/index\/\*/.test(grant))).toEqual([]);
    expect(new Set(all.filter((grant) => grant.includes('dynamodb:DescribeTable')).map((grant) => grant.split(':')[0]))).toEqual(new Set(['system/get-health']));
  });
});

describe('AppFunction follows the needs it is given, both ways', () => {
  /** One AppFunction in a stack of its own, with `change` applied to the real needs of list-meetings. */
  function synthWith(change: (real: FunctionNeeds) => FunctionNeeds) {
    const handler = 'meetings/list-meetings';
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'NeedsProbe');
    const changed = new Map(needs);
    changed.set(handler, change(needs.get(handler)!));
    const registry = {
      ...stacks.registry,
      table: TableV2.fromTableArn(stack, 'Table', 'arn:aws:dynamodb:eu-west-1:123456789012:table/registry'),
      authSecret: Secret.fromSecretCompleteArn(stack, 'Secret', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:auth-AbCdEf'),
      corsOrigins: ['https://registry.example.org'],
      webUrl: 'https://registry.example.org',
      email: { ...stacks.registry.email, configurationSetName: 'registry' },
      needs: changed,
    };
    const fn = new AppFunction(stack, 'Probe', { handler, registry, description: 'probe' });
    const template = Template.fromStack(stack);
    const resource = Object.values(template.findResources('AWS::Lambda::Function'))[0] as { Properties: { Role: { 'Fn::GetAtt': [string] }; Environment: { Variables: Record<string, unknown> } } };
    return { fn, statements: statementsOfRole(template, resource.Properties.Role['Fn::GetAtt'][0]), variables: resource.Properties.Environment.Variables };
  }

  it('grants a call a module adds, and drops a grant no module declares any longer', () => {
    const widened = synthWith((real) => ({ ...real, table: [...real.table, 'DeleteItem'], signingSecret: true, env: [...real.env, 'AUTH_SECRET_ARN'] }));
    expect(actionsOf(widened.statements)).toEqual(expect.arrayContaining(['dynamodb:DeleteItem', 'secretsmanager:GetSecretValue']));
    expect(widened.variables.AUTH_SECRET_ARN).toBeDefined();
    const narrowed = synthWith((real) => ({ ...real, table: ['GetItem'], indexes: [], env: real.env.filter((name) => name !== 'CORS_ORIGINS') }));
    expect(actionsOf(narrowed.statements).filter((action) => action.startsWith('dynamodb:'))).toEqual(['dynamodb:GetItem']);
    expect(narrowed.variables.CORS_ORIGINS).toBeUndefined();
  });

  it('fails synth, naming the function and the variable, when code reads a required setting the deployment does not set', () => {
    const real = needs.get('meetings/list-meetings')!;
    expect(real.env).toContain('TABLE_NAME');
    expect(() => functionEnvironment(real, { ...values, TABLE_NAME: undefined })).toThrow('functions/meetings/list-meetings.ts reads TABLE_NAME, which this deployment does not set');
    expect(() => functionEnvironment({ ...real, signingSecret: true }, { ...values, AUTH_SECRET_ARN: undefined })).toThrow('AUTH_SECRET_ARN (or AUTH_SECRET)');
  });

  it('lists a reason for every variable that no module of ours reads', () => {
    for (const [name, { reason }] of Object.entries(runtimeVariables)) {
      expect(reason.length, name).toBeGreaterThan(20);
      expect((Object.keys(values) as string[]).includes(name)).toBe(false);
    }
    // Settings Lambda gives every function itself are never set by the stack (CloudFormation refuses AWS_REGION).
    for (const name of platformSettings as SettingName[]) expect(values[name]).toBeUndefined();
  });
});
