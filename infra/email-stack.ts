import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { ConfigurationSet, EmailIdentity, EmailSendingEvent, EventDestination, Identity } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { subscriptionList, type SubscriptionSpec } from '#shared/jobs/subscriptions.ts';
import type { StageSettings } from './settings.ts';

export interface EmailStackProps extends StackProps {
  settings: StageSettings;
}

/** The EventBridge detail-type of each SES event type, as SES publishes them to the default bus. */
export const sesDetailTypes: Readonly<Record<string, EmailSendingEvent>> = {
  'Email Sent': EmailSendingEvent.SEND,
  'Email Rejected': EmailSendingEvent.REJECT,
  'Email Bounced': EmailSendingEvent.BOUNCE,
  'Email Complaint Received': EmailSendingEvent.COMPLAINT,
  'Email Delivered': EmailSendingEvent.DELIVERY,
  'Email Opened': EmailSendingEvent.OPEN,
  'Email Clicked': EmailSendingEvent.CLICK,
  'Email Rendering Failed': EmailSendingEvent.RENDERING_FAILURE,
  'Email Delivery Delayed': EmailSendingEvent.DELIVERY_DELAY,
  'Email Subscribed': EmailSendingEvent.SUBSCRIPTION,
};

/**
 * The SES event types that some subscription of THE subscription table (shared/jobs/subscriptions.ts)
 * listens for: the configuration set publishes those, and no others, to EventBridge.
 */
export function sesEventsSubscribed(subscriptions: readonly SubscriptionSpec[] = subscriptionList): EmailSendingEvent[] {
  const events = subscriptions
    .filter((subscription) => subscription.source === 'aws.ses')
    .flatMap((subscription) =>
      subscription.detailTypes.map((detailType) => {
        const event = sesDetailTypes[detailType];
        if (event === undefined) throw new Error(`subscription ${subscription.name}: '${detailType}' is not an SES event detail-type (${Object.keys(sesDetailTypes).join(', ')})`);
        return event;
      }),
    );
  return [...new Set(events)];
}

/**
 * How the system sends e-mail through SES v2: the configuration set that every message names
 * (reputation metrics; bounces and complaints to the default EventBridge bus, where the
 * subscription rules of the jobs stack pick them up), and, if asked (-c sesIdentity), the sender
 * identity itself, with Easy DKIM for a domain. Without sesIdentity the identity is verified
 * outside the stack. Account-level suppression is left as the account has it: the system keeps
 * its own suppression list (shared/email/suppressions.ts).
 */
export class EmailStack extends Stack {
  readonly configurationSet: ConfigurationSet;
  readonly identity: EmailIdentity | undefined;

  constructor(scope: Construct, id: string, props: EmailStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const { email } = settings;

    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      // Named, so that operators find it in the console and CLI; one per stage in an account and region.
      configurationSetName: `stakeholder-registry-${settings.stage}`,
      reputationMetrics: true,
      sendingEnabled: true,
    });
    const events = sesEventsSubscribed();
    if (events.length > 0) {
      this.configurationSet.addEventDestination('ToEventBridge', {
        // SES can only publish to the default bus.
        destination: EventDestination.eventBus(EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
        events,
      });
    }
    new CfnOutput(this, 'ConfigurationSetName', { value: this.configurationSet.configurationSetName, description: 'SES configuration set that every message is sent with' });

    if (email.createIdentity === undefined) {
      this.identity = undefined;
      new CfnOutput(this, 'SenderIdentity', { value: email.identity, description: 'SES identity to verify outside this stack (or deploy with -c sesIdentity=...)' });
      return;
    }
    const isDomain = !email.createIdentity.includes('@');
    this.identity = new EmailIdentity(this, 'SenderIdentity', {
      identity: isDomain ? Identity.domain(email.createIdentity) : Identity.email(email.createIdentity),
      // Messages sent without a configuration set name still get the feedback events.
      configurationSet: this.configurationSet,
    });
    new CfnOutput(this, 'SenderIdentityName', { value: this.identity.emailIdentityName, description: 'SES identity created by this stack' });
    if (isDomain) {
      // Easy DKIM: three CNAME records to publish in the domain's DNS; the domain is verified once they resolve.
      this.identity.dkimRecords.forEach((record, index) => {
        new CfnOutput(this, `DkimRecord${index + 1}`, { value: `${record.name} CNAME ${record.value}`, description: `DKIM record ${index + 1} of 3 to publish for ${email.createIdentity}` });
      });
    }
  }
}
