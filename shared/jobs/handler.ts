import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { systemClock, type Clock } from '#shared/clock.ts';
import type { ScheduleSpec } from '#shared/jobs/schedules.ts';
import { logger } from '#shared/observability/logger.ts';

export interface JobRun {
  now: Date;
  /** Milliseconds left before the invocation times out; jobs stop taking new work well before. */
  remainingMs: () => number;
}

/** The one middy stack for scheduled handlers: logging with the job name; a failure is logged and rethrown. */
export function scheduledHandler(job: ScheduleSpec, run: (run: JobRun) => Promise<unknown>, clock: Clock = systemClock) {
  return middy<ScheduledEvent, unknown, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use({ before: () => logger.appendKeys({ job: job.name }), onError: ({ error }) => logger.error('Scheduled job failed', { error: error as Error }) })
    .handler(async (_event, context) => run({ now: clock.now(), remainingMs: () => context.getRemainingTimeInMillis() }));
}
