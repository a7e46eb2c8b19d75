import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { routeList } from '#shared/http/routes.ts';
import { actionsOf, logicalIdOf, referencedId, resourcesOf, statementsOfRole, synthRegistry } from './registry-app.ts';

const { api, settings } = synthRegistry();
const template = Template.fromStack(api);
const routes = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Route'));
const integrations = resourcesOf(template, 'AWS::ApiGatewayV2::Integration');
const functions = resourcesOf(template, 'AWS::Lambda::Function');
const [stage] = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Stage'));
const routeKey = (route: { method: string; path: string }) => `${route.method} ${route.path}`;

/** The Lambda logical id behind a route resource: Target "integrations/<ref>" → IntegrationUri. */
function functionIdBehind(route: (typeof routes)[number]): string {
  const [, parts] = route.Properties.Target['Fn::Join'] as [string, [string, { Ref: string }]];
  return referencedId(integrations[parts[1].Ref]!.Properties.IntegrationUri);
}

describe('the HTTP API, built from the route table', () => {
  it('has exactly one route per route-table entry, keyed "METHOD path"', () => {
    expect(routes.map((route) => route.Properties.RouteKey).sort()).toEqual(routeList.map(routeKey).sort());
  });

  it.each(routeList)('integrates $method $path with its own Lambda (payload v2)', (spec) => {
    const route = routes.find((candidate) => candidate.Properties.RouteKey === routeKey(spec))!;
    const fnId = functionIdBehind(route);
    expect(fnId).toBe(logicalIdOf(api, api.functions.get(spec.operationId)!));
    expect(functions[fnId]!.Properties.Description).toMatch(new RegExp(`^${spec.method} ${spec.path.replace(/[{}]/g, '\\$&')}:`));
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0', IntegrationUri: { 'Fn::GetAtt': [fnId, 'Arn'] } });
  });

  it('has one Lambda per route, none shared', () => {
    expect(Object.keys(functions)).toHaveLength(routeList.length);
    expect(new Set(routes.map(functionIdBehind)).size).toBe(routeList.length);
  });

  it('gives no route an API Gateway authorizer: the handlers answer 401 themselves', () => {
    expect(resourcesOf(template, 'AWS::ApiGatewayV2::Authorizer')).toEqual({});
    for (const route of routes) {
      expect(route.Properties.AuthorizationType ?? 'NONE').toBe('NONE');
      expect(route.Properties.AuthorizerId).toBeUndefined();
    }
  });

  it.each(routeList)('grants $method $path only what it needs', (spec) => {
    const fn = functions[logicalIdOf(api, api.functions.get(spec.operationId)!)]!;
    const actions = actionsOf(statementsOfRole(template, referencedId(fn.Properties.Role)));
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
    expect(actions).not.toContain('dynamodb:Scan');
    if (spec.method === 'GET') expect(actions.filter((action) => /^dynamodb:.*(Put|Update|Delete|Write)/.test(action))).toEqual([]);
    else expect(actions).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem']));
    expect(actions.includes('secretsmanager:GetSecretValue')).toBe(spec.access !== 'public');
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
  it('answers preflight for the configured origins and every method of the route table, never "*" outside local', () => {
    const { CorsConfiguration } = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Api'))[0]!.Properties;
    expect(CorsConfiguration.AllowOrigins).toEqual(settings.corsOrigins);
    expect(CorsConfiguration.AllowOrigins).not.toContain('*');
    expect([...CorsConfiguration.AllowMethods].sort()).toEqual([...new Set(routeList.map((route) => route.method))].sort());
    expect(CorsConfiguration.AllowHeaders).toEqual(expect.arrayContaining(['authorization', 'content-type', 'idempotency-key']));
  });

  it('tells the handlers the same origins', () => {
    const origins = 'https://registry.example.org,https://staff.example.org';
    const { api: production } = synthRegistry({ stage: 'prod', corsOrigins: origins });
    const prodTemplate = Template.fromStack(production);
    prodTemplate.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: { AllowOrigins: origins.split(',') } });
    for (const fn of Object.values(resourcesOf(prodTemplate, 'AWS::Lambda::Function'))) {
      expect(fn.Properties.Environment.Variables.CORS_ORIGINS).toBe(origins);
    }
  });
});

describe('outputs', () => {
  it('gives the API URL', () => {
    expect(Object.keys(template.findOutputs('ApiUrl'))).toEqual(['ApiUrl']);
  });
});
