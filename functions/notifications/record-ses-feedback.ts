import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { recordSesFeedback, type SesFeedbackEvent } from '#shared/email/suppressions.ts';
import { subscriptions } from '#shared/jobs/subscriptions.ts';
import { logger } from '#shared/observability/logger.ts';

/** subscriptions.sesFeedback: SES bounce and complaint events from EventBridge. */
export const handler = middy<SesFeedbackEvent>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const suppressed = await recordSesFeedback(event);
    logger.info('SES feedback', { subscription: subscriptions.sesFeedback.name, detailType: event['detail-type'], suppressed: suppressed.map((entry) => entry.email) });
  });
