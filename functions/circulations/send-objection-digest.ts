import { sendObjectionDigest } from '#shared/circulations/closing.ts';
import { scheduledHandler } from '#shared/jobs/handler.ts';
import { schedules } from '#shared/jobs/schedules.ts';

export const handler = scheduledHandler(schedules.sendObjectionDigest, ({ now }) => sendObjectionDigest(now));
