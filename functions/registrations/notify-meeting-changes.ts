import { scheduledHandler } from '#shared/jobs/handler.ts';
import { schedules } from '#shared/jobs/schedules.ts';
import { notifyMeetingChanges } from '#shared/registrations/notices.ts';

export const handler = scheduledHandler(schedules.notifyMeetingChanges, ({ now, remainingMs }) => notifyMeetingChanges(now, remainingMs));
