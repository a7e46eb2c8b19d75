import { Logger } from '@aws-lambda-powertools/logger';
import { setting } from '#shared/config.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { env: ['POWERTOOLS_SERVICE_NAME'] };

/** One structured JSON logger per process; the middy stacks add the request id and route. */
export const logger = new Logger({ serviceName: setting('POWERTOOLS_SERVICE_NAME') });
