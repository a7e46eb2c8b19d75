import { scheduledHandler } from '#shared/jobs/handler.ts';
import { schedules } from '#shared/jobs/schedules.ts';
import { remindStaleInquiries } from '#shared/trust-fund/trust-fund.ts';

export const handler = scheduledHandler(schedules.remindStaleInquiries, ({ now }) => remindStaleInquiries(now));
