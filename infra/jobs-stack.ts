import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { scheduleList, type ScheduleSpec } from '#shared/jobs/schedules.ts';
import { AppFunction, type RegistryEnvironment } from './constructs/app-function.ts';
import { constructId } from './names.ts';

export interface JobsStackProps extends StackProps {
  registry: RegistryEnvironment;
  /** How long one run may take; shorter than the shortest rate, so runs of a job do not overlap. */
  jobTimeout?: Duration;
}

/** EventBridge Scheduler's rate syntax: singular for one unit, as the service requires. */
export function rateExpression(everyMinutes: number): string {
  if (!Number.isInteger(everyMinutes) || everyMinutes < 1) throw new Error(`everyMinutes must be a whole number >= 1, got ${everyMinutes}`);
  return `rate(${everyMinutes} ${everyMinutes === 1 ? 'minute' : 'minutes'})`;
}

/** LambdaInvoke whose role may invoke the function itself only: no `<arn>:*` for versions and aliases, which we never publish. */
class InvokeJobFunction extends LambdaInvoke {
  protected override addTargetActionToRole(role: IRole): void {
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.targetArn] }));
  }
}

/** The scheduled handlers, built entry by entry from THE schedule table (shared/jobs/schedules.ts). */
export class JobsStack extends Stack {
  readonly functions = new Map<string, AppFunction>();

  constructor(scope: Construct, id: string, props: JobsStackProps) {
    super(scope, id, props);
    for (const job of scheduleList) this.addJob(job, props.registry, props.jobTimeout ?? Duration.minutes(1));
  }

  private addJob(job: ScheduleSpec, registry: RegistryEnvironment, timeout: Duration): void {
    const name = constructId(job.name);
    if (timeout.toSeconds() > job.everyMinutes * 60) throw new Error(`job ${job.name}: a ${timeout.toHumanString()} timeout would let runs overlap at ${rateExpression(job.everyMinutes)}`);
    const fn = new AppFunction(this, `${name}Function`, {
      handler: job.handler,
      registry,
      description: `Scheduled ${job.name}: ${job.description}`.slice(0, 256),
      timeout,
    });
    fn.bindTable(registry.table, 'readWrite');
    // A failed run is not retried by Lambda: the next tick is the retry, and jobs claim work with conditional writes.
    fn.configureAsyncInvoke({ retryAttempts: 0 });
    this.functions.set(job.name, fn);

    new Schedule(this, `${name}Schedule`, {
      description: job.description.slice(0, 512),
      schedule: ScheduleExpression.expression(rateExpression(job.everyMinutes)),
      // Delivery is retried only until the next tick would run anyway (the service caps the age at a day).
      target: new InvokeJobFunction(fn, { retryAttempts: 2, maxEventAge: Duration.minutes(Math.min(job.everyMinutes, 24 * 60)) }),
    });
  }
}
