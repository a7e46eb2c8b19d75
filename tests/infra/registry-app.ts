import { fileURLToPath } from 'node:url';
import { App, Aspects, NestedStack, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { functionNeeds } from '../../infra/function-needs.ts';
import { defineStakeholderRegistry } from '../../infra/stakeholder-registry.ts';
import type { AppFunction } from '../../infra/constructs/app-function.ts';

/** A stand-in for buildWeb()'s output (index.html and a hashed asset), so that these tests need no web build. */
export const webDistFixture = fileURLToPath(new URL('fixtures/web-dist', import.meta.url));

/**
 * The app as `cdk synth` builds it, with cdk-nag applied, but without esbuild (NodejsFunction gets a
 * placeholder asset, the pages are a fixture) and without CDK's CloudFormation validation: cdk-synth.test.ts covers both.
 */
/** What each handler's bundle uses, computed once per test file (an esbuild run over every handler). */
export const needs = await functionNeeds();

export function synthRegistry(context: Record<string, string> = {}) {
  const app = new App({ builtinCloudFormationValidation: false, context: { 'aws:cdk:bundling-stacks': [], ...context } });
  const stacks = defineStakeholderRegistry(app, { webDist: webDistFixture, needs });
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  return stacks;
}

/** Every stack that synth writes a template for: the top-level stacks and their nested stacks. */
export const everyStackOf = (stacks: { api: Stack }): Stack[] => stacks.api.node.root.node.findAll().filter((construct): construct is Stack => Stack.isStack(construct));

/** The stacks nested in `stack`, at any depth. */
export const nestedStacksOf = (stack: Stack): NestedStack[] =>
  stack.node.findAll().filter((construct): construct is NestedStack => NestedStack.isNestedStack(construct) && construct !== stack);

export type Resource = { Type: string; Properties: Record<string, any>; Metadata?: Record<string, any>; DeletionPolicy?: string };
export type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

export function resourcesOf(template: Template, type: string): Record<string, Resource> {
  return template.findResources(type) as Record<string, Resource>;
}

/** Every statement of the inline policies attached to the role `roleLogicalId`. */
export function statementsOfRole(template: Template, roleLogicalId: string): Statement[] {
  return Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
    .filter((policy) => (policy.Properties.Roles as unknown[]).some((role) => JSON.stringify(role) === JSON.stringify({ Ref: roleLogicalId })))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

export const actionsOf = (statements: Statement[]): string[] => statements.flatMap((statement) => [statement.Action].flat());

/** The logical id that `Fn::GetAtt: [id, attr]` or `Ref: id` points at. */
export function referencedId(value: unknown): string {
  const reference = value as { 'Fn::GetAtt'?: [string, string]; Ref?: string };
  const id = reference['Fn::GetAtt']?.[0] ?? reference.Ref;
  if (!id) throw new Error(`not a reference: ${JSON.stringify(value)}`);
  return id;
}

export const logicalIdOf = (stack: Stack, construct: { node: { defaultChild?: unknown } }): string =>
  stack.getLogicalId(construct.node.defaultChild as Parameters<Stack['getLogicalId']>[0]);

/** The Value of the stack output that `{ "Fn::ImportValue": name }` imports, from the stacks that may export it. */
export function exportedValue(value: unknown, exporters: Stack[]): unknown {
  const name = (value as { 'Fn::ImportValue'?: unknown })['Fn::ImportValue'];
  if (typeof name !== 'string') throw new Error(`not an import: ${JSON.stringify(value)}`);
  for (const stack of exporters) {
    const outputs = (Template.fromStack(stack).toJSON() as { Outputs?: Record<string, { Value: unknown; Export?: { Name: string } }> }).Outputs ?? {};
    const output = Object.values(outputs).find((candidate) => candidate.Export?.Name === name);
    if (output) return output.Value;
  }
  throw new Error(`no stack exports ${name}`);
}

/** A string, Ref, Fn::GetAtt or Fn::Join as one readable string: pseudo parameters as ${AWS::Region}, attributes as ${Id.Attr}, imports as ${import:<name>}. */
export function rendered(value: unknown): string {
  if (typeof value === 'string') return value;
  const intrinsic = value as { Ref?: string; 'Fn::GetAtt'?: [string, string]; 'Fn::ImportValue'?: string; 'Fn::Join'?: [string, unknown[]] };
  if (intrinsic.Ref !== undefined) return `\${${intrinsic.Ref}}`;
  if (intrinsic['Fn::GetAtt'] !== undefined) return `\${${intrinsic['Fn::GetAtt'].join('.')}}`;
  if (intrinsic['Fn::ImportValue'] !== undefined) return `\${import:${intrinsic['Fn::ImportValue']}}`;
  if (intrinsic['Fn::Join'] !== undefined) return intrinsic['Fn::Join'][1].map(rendered).join(intrinsic['Fn::Join'][0]);
  throw new Error(`cannot render ${JSON.stringify(value)}`);
}

/** An ARN in this (environment-agnostic) stack's account and region, as rendered() writes it. */
export const arnOf = (service: string, resource: string): string => `arn:\${AWS::Partition}:${service}:\${AWS::Region}:\${AWS::AccountId}:${resource}`;

/** Every Lambda of the app with what it was built from: its construct (and so its needs), template, logical id and resource. */
export function deployedFunctions(stacks: { api: { functions: Map<string, AppFunction> }; jobs: { functions: Map<string, AppFunction>; subscriptions: Map<string, { fn: AppFunction }> }; identity: { preTokenGeneration: AppFunction } }) {
  const templates = new Map<Stack, Template>();
  const templateOf = (stack: Stack) => templates.get(stack) ?? templates.set(stack, Template.fromStack(stack)).get(stack)!;
  const constructs = [...stacks.api.functions.values(), ...stacks.jobs.functions.values(), ...[...stacks.jobs.subscriptions.values()].map(({ fn }) => fn), stacks.identity.preTokenGeneration];
  return constructs.map((construct) => {
    const stack = Stack.of(construct);
    const template = templateOf(stack);
    const id = logicalIdOf(stack, construct);
    const resource = resourcesOf(template, 'AWS::Lambda::Function')[id]!;
    return { construct, needs: construct.needs, handler: construct.needs.handler, stack, template, id, resource, statements: statementsOfRole(template, referencedId(resource.Properties.Role)) };
  });
}
