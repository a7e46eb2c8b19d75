import { NestedStack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { routeList } from '#shared/http/routes.ts';
import { everyStackOf, synthRegistry } from './registry-app.ts';

/** CloudFormation refuses a template of more than 500 resources; the rest is headroom for the tables to grow. */
const maxResources = 450;

const stages = {
  dev: synthRegistry(),
  // Every optional resource: the SES identity created in the stack.
  prod: synthRegistry({ stage: 'prod', corsOrigins: 'https://registry.example.org', senderEmail: 'no-reply@registry.example.org', sesIdentity: 'registry.example.org' }),
};

describe.each(Object.entries(stages))('CloudFormation limits on the %s stage', (_stage, stacks) => {
  const templates = everyStackOf(stacks).map((stack) => ({ stack, template: Template.fromStack(stack).toJSON() as { Resources: object; Parameters?: object; Outputs?: object } }));

  it('synthesises the seven stacks, and the routes in nested stacks of the Api stack', () => {
    expect(templates.filter(({ stack }) => !NestedStack.isNestedStack(stack))).toHaveLength(7);
    expect(templates.filter(({ stack }) => NestedStack.isNestedStack(stack))).toHaveLength(stacks.api.routeStacks.size);
    expect(stacks.api.routeStacks.size).toBeGreaterThan(1);
    expect(stacks.api.functions.size).toBe(routeList.length);
  });

  it.each(everyStackOf(stacks).map((stack) => [stack.node.path, stack] as const))(`%s has fewer than ${maxResources} resources, 200 parameters and 200 outputs`, (_path, stack) => {
    const { template } = templates.find((candidate) => candidate.stack === stack)!;
    expect(Object.keys(template.Resources).length).toBeLessThan(maxResources);
    expect(Object.keys(template.Parameters ?? {}).length).toBeLessThan(200);
    expect(Object.keys(template.Outputs ?? {}).length).toBeLessThan(200);
  });
});
