import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { everyStackOf, synthRegistry } from './registry-app.ts';

type NagMetadata = { Metadata?: { cdk_nag?: { rules_to_suppress?: { id: string; reason: string }[] } } };
type CfnTemplate = NagMetadata & { Resources: Record<string, NagMetadata> };

/** Suppressions on the stack itself and on every resource, as cdk-nag writes them into the template. */
const suppressionsIn = (template: CfnTemplate) =>
  [template, ...Object.values(template.Resources)].flatMap((entry) => entry.Metadata?.cdk_nag?.rules_to_suppress ?? []);

/** Each suppression, and why it stays (the reasons themselves are in infra/). */
const expectedSuppressions = new Set([
  'AwsSolutions-APIG4', // auth in the handler: an HTTP API Lambda authorizer cannot answer 401
  'AwsSolutions-L1', // Node.js 22 on purpose, not the newest runtime; CDK's own BucketDeployment Lambda
  'AwsSolutions-SMG4', // rotating the signing key would void every outstanding link
  'AwsSolutions-CFR1', // no geo restriction: the registry serves every country
  'AwsSolutions-CFR2', // no WAF on a static site: left to the deploying organisation
  'AwsSolutions-CFR4', // the default *.cloudfront.net certificate, without a custom domain (dev stage only)
  'AwsSolutions-S1', // the access-log bucket does not log into itself
  'AwsSolutions-IAM5', // BucketDeployment's object wildcards and CloudFront invalidations
]);

const stages = {
  dev: synthRegistry(),
  // With the SES identity created in the stack, and every e-mail setting given.
  prod: synthRegistry({
    stage: 'prod',
    corsOrigins: 'https://registry.example.org',
    senderEmail: 'OPGA stakeholder registry <no-reply@registry.example.org>',
    staffAlertEmail: 'opga-stakeholders@example.org',
    replyToEmail: 'opga-stakeholders@example.org',
    sesMaxSendRate: '14',
    sesIdentity: 'registry.example.org',
    webDomain: 'registry.example.org',
    webCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c',
  }),
};
// Annotations belong to top-level stacks: a nested stack's findings are reported on its parent (tested below).
const stacksOf = ({ data, email, web, identity, api, jobs, webContent }: ReturnType<typeof synthRegistry>) => [data, email, web, identity, api, jobs, webContent];

describe.each(Object.entries(stages))('cdk-nag AwsSolutions on the %s stage', (_stage, stacks) => {
  it.each(stacksOf(stacks).map((stack) => [stack.stackName, stack] as const))('%s has no unsuppressed errors', (_name, stack) => {
    const errors = Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*'));
    expect(errors.map((error) => `${error.id}: ${String(error.entry.data).slice(0, 120)}`)).toEqual([]);
  });

  it.each(stacksOf(stacks).map((stack) => [stack.stackName, stack] as const))('%s has no warnings at all', (_name, stack) => {
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.anyValue());
    expect(warnings.map((warning) => `${warning.id}: ${String(warning.entry.data).slice(0, 120)}`)).toEqual([]);
  });

  it('gives every suppression a written reason, and suppresses only the expected rules', () => {
    const suppressions = everyStackOf(stacks).flatMap((stack) => suppressionsIn(Template.fromStack(stack).toJSON() as CfnTemplate));
    expect(suppressions.length).toBeGreaterThan(0);
    for (const { id, reason } of suppressions) {
      expect(reason.trim().length, `${id} needs a reason`).toBeGreaterThanOrEqual(20);
      expect(expectedSuppressions, `unexpected suppression ${id}`).toContain(id);
    }
  });
});

describe('cdk-nag on the nested stacks of the API', () => {
  it("reports a finding in a nested stack on the Api stack, so that the checks above cover the routes' stacks", () => {
    // Prepare: an SQS queue with neither a dead-letter queue nor TLS enforced, in one of the routes' stacks
    const { api } = synthRegistry();
    const [routeStack] = api.routeStacks.values();
    new Queue(routeStack!, 'Unchecked');
    // Act
    const errors = Annotations.fromStack(api).findError('*', Match.stringLikeRegexp('AwsSolutions-SQS'));
    // Assess
    expect(errors.map((error) => error.id)).toContain(`/${routeStack!.node.path}/Unchecked/Resource`);
  });

  it('suppresses APIG4 on every route, and nothing else on it', () => {
    const { api } = stages.dev;
    const routeCount = [...api.routeStacks.values()].reduce((count, routeStack) => {
      const { Resources } = Template.fromStack(routeStack).toJSON() as CfnTemplate;
      for (const route of routeStack.routes.values()) {
        const suppressions = Resources[routeStack.getLogicalId(route.node.defaultChild as CfnRoute)]?.Metadata?.cdk_nag?.rules_to_suppress ?? [];
        expect(suppressions.map((suppression) => suppression.id)).toEqual(['AwsSolutions-APIG4']);
      }
      return count + routeStack.routes.size;
    }, 0);
    expect(routeCount).toBe(api.functions.size);
  });
});
