import { scheduledHandler } from '#shared/jobs/handler.ts';
import { schedules } from '#shared/jobs/schedules.ts';
import { sendReminders } from '#shared/registrations/notices.ts';

export const handler = scheduledHandler(schedules.sendMeetingReminders, ({ now }) => sendReminders(now));
