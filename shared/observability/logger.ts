import { Logger } from '@aws-lambda-powertools/logger';

/** One structured JSON logger per process; the middy stacks add the request id and route. */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'stakeholder-registry' });
