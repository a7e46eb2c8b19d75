import { systemClock } from '#shared/clock.ts';
import { dispatchNotifications } from '#shared/email/dispatcher.ts';
import { scheduledHandler } from '#shared/jobs/handler.ts';
import { schedules } from '#shared/jobs/schedules.ts';

export const handler = scheduledHandler(schedules.dispatchNotifications, ({ remainingMs }) => dispatchNotifications({ clock: systemClock, remainingMs }));
