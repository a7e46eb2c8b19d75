import { scheduledHandler } from '#shared/jobs/handler.ts';
import { schedules } from '#shared/jobs/schedules.ts';
import { recordHeartbeat } from '#shared/system/heartbeat.ts';

export const handler = scheduledHandler(schedules.heartbeat, ({ now }) => recordHeartbeat(schedules.heartbeat.name, now));
