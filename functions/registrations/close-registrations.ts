import { scheduledHandler } from '#shared/jobs/handler.ts';
import { schedules } from '#shared/jobs/schedules.ts';
import { closeRegistrations } from '#shared/registrations/notices.ts';

export const handler = scheduledHandler(schedules.closeRegistrations, ({ now }) => closeRegistrations(now));
