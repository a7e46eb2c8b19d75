import type { ScheduledEvent } from 'aws-lambda';
import { scheduleList, type ScheduleSpec } from '#shared/jobs/schedules.ts';
import { lambdaContext } from '#local/api-gateway-event.ts';
import { invokeHandler } from '#local/handlers.ts';

/** Seconds between local ticks: LOCAL_<NAME>_EVERY_SECONDS, else the entry's local rate, else its AWS rate. */
export function localIntervalSeconds(job: ScheduleSpec, env: NodeJS.ProcessEnv = process.env): number {
  const override = Number(env[`LOCAL_${job.name.toUpperCase().replace(/\W/g, '_')}_EVERY_SECONDS`]);
  if (Number.isFinite(override) && override > 0) return override;
  return job.localEverySeconds ?? job.everyMinutes * 60;
}

/** The EventBridge Scheduler event a scheduled Lambda receives. */
function scheduledEvent(job: ScheduleSpec, now: Date): ScheduledEvent {
  return {
    version: '0',
    id: crypto.randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.scheduler',
    account: '000000000000',
    time: now.toISOString(),
    region: 'local',
    resources: [`arn:aws:scheduler:local:000000000000:schedule/default/${job.name}`],
    detail: {},
  };
}

export interface LocalScheduler {
  runNow(name: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Ticks every job of the schedule table in-process; a run still going when the next tick comes
 * is not overlapped, as a Lambda with reserved concurrency 1 would not be.
 */
export function startScheduler(options: { onError?: (job: string, error: unknown) => void } = {}): LocalScheduler {
  const running = new Map<string, Promise<void>>();
  const timers: NodeJS.Timeout[] = [];
  const run = (job: ScheduleSpec): Promise<void> => {
    const current = running.get(job.name);
    if (current) return current;
    const next = (async () => {
      await invokeHandler<ScheduledEvent, unknown>(job.handler, scheduledEvent(job, new Date()), lambdaContext(`local-${job.name}`, 60_000));
    })()
      .catch((error: unknown) => options.onError?.(job.name, error))
      .finally(() => running.delete(job.name));
    running.set(job.name, next);
    return next;
  };
  for (const job of scheduleList) {
    timers.push(setTimeout(() => void run(job), 1000).unref());
    timers.push(setInterval(() => void run(job), localIntervalSeconds(job) * 1000).unref());
  }
  return {
    runNow: async (name) => {
      const job = scheduleList.find((candidate) => candidate.name === name);
      if (!job) throw new Error(`No scheduled job is named '${name}'`);
      await run(job);
    },
    stop: async () => {
      timers.forEach((timer) => clearInterval(timer));
      await Promise.allSettled(running.values());
    },
  };
}
