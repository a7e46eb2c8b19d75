import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CorsHttpMethod, HttpApi, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { corsPolicy } from '#shared/http/cors.ts';
import { routeList } from '#shared/http/routes.ts';
import { ApiRoutesStack, routeGroups } from './api-routes-stack.ts';
import type { AppFunction, RegistryEnvironment } from './constructs/app-function.ts';
import type { StageSettings } from './settings.ts';

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

/**
 * The HTTP API, built entry by entry from THE route table (shared/http/routes.ts): one Lambda per
 * route. The API, its stage and access logs are here; the routes and their Lambdas are in one nested
 * stack per area of the route table (infra/api-routes-stack.ts): at 7 resources a route, one stack
 * would overrun CloudFormation's 500 resources per template.
 */
export class ApiStack extends Stack {
  readonly api: HttpApi;
  /** The API's base URL, no trailing slash ($default stage): what the pages' /config.js names. */
  readonly url: string;
  /** By operationId. */
  readonly functions = new Map<string, AppFunction>();
  /** By nested stack id (<Area>Routes). */
  readonly routeStacks = new Map<string, ApiRoutesStack>();

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { registry, settings } = props;

    this.api = new HttpApi(this, 'Api', {
      apiName: `stakeholder-registry-${settings.stage}`,
      description: 'Stakeholder registration and notification API',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: registry.corsOrigins,
        allowMethods: corsPolicy.allowMethods.map((method) => CorsHttpMethod[method]),
        allowHeaders: [...corsPolicy.allowHeaders],
        exposeHeaders: [...corsPolicy.exposeHeaders],
        maxAge: Duration.seconds(corsPolicy.maxAgeSeconds),
      },
    });

    this.url = this.api.apiEndpoint;

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_MONTH });
    const stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: settings.throttle,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: AccessLogFormat.custom(JSON.stringify(accessLogFields)) },
    });

    for (const [groupId, routes] of routeGroups(routeList)) {
      const routeStack = new ApiRoutesStack(this, groupId, {
        httpApi: this.api,
        routes,
        registry,
        description: `Stakeholder registry (${settings.stage}): HTTP API routes of the ${routes[0]!.tags[0] ?? 'untagged'} area`,
      });
      this.routeStacks.set(groupId, routeStack);
      for (const [operationId, fn] of routeStack.functions) this.functions.set(operationId, fn);
    }

    new CfnOutput(this, 'ApiUrl', { value: stage.url, description: 'Base URL of the API ($default stage)' });
  }
}
