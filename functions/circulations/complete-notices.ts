import { completeFanOuts } from '#shared/circulations/fan-out.ts';
import { scheduledHandler } from '#shared/jobs/handler.ts';
import { schedules } from '#shared/jobs/schedules.ts';

export const handler = scheduledHandler(schedules.completeCirculationNotices, ({ now, remainingMs }) => completeFanOuts(now, () => remainingMs() < 10_000));
