import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { routeList } from '#shared/http/routes.ts';
import type { RouteSpec } from '#shared/http/route-spec.ts';
import { maxRoutesPerNestedStack, routeGroups } from '../../infra/api-routes-stack.ts';
import { constructId } from '../../infra/names.ts';
import { actionsOf, exportedValue, logicalIdOf, rendered, nestedStacksOf, referencedId, resourcesOf, statementsOfRole, synthRegistry, type Resource } from './registry-app.ts';

const { api, registry, settings, web } = synthRegistry();
const template = Template.fromStack(api);
// The routes and their Lambdas live in the nested stacks, one template each.
const routeStacks = [...api.routeStacks.entries()].map(([groupId, stack]) => ({ groupId, stack, template: Template.fromStack(stack) }));
const routes = routeStacks.flatMap((routeStack) => Object.values(resourcesOf(routeStack.template, 'AWS::ApiGatewayV2::Route')).map((route) => ({ ...routeStack, route })));
const [stage] = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Stage'));
const routeKey = (route: { method: string; path: string }) => `${route.method} ${route.path}`;

/** Where a route-table entry was built: its nested stack's template, and its Lambda's logical id there. */
function deployed(spec: RouteSpec) {
  const fn = api.functions.get(spec.operationId)!;
  const routeStack = routeStacks.find(({ stack }) => stack === Stack.of(fn))!;
  return { ...routeStack, fnId: logicalIdOf(routeStack.stack, fn), functions: resourcesOf(routeStack.template, 'AWS::Lambda::Function') };
}

/** The Lambda logical id behind a route resource: Target "integrations/<ref>" → IntegrationUri, in the route's own template. */
function functionIdBehind({ route, template: routeTemplate }: { route: Resource; template: Template }): string {
  const [, parts] = route.Properties.Target['Fn::Join'] as [string, [string, { Ref: string }]];
  return referencedId(resourcesOf(routeTemplate, 'AWS::ApiGatewayV2::Integration')[parts[1].Ref]!.Properties.IntegrationUri);
}

describe('the HTTP API, built from the route table', () => {
  it('has exactly one route per route-table entry, keyed "METHOD path", across the nested stacks', () => {
    expect(routes.map(({ route }) => route.Properties.RouteKey).sort()).toEqual(routeList.map(routeKey).sort());
    for (const spec of routeList) expect(routes.filter(({ route }) => route.Properties.RouteKey === routeKey(spec)), routeKey(spec)).toHaveLength(1);
  });

  it('keeps the API, its stage and access logs in the Api stack, and no route or Lambda', () => {
    expect(Object.keys(resourcesOf(template, 'AWS::ApiGatewayV2::Api'))).toHaveLength(1);
    expect(Object.keys(resourcesOf(template, 'AWS::ApiGatewayV2::Stage'))).toHaveLength(1);
    expect(resourcesOf(template, 'AWS::ApiGatewayV2::Route')).toEqual({});
    expect(resourcesOf(template, 'AWS::Lambda::Function')).toEqual({});
    expect(Object.keys(resourcesOf(template, 'AWS::CloudFormation::Stack'))).toHaveLength(api.routeStacks.size);
    expect(nestedStacksOf(api)).toHaveLength(api.routeStacks.size);
  });

  it('attaches every route to the API of the Api stack, passed to its nested stack as a parameter', () => {
    const [apiId] = Object.keys(resourcesOf(template, 'AWS::ApiGatewayV2::Api'));
    for (const { stack, route } of routes) {
      const nestedStackResource = resourcesOf(template, 'AWS::CloudFormation::Stack')[logicalIdOf(api, { node: { defaultChild: stack.nestedStackResource } })]!;
      expect(nestedStackResource.Properties.Parameters[referencedId(route.Properties.ApiId)]).toEqual({ Ref: apiId });
    }
  });

  it.each(routeList)('integrates $method $path with its own Lambda (payload v2)', (spec) => {
    const { template: routeTemplate, fnId, functions } = deployed(spec);
    const route = routes.find((candidate) => candidate.route.Properties.RouteKey === routeKey(spec))!;
    expect(route.template).toBe(routeTemplate);
    expect(functionIdBehind(route)).toBe(fnId);
    expect(functions[fnId]!.Properties.Description).toMatch(new RegExp(`^${spec.method} ${spec.path.replace(/[{}]/g, '\\$&')}:`));
    routeTemplate.hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0', IntegrationUri: { 'Fn::GetAtt': [fnId, 'Arn'] } });
    routeTemplate.hasResourceProperties('AWS::Lambda::Permission', { Action: 'lambda:InvokeFunction', FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] }, Principal: 'apigateway.amazonaws.com' });
  });

  it('has one Lambda per route, none shared', () => {
    const functionIds = routeStacks.flatMap(({ groupId, template: routeTemplate }) => Object.keys(resourcesOf(routeTemplate, 'AWS::Lambda::Function')).map((id) => `${groupId}/${id}`));
    expect(functionIds).toHaveLength(routeList.length);
    expect(new Set(routes.map((route) => `${route.groupId}/${functionIdBehind(route)}`)).size).toBe(routeList.length);
    expect([...api.functions.keys()].sort()).toEqual(routeList.map((spec) => spec.operationId).sort());
  });

  it('gives no route an API Gateway authorizer: the handlers answer 401 themselves', () => {
    for (const { template: routeTemplate } of [{ template }, ...routeStacks]) expect(resourcesOf(routeTemplate, 'AWS::ApiGatewayV2::Authorizer')).toEqual({});
    for (const { route } of routes) {
      expect(route.Properties.AuthorizationType ?? 'NONE').toBe('NONE');
      expect(route.Properties.AuthorizerId).toBeUndefined();
    }
  });

  it.each(routeList)('grants $method $path what its code uses, not what its method or access suggests (tests/infra/function-needs.test.ts)', (spec) => {
    const { template: routeTemplate, fnId, functions } = deployed(spec);
    const fn = api.functions.get(spec.operationId)!;
    const actions = actionsOf(statementsOfRole(routeTemplate, referencedId(functions[fnId]!.Properties.Role)));
    expect(fn.needs.handler).toBe(spec.handler);
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions.includes('secretsmanager:GetSecretValue')).toBe(fn.needs.signingSecret);
    // Every staff or link route verifies a token, so reads the secret; a public one only when it signs a link.
    if (spec.access !== 'public') expect(fn.needs.signingSecret).toBe(true);
  });
});

