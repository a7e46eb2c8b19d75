import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { subscriptionList } from '#shared/jobs/subscriptions.ts';
import { sesDetailTypes, sesEventsSubscribed } from '../../infra/email-stack.ts';
import { arnOf, rendered, resourcesOf, synthRegistry } from './registry-app.ts';

const { email, settings } = synthRegistry();
const template = Template.fromStack(email);
const configurationSets = Object.entries(resourcesOf(template, 'AWS::SES::ConfigurationSet'));
const destinations = Object.values(resourcesOf(template, 'AWS::SES::ConfigurationSetEventDestination'));
const dkimOutputs = (stackTemplate: Template) => Object.keys(stackTemplate.findOutputs('*')).filter((id) => id.startsWith('DkimRecord')).sort();
/** What the subscription table asks SES for: every detail type of every aws.ses entry. */
const subscribedDetailTypes = subscriptionList.filter((entry) => entry.source === 'aws.ses').flatMap((entry) => entry.detailTypes);

describe('the e-mail stack: the SES configuration set', () => {
  it('is one configuration set, named for the stage, with reputation metrics and sending on', () => {
    expect(configurationSets).toHaveLength(1);
    const [, configurationSet] = configurationSets[0]!;
    expect(configurationSet.Properties.Name).toBe(`stakeholder-registry-${settings.stage}`);
    expect(configurationSet.Properties.ReputationOptions).toEqual({ ReputationMetricsEnabled: true });
    expect(configurationSet.Properties.SendingOptions).toEqual({ SendingEnabled: true });
  });

  it("leaves suppression to the account's setting: the system keeps its own list", () => {
    const [, configurationSet] = configurationSets[0]!;
    expect(configurationSet.Properties.SuppressionOptions).toBeUndefined();
  });

  it('publishes the SES events that the subscription table listens for to the default EventBridge bus', () => {
    // Prepare: the table's aws.ses detail types, in SES's event-type names
    const expected = [...new Set(subscribedDetailTypes.map((detailType) => sesDetailTypes[detailType]))];
    // Assess
    expect(destinations).toHaveLength(1);
    const [destination] = destinations;
    const [configurationSetId] = configurationSets[0]!;
    expect(destination!.Properties.ConfigurationSetName).toEqual({ Ref: configurationSetId });
    expect(destination!.Properties.EventDestination.Enabled).toBe(true);
    expect(rendered(destination!.Properties.EventDestination.EventBridgeDestination.EventBusArn)).toBe(arnOf('events', 'event-bus/default'));
    expect([...destination!.Properties.EventDestination.MatchingEventTypes].sort()).toEqual([...expected].sort());
    // Bounces and complaints above all: they feed the suppression list.
    expect(destination!.Properties.EventDestination.MatchingEventTypes).toEqual(expect.arrayContaining(['bounce', 'complaint']));
  });

  it('refuses a subscription to an SES detail type that SES does not publish', () => {
    const typo = { name: 'typo', handler: 'x/y', source: 'aws.ses', detailTypes: ['Email Bounce'], description: 'typo' } as const;
    expect(() => sesEventsSubscribed([typo])).toThrow(/subscription typo: 'Email Bounce' is not an SES event detail-type/);
    expect(sesEventsSubscribed([{ ...typo, source: 'aws.other' }])).toEqual([]);
  });

  it('outputs the configuration set name', () => {
    expect(template.findOutputs('ConfigurationSetName').ConfigurationSetName?.Value).toEqual({ Ref: configurationSets[0]![0] });
  });
});

describe('the e-mail stack: the sender identity', () => {
  it('creates none by default, and names the one to verify outside the stack', () => {
    expect(resourcesOf(template, 'AWS::SES::EmailIdentity')).toEqual({});
    expect(template.findOutputs('SenderIdentity').SenderIdentity?.Value).toBe(settings.email.senderDomain);
  });

  it('creates a domain identity with Easy DKIM and the configuration set when asked, and outputs its three DKIM records', () => {
    // Act
    const { email: withIdentity } = synthRegistry({ sesIdentity: settings.email.senderDomain });
    const created = Template.fromStack(withIdentity);
    // Assess
    const identities = Object.values(resourcesOf(created, 'AWS::SES::EmailIdentity'));
    expect(identities).toHaveLength(1);
    expect(identities[0]!.Properties.EmailIdentity).toBe(settings.email.senderDomain);
    expect(identities[0]!.Properties.ConfigurationSetAttributes.ConfigurationSetName).toEqual({ Ref: Object.keys(resourcesOf(created, 'AWS::SES::ConfigurationSet'))[0] });
    // Easy DKIM: signing not turned off, no key of our own
    expect(identities[0]!.Properties.DkimAttributes?.SigningEnabled ?? true).toBe(true);
    expect(identities[0]!.Properties.DkimSigningAttributes?.DomainSigningPrivateKey).toBeUndefined();
    expect(dkimOutputs(created)).toEqual(['DkimRecord1', 'DkimRecord2', 'DkimRecord3']);
  });

  it('creates an address identity, with no DKIM records, when asked for the sender address', () => {
    const { email: withIdentity } = synthRegistry({ sesIdentity: settings.email.senderAddress });
    const created = Template.fromStack(withIdentity);
    expect(Object.values(resourcesOf(created, 'AWS::SES::EmailIdentity')).map((identity) => identity.Properties.EmailIdentity)).toEqual([settings.email.senderAddress]);
    expect(dkimOutputs(created)).toEqual([]);
  });
});
