import { App, Aspects, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { defineStakeholderRegistry } from '../../infra/stakeholder-registry.ts';

/**
 * The app as `cdk synth` builds it, with cdk-nag applied, but without esbuild (NodejsFunction gets a
 * placeholder asset) and without CDK's CloudFormation validation: cdk-synth.test.ts covers both.
 */
export function synthRegistry(context: Record<string, string> = {}) {
  const app = new App({ builtinCloudFormationValidation: false, context: { 'aws:cdk:bundling-stacks': [], ...context } });
  const stacks = defineStakeholderRegistry(app);
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  return stacks;
}

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
