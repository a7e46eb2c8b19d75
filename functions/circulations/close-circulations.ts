import { closeDueCirculations } from '#shared/circulations/closing.ts';
import { scheduledHandler } from '#shared/jobs/handler.ts';
import { schedules } from '#shared/jobs/schedules.ts';

export const handler = scheduledHandler(schedules.closeCirculations, ({ now }) => closeDueCirculations(now));
