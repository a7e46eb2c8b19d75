import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { scheduleList, type ScheduleSpec } from '#shared/jobs/schedules.ts';
import { subscriptionList, type SubscriptionSpec } from '#shared/jobs/subscriptions.ts';
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

/**
 * The handlers that no route calls: the scheduled ones, entry by entry from THE schedule table
 * (shared/jobs/schedules.ts), and those run by other services' events on the default EventBridge
 * bus, entry by entry from THE subscription table (shared/jobs/subscriptions.ts).
 */
export class JobsStack extends Stack {
  /** By job name. */
  readonly functions = new Map<string, AppFunction>();
  /** By subscription name. */
  readonly subscriptions = new Map<string, { fn: AppFunction; rule: Rule; deadLetters: Queue }>();

  constructor(scope: Construct, id: string, props: JobsStackProps) {
    super(scope, id, props);
    for (const job of scheduleList) this.addJob(job, props.registry, props.jobTimeout ?? Duration.minutes(1));
    for (const subscription of subscriptionList) this.addSubscription(subscription, props.registry);
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

  private addSubscription(subscription: SubscriptionSpec, registry: RegistryEnvironment): void {
    const name = constructId(subscription.name);
    // An event that cannot be delivered, or that still fails after Lambda's retries, is kept here
    // for 14 days, to be read and replayed by hand (aws lambda invoke with the message body).
    const deadLetters = new Queue(this, `${name}DeadLetters`, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const fn = new AppFunction(this, `${name}Function`, {
      handler: subscription.handler,
      registry,
      description: `On ${subscription.source} events (${subscription.name}): ${subscription.description}`.slice(0, 256),
      deadLetterQueue: deadLetters,
    });
    // Lambda's own retries of an asynchronous event (its defaults, stated): the handlers write idempotently.
    fn.configureAsyncInvoke({ retryAttempts: 2, maxEventAge: Duration.hours(6) });

    const rule = new Rule(this, `${name}Rule`, {
      description: `${subscription.name}: ${subscription.description}`.slice(0, 512),
      // The default bus: where AWS services, SES among them, publish their events.
      eventPattern: { source: [subscription.source], detailType: [...subscription.detailTypes] },
      // EventBridge retries delivery for up to a day (its defaults, stated), then dead-letters the event.
      targets: [new LambdaFunction(fn, { deadLetterQueue: deadLetters, retryAttempts: 185, maxEventAge: Duration.hours(24) })],
    });
    this.subscriptions.set(subscription.name, { fn, rule, deadLetters });
  }
}
