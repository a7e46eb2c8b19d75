import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import baseEvent from '../events/http-api-v2.json' with { type: 'json' };

/** The canonical fake Lambda context (as in the Powertools test suites). */
export const context = (): Context => ({
  callbackWaitsForEmptyEventLoop: true,
  functionVersion: '$LATEST',
  functionName: 'test-function',
  memoryLimitInMB: '512',
  logGroupName: '/aws/lambda/test-function',
  logStreamName: '2017/05/08/[$LATEST]abcdef',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:test-function',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

/** An HTTP API v2 event for a route, from the JSON fixture, with the parts a test sets. */
export function httpEvent(input: {
  method: string;
  path: string;
  routeKey: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
}): APIGatewayProxyEventV2 {
  const event = structuredClone(baseEvent) as APIGatewayProxyEventV2;
  event.routeKey = input.routeKey;
  event.rawPath = input.path;
  event.requestContext.routeKey = input.routeKey;
  event.requestContext.http.method = input.method;
  event.requestContext.http.path = input.path;
  if (input.pathParameters) event.pathParameters = input.pathParameters;
  if (input.query) {
    event.queryStringParameters = input.query;
    event.rawQueryString = new URLSearchParams(input.query).toString();
  }
  event.headers = { ...event.headers, ...input.headers };
  if (input.body !== undefined) {
    event.body = typeof input.body === 'string' ? input.body : JSON.stringify(input.body);
    event.headers['content-type'] ??= 'application/json';
  }
  return event;
}

export type Result = APIGatewayProxyStructuredResultV2;
export const json = (result: Result): Record<string, unknown> => JSON.parse(result.body ?? 'null') as Record<string, unknown>;