describe('the nested stacks of the routes', () => {
  it.each(routeList)('puts $method $path in the nested stack of its area ($tags)', (spec) => {
    expect(deployed(spec).groupId).toMatch(new RegExp(`^${constructId(spec.tags[0] ?? 'untagged')}Routes\\d*$`));
  });

  it(`holds at most ${maxRoutesPerNestedStack} routes in each`, () => {
    for (const { groupId, template: routeTemplate } of routeStacks) {
      expect(Object.keys(resourcesOf(routeTemplate, 'AWS::ApiGatewayV2::Route')).length, groupId).toBeLessThanOrEqual(maxRoutesPerNestedStack);
    }
  });

  // Synthetic route tables: what matters is that no area outgrows a stack, and that adding a route moves no other.
  const area = (tag: string, count: number, from = 0) => Array.from({ length: count }, (_, index) => ({ operationId: `${tag}Operation${from + index}`, tags: [tag] }));
  const groupOf = (groups: Map<string, { operationId: string }[]>) =>
    new Map([...groups].flatMap(([groupId, members]) => members.map((member) => [member.operationId, groupId] as const)));

  it('keeps an area in one nested stack, named for the area, up to the maximum', () => {
    const groups = routeGroups([...area('steering-committee', maxRoutesPerNestedStack), ...area('meetings', 3)]);
    expect([...groups.keys()]).toEqual(['SteeringCommitteeRoutes', 'MeetingsRoutes']);
  });

  it('splits a larger area into shards of at most the maximum, the first keeping the area name', () => {
    for (const size of [maxRoutesPerNestedStack + 1, 150, 400]) {
      const groups = routeGroups(area('notifications', size));
      expect(groups.has('NotificationsRoutes')).toBe(true);
      expect([...groups.values()].flat()).toHaveLength(size);
      for (const [groupId, members] of groups) {
        expect(groupId).toMatch(/^NotificationsRoutes\d*$/);
        expect(members.length, groupId).toBeLessThanOrEqual(maxRoutesPerNestedStack);
      }
    }
  });

  it('moves no route to another nested stack when routes are added, inserted or reordered, unless its area must split', () => {
    // Prepare
    const before = groupOf(routeGroups([...area('meetings', 20), ...area('notifications', 100)]));
    // Act: routes inserted before, between and after, and the table reordered
    const after = groupOf(routeGroups([...area('accreditation', 5), ...area('notifications', 10, 100), ...area('meetings', 20).reverse(), ...area('notifications', 100), ...area('meetings', 30, 20)]));
    // Assess
    for (const [operationId, groupId] of before) expect(after.get(operationId), operationId).toBe(groupId);
  });

  it('groups the real route table deterministically', () => {
    expect([...routeGroups(routeList)].map(([groupId, members]) => [groupId, members.map((spec) => spec.operationId)])).toEqual(
      [...routeGroups([...routeList])].map(([groupId, members]) => [groupId, members.map((spec) => spec.operationId)]),
    );
    expect([...api.routeStacks.keys()]).toEqual([...routeGroups(routeList).keys()]);
  });
});

