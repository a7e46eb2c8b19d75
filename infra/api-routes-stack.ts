import { NestedStack, type NestedStackProps } from 'aws-cdk-lib';
import { HttpMethod, HttpRoute, HttpRouteKey, type CfnRoute, type IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';
import type { RouteSpec } from '#shared/http/route-spec.ts';
import type { routeList } from '#shared/http/routes.ts';
import { AppFunction, type RegistryEnvironment } from './constructs/app-function.ts';
import { constructId } from './names.ts';

/**
 * Routes per nested stack at most: each route is 7 resources (log group, role, policy, function,
 * integration, permission, route), so 60 routes are 420 of CloudFormation's 500 per template.
 */
export const maxRoutesPerNestedStack = 60;
/** The size an area is split to when it outgrows one nested stack; below the maximum, for hash imbalance. */
const routesPerShard = 45;

/** FNV-1a, 32 bits: a route's shard must not depend on the order of the route table, nor on the Node version. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
  return hash;
}

type Groupable = Pick<RouteSpec, 'operationId' | 'tags'>;

/**
 * The nested stack of each route, by id: one per route-table area (the route's first tag), e.g.
 * SteeringCommitteeRoutes. An area of more than maxRoutesPerNestedStack routes is split by a hash of
 * the operationId; its first shard keeps the area's id, the others are <Area>Routes2, 3, ...
 * A route changes stack only when its first tag changes or its area is split (anew); CloudFormation
 * cannot do that in one deploy, since the new stack creates the route key before the old one is gone.
 */
export function routeGroups<R extends Groupable>(routes: readonly R[]): Map<string, R[]> {
  const areas = new Map<string, R[]>();
  for (const route of routes) {
    const area = constructId(route.tags[0] ?? 'untagged');
    areas.set(area, [...(areas.get(area) ?? []), route]);
  }
  const groups = new Map<string, R[]>();
  for (const [area, members] of areas) {
    for (const [shard, shardMembers] of shardsOf(members).entries()) groups.set(`${area}Routes${shard === 0 ? '' : shard + 1}`, shardMembers);
  }
  return groups;
}

function shardsOf<R extends Groupable>(members: R[]): R[][] {
  if (members.length <= maxRoutesPerNestedStack) return [members];
  // The fewest shards from routesPerShard up whose every shard fits: deterministic, whatever the hash's spread.
  for (let count = Math.ceil(members.length / routesPerShard); ; count += 1) {
    const shards = Array.from({ length: count }, () => [] as R[]);
    for (const route of members) shards[fnv1a(route.operationId) % count]!.push(route);
    if (shards.every((shard) => shard.length <= maxRoutesPerNestedStack)) return shards;
  }
}

export interface ApiRoutesStackProps extends NestedStackProps {
  httpApi: IHttpApi;
  /** Entries of THE route table (shared/http/routes.ts), one area's: never routes defined here. */
  routes: readonly (typeof routeList)[number][];
  registry: RegistryEnvironment;
}

/** Some routes of the HTTP API (one area of the route table), each with its own Lambda, in a nested stack of the Api stack. */
export class ApiRoutesStack extends NestedStack {
  /** By operationId. */
  readonly functions = new Map<string, AppFunction>();
  /** By operationId. */
  readonly routes = new Map<string, HttpRoute>();

  constructor(scope: Construct, id: string, props: ApiRoutesStackProps) {
    super(scope, id, props);
    for (const route of props.routes) this.addRoute(route, props.httpApi, props.registry);
  }

  private addRoute(route: RouteSpec, httpApi: IHttpApi, registry: RegistryEnvironment): void {
    const name = constructId(route.operationId);
    const fn = new AppFunction(this, `${name}Function`, {
      handler: route.handler,
      registry,
      description: `${route.method} ${route.path}: ${route.summary}`.slice(0, 256),
    });
    // Its role and environment come from its bundled code (infra/function-needs.ts), not from its method or access.
    this.functions.set(route.operationId, fn);

    // No API Gateway authorizer: an HTTP API Lambda authorizer can only deny with 403, and expired or tampered tokens must get 401.
    const httpRoute = new HttpRoute(this, `${name}Route`, {
      httpApi,
      routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
      integration: new HttpLambdaIntegration(`${name}Integration`, fn),
    });
    this.routes.set(route.operationId, httpRoute);
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
