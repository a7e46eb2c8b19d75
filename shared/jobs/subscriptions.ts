/**
 * THE subscription table: handlers run by events from other AWS services, not by a route or a
 * schedule. infra/jobs-stack.ts wires each to an EventBridge rule; locally, staff routes stand in
 * for the events (there are no SES bounces on one machine).
 */
export interface SubscriptionSpec {
  name: string;
  /** Module under functions/, without extension: functions/<handler>.ts exports `handler`. */
  handler: `${string}/${string}`;
  /** The EventBridge pattern's source and detail types. */
  source: string;
  detailTypes: readonly string[];
  description: string;
}

export const subscriptions = {
  sesFeedback: {
    name: 'ses-feedback',
    handler: 'notifications/record-ses-feedback',
    source: 'aws.ses',
    detailTypes: ['Email Bounced', 'Email Complaint Received'],
    description: 'Puts permanently bounced and complaining addresses on the suppression list',
  },
} as const satisfies Record<string, SubscriptionSpec>;

export const subscriptionList: readonly SubscriptionSpec[] = Object.values(subscriptions);