describe('the $default stage', () => {
  it('deploys automatically and throttles with the stage settings', () => {
    expect(stage!.Properties.StageName).toBe('$default');
    expect(stage!.Properties.AutoDeploy).toBe(true);
    expect(stage!.Properties.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: settings.throttle.rateLimit,
      ThrottlingBurstLimit: settings.throttle.burstLimit,
    });
  });

  it('writes one JSON access-log line per request to a log group with retention', () => {
    const { DestinationArn, Format } = stage!.Properties.AccessLogSettings;
    expect(Object.keys(JSON.parse(Format))).toEqual(
      expect.arrayContaining(['requestId', 'ip', 'requestTime', 'httpMethod', 'routeKey', 'status', 'protocol', 'responseLength', 'integrationError']),
    );
    const logGroup = resourcesOf(template, 'AWS::Logs::LogGroup')[referencedId(DestinationArn)];
    expect(logGroup?.Properties.RetentionInDays).toBeGreaterThan(0);
  });

  it('takes throttling from context', () => {
    const { api: throttled } = synthRegistry({ throttleRateLimit: '5', throttleBurstLimit: '7' });
    Template.fromStack(throttled).hasResourceProperties('AWS::ApiGatewayV2::Stage', { DefaultRouteSettings: { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 7 } });
  });
});

describe('CORS', () => {
  it('answers preflight for the site, then the configured origins, and every method of the route table, never "*" outside local', () => {
    const { CorsConfiguration } = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Api'))[0]!.Properties;
    expect(CorsConfiguration.AllowOrigins).toEqual(api.resolve(registry.corsOrigins));
    const [, [scheme, domain]] = CorsConfiguration.AllowOrigins[0]['Fn::Join'] as [string, [string, unknown]];
    expect(`${scheme}${rendered(exportedValue(domain, [web]))}`).toBe('https://${Distribution830FAC52.DomainName}');
    expect(CorsConfiguration.AllowOrigins.slice(1)).toEqual(['http://localhost:3000']);
    expect(CorsConfiguration.AllowOrigins).not.toContain('*');
    expect([...CorsConfiguration.AllowMethods].sort()).toEqual([...new Set(routeList.map((route) => route.method))].sort());
    expect(CorsConfiguration.AllowHeaders).toEqual(expect.arrayContaining(['authorization', 'content-type', 'idempotency-key']));
  });

  it('allows only the site in production, on its custom domain when it has one', () => {
    const { api: production } = synthRegistry({ stage: 'prod', webDomain: 'registry.example.org', webCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c' });
    Template.fromStack(production).hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: { AllowOrigins: ['https://registry.example.org'] } });
  });

  it('tells the handlers the same origins', () => {
    const origins = 'https://registry.example.org,https://staff.example.org';
    const { api: production, registry: productionRegistry } = synthRegistry({ stage: 'prod', corsOrigins: origins });
    Template.fromStack(production).hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: { AllowOrigins: production.resolve(productionRegistry.corsOrigins) } });
    expect(productionRegistry.corsOrigins.slice(1)).toEqual(origins.split(','));
    const functions = nestedStacksOf(production).flatMap((stack) => Object.values(resourcesOf(Template.fromStack(stack), 'AWS::Lambda::Function')));
    expect(functions).toHaveLength(routeList.length);
    // In a nested stack the site's origin arrives as a parameter from the Api stack, which imports it from the Web stack.
    for (const fn of functions) expect(rendered(fn.Properties.Environment.Variables.CORS_ORIGINS)).toMatch(new RegExp(`^https://\\$\\{[^}]+\\},${origins}$`));
  });
});

describe('outputs', () => {
  it('gives the API URL', () => {
    expect(Object.keys(template.findOutputs('ApiUrl'))).toEqual(['ApiUrl']);
  });
});
