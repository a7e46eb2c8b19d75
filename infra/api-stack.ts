import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CorsHttpMethod, HttpApi, HttpMethod, HttpRoute, HttpRouteKey, LogGroupLogDestination, type CfnRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';
import { corsPolicy } from '#shared/http/cors.ts';
import { routeList } from '#shared/http/routes.ts';
import type { RouteSpec } from '#shared/http/route-spec.ts';
import { AppFunction, type RegistryEnvironment } from './constructs/app-function.ts';
import type { StageSettings } from './settings.ts';
import { constructId } from './names.ts';

export interface ApiStackProps extends StackProps {
  registry: RegistryEnvironment;
  settings: StageSettings;
}

/** One JSON line per request; integrationError is what API Gateway saw when a Lambda failed. */
const accessLogFields = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationError: '$context.integrationErrorMessage',
};

/** The HTTP API, built entry by entry from THE route table (shared/http/routes.ts): one Lambda per route. */
export class ApiStack extends Stack {
  readonly api: HttpApi;
  readonly functions = new Map<string, AppFunction>();

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { registry, settings } = props;

    this.api = new HttpApi(this, 'Api', {
      apiName: `stakeholder-registry-${settings.stage}`,
      description: 'Stakeholder registration and notification API',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: settings.corsOrigins,
        allowMethods: corsPolicy.allowMethods.map((method) => CorsHttpMethod[method]),
        allowHeaders: [...corsPolicy.allowHeaders],
        exposeHeaders: [...corsPolicy.exposeHeaders],
        maxAge: Duration.seconds(corsPolicy.maxAgeSeconds),
      },
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_MONTH });
    const stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: settings.throttle,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: AccessLogFormat.custom(JSON.stringify(accessLogFields)) },
    });

    for (const route of routeList) this.addRoute(route, registry);

    new CfnOutput(this, 'ApiUrl', { value: stage.url, description: 'Base URL of the API ($default stage)' });
  }

  private addRoute(route: RouteSpec, registry: RegistryEnvironment): void {
    const name = constructId(route.operationId);
    const fn = new AppFunction(this, `${name}Function`, {
      handler: route.handler,
      registry,
      description: `${route.method} ${route.path}: ${route.summary}`.slice(0, 256),
    });
    // GET only reads; every other method writes (POST also writes its idempotency record to the same table).
    fn.bindTable(registry.table, route.method === 'GET' ? 'read' : 'readWrite');
    if (route.access !== 'public') fn.bindSecret(registry.authSecret);
    this.functions.set(route.operationId, fn);

    // No API Gateway authorizer: an HTTP API Lambda authorizer can only deny with 403, and expired or tampered tokens must get 401.
    const httpRoute = new HttpRoute(this, `${name}Route`, {
      httpApi: this.api,
      routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
      integration: new HttpLambdaIntegration(`${name}Integration`, fn),
    });
    NagSuppressions.addResourceSuppressions(httpRoute.node.defaultChild as CfnRoute, [
      {
        id: 'AwsSolutions-APIG4',
        reason:
          route.access === 'public'
            ? `Public by design (route table access 'public'): ${route.method} ${route.path} serves anyone, throttled at the stage.`
            : `Access '${route.access}' is checked in the handler (shared/http/handler.ts, JWT with pinned algorithm, issuer, audience and expiry), ` +
              'because an HTTP API Lambda authorizer can only deny with 403 and the design answers 401 to expired or tampered tokens.',
      },
    ]);
  }
}
