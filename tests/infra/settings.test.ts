import { App } from 'aws-cdk-lib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetConfig, setting } from '#shared/config.ts';
import { stageSettings } from '../../infra/settings.ts';

const settingsFor = (context: Record<string, string>) => stageSettings(new App({ context }).node);

describe('stage settings from CDK context', () => {
  it('synthesises a dev stage with no context at all', () => {
    const settings = settingsFor({});
    expect(settings.stage).toBe('dev');
    expect(settings.corsOrigins).not.toContain('*');
    expect(settings.throttle.rateLimit).toBeGreaterThan(0);
    expect(settings.throttle.burstLimit).toBeGreaterThanOrEqual(settings.throttle.rateLimit);
  });

  it('takes origins, issuer and throttling from context', () => {
    const settings = settingsFor({ stage: 'prod', corsOrigins: 'https://a.example.org, https://b.example.org', authIssuer: 'opga', staffLoginDomainPrefix: 'opga-staff', throttleRateLimit: '20', throttleBurstLimit: '40' });
    expect(settings).toEqual({
      stage: 'prod',
      corsOrigins: ['https://a.example.org', 'https://b.example.org'],
      authIssuer: 'opga',
      staffIdentity: { stage: 'prod', loginDomainPrefix: 'opga-staff' },
      throttle: { rateLimit: 20, burstLimit: 40 },
      email: expect.any(Object),
      web: {},
    });
  });

  it('names the staff login domain after the stage unless told, and refuses a prefix Cognito would', () => {
    expect(settingsFor({ stage: 'prod' }).staffIdentity).toEqual({ stage: 'prod', loginDomainPrefix: 'stakeholder-registry-prod' });
    for (const staffLoginDomainPrefix of ['OPGA', 'opga_staff', 'my-cognito-login', '-opga', 'a'.repeat(64)]) {
      expect(() => settingsFor({ staffLoginDomainPrefix }), staffLoginDomainPrefix).toThrow(/staffLoginDomainPrefix/);
    }
  });

  const entra = {
    name: 'OPGA-Entra',
    issuer: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0',
    clientId: '11111111-1111-1111-1111-111111111111',
    clientSecretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:entra-client-AbCdEf',
    rolesClaim: 'roles',
    roles: { reviewer: ['Registry.Reviewer'], admin: ['Registry.Admin'] },
  };

  it('takes an organisation’s OpenID provider to federate, with the values that make each role', () => {
    expect(settingsFor({ staffFederation: JSON.stringify(entra) }).staffIdentity.federation).toEqual(entra);
  });

  it('refuses a federation setting that is not JSON, names no role value, or has a plain-text secret or an http issuer, naming the field', () => {
    expect(() => settingsFor({ staffFederation: '{name:' })).toThrow(/staffFederation must be JSON/);
    expect(() => settingsFor({ staffFederation: JSON.stringify({ ...entra, roles: {} }) })).toThrow(/staffFederation: roles at least one value/);
    expect(() => settingsFor({ staffFederation: JSON.stringify({ ...entra, clientSecretArn: 's3cr3t' }) })).toThrow(/clientSecretArn a Secrets Manager secret ARN/);
    expect(() => settingsFor({ staffFederation: JSON.stringify({ ...entra, issuer: 'http://login.example.org' }) })).toThrow(/issuer the provider's issuer/);
    expect(() => settingsFor({ staffFederation: JSON.stringify({ ...entra, clientSecret: 'plain' }) })).toThrow(/staffFederation/);
  });

  it("allows '*' on the local stage only", () => {
    expect(settingsFor({ stage: 'local' }).corsOrigins).toEqual(['*']);
    expect(() => settingsFor({ stage: 'dev', corsOrigins: '*' })).toThrow(/only on the local stage/);
    expect(() => settingsFor({ stage: 'prod', corsOrigins: 'https://a.example.org,*' })).toThrow(/only on the local stage/);
  });

  it("allows production no origin but the site's own unless told (the site is added in infra/stakeholder-registry.ts)", () => {
    expect(settingsFor({ stage: 'prod' }).corsOrigins).toEqual([]);
  });

  it('takes a custom domain for the pages with its us-east-1 certificate, both or neither', () => {
    const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb';
    expect(settingsFor({ webDomain: 'Registry.Example.org', webCertificateArn: certificateArn }).web).toEqual({ domain: 'registry.example.org', certificateArn });
    expect(() => settingsFor({ webDomain: 'registry.example.org' })).toThrow(/go together/);
    expect(() => settingsFor({ webCertificateArn: certificateArn })).toThrow(/go together/);
    expect(() => settingsFor({ webDomain: 'https://registry.example.org', webCertificateArn: certificateArn })).toThrow(/host name/);
    expect(() => settingsFor({ webDomain: 'registry.example.org', webCertificateArn: certificateArn.replace('us-east-1', 'eu-west-1') })).toThrow(/us-east-1/);
  });

  it('refuses malformed settings', () => {
    expect(() => settingsFor({ corsOrigins: 'example.org' })).toThrow(/scheme and host/);
    expect(() => settingsFor({ corsOrigins: 'https://example.org/app' })).toThrow(/scheme and host/);
    expect(() => settingsFor({ stage: 'Prod_1' })).toThrow(/lower-case/);
    expect(() => settingsFor({ throttleRateLimit: '-1' })).toThrow(/positive/);
  });
});

describe('e-mail settings from CDK context', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    resetConfig();
  });

  it('defaults to what the handlers default to (shared/config.ts), so a stage without context sends as npm start does', () => {
    // Prepare: the handlers' configuration with nothing of e-mail set
    vi.stubEnv('TABLE_NAME', 'any');
    for (const name of ['SENDER_EMAIL', 'STAFF_ALERT_EMAIL', 'REPLY_TO_EMAIL', 'EMAIL_FOOTER', 'SES_MAX_SEND_RATE']) vi.stubEnv(name, undefined);
    resetConfig();
    // Act
    const handlers = { SENDER_EMAIL: setting('SENDER_EMAIL'), STAFF_ALERT_EMAIL: setting('STAFF_ALERT_EMAIL'), EMAIL_FOOTER: setting('EMAIL_FOOTER'), SES_MAX_SEND_RATE: setting('SES_MAX_SEND_RATE'), REPLY_TO_EMAIL: setting('REPLY_TO_EMAIL') };
    const { email } = settingsFor({});
    // Assess
    expect(email).toMatchObject({
      sender: handlers.SENDER_EMAIL,
      staffAlert: handlers.STAFF_ALERT_EMAIL,
      footer: handlers.EMAIL_FOOTER,
      maxSendRate: handlers.SES_MAX_SEND_RATE,
    });
    expect(email.replyTo).toBeUndefined();
  });

  it("grants the sender's domain when the identity is verified outside the stack", () => {
    const { email } = settingsFor({ senderEmail: 'Registry <No-Reply@Mail.Example.ORG>' });
    expect(email).toMatchObject({ sender: 'Registry <No-Reply@Mail.Example.ORG>', senderAddress: 'No-Reply@Mail.Example.ORG', senderDomain: 'mail.example.org', identity: 'mail.example.org' });
    expect(email.createIdentity).toBeUndefined();
  });

  it('takes every e-mail setting from context', () => {
    const { email } = settingsFor({
      senderEmail: 'no-reply@mail.example.org',
      staffAlertEmail: 'alerts@example.org',
      replyToEmail: 'OPGA desk <desk@example.org>',
      emailFooter: 'OPGA, New York',
      sesMaxSendRate: '14',
      sesIdentity: 'Mail.Example.org',
    });
    expect(email).toEqual({
      sender: 'no-reply@mail.example.org',
      senderAddress: 'no-reply@mail.example.org',
      senderDomain: 'mail.example.org',
      staffAlert: 'alerts@example.org',
      replyTo: 'OPGA desk <desk@example.org>',
      footer: 'OPGA, New York',
      maxSendRate: 14,
      createIdentity: 'mail.example.org',
      identity: 'mail.example.org',
    });
  });

  it('creates an address identity when asked for the sender address itself', () => {
    const { email } = settingsFor({ senderEmail: 'OPGA <no-reply@example.org>', sesIdentity: 'no-reply@example.org' });
    expect(email.createIdentity).toBe('no-reply@example.org');
    expect(email.identity).toBe('no-reply@example.org');
  });

  it.each(['0', '-1', 'fast', 'Infinity'])('refuses sesMaxSendRate %s', (rate) => {
    expect(() => settingsFor({ sesMaxSendRate: rate })).toThrow(/sesMaxSendRate must be a positive number/);
  });

  it('refuses a sesMaxSendRate the handlers would refuse', () => {
    expect(() => settingsFor({ sesMaxSendRate: '1001' })).toThrow(/sesMaxSendRate must be at most 1000/);
    expect(settingsFor({ sesMaxSendRate: '0.5' }).email.maxSendRate).toBe(0.5);
  });

  it.each(['no-reply', 'no-reply@localhost', 'OPGA <no-reply@example.org', 'OPGA <no-reply>', 'a@example.org, b@example.org', 'OPGA <a@example.org> <b@example.org>'])(
    'refuses the malformed sender %s',
    (sender) => {
      expect(() => settingsFor({ senderEmail: sender })).toThrow(/senderEmail .*give an address/);
    },
  );

  it.each(['OPGA, UN <no-reply@example.org>', '"OPGA" <no-reply@example.org>', 'OPGA: registry <no-reply@example.org>', 'U.N. OPGA <no-reply@example.org>', 'Présidence <no-reply@example.org>'])(
    'refuses the display name of %s',
    (sender) => {
      expect(() => settingsFor({ senderEmail: sender })).toThrow(/senderEmail display name/);
    },
  );

  it('refuses malformed staff alert and reply-to addresses', () => {
    expect(() => settingsFor({ staffAlertEmail: 'OPGA <alerts@example.org>' })).toThrow(/staffAlertEmail .*plain address/);
    expect(() => settingsFor({ staffAlertEmail: 'alerts' })).toThrow(/staffAlertEmail/);
    expect(() => settingsFor({ replyToEmail: 'desk@' })).toThrow(/replyToEmail .*give an address/);
  });

  it('refuses an SES identity that would not send the sender address', () => {
    expect(() => settingsFor({ sesIdentity: 'example.org' })).toThrow(/sesIdentity 'example.org' is not what SES sends .*stakeholders.example.org/);
    expect(() => settingsFor({ sesIdentity: 'other@stakeholders.example.org' })).toThrow(/sesIdentity/);
    expect(() => settingsFor({ sesIdentity: 'not a domain' })).toThrow(/sesIdentity 'not a domain': give a domain/);
  });

  it('refuses a footer that would crowd out the rest of the environment', () => {
    expect(() => settingsFor({ emailFooter: 'x'.repeat(1001) })).toThrow(/emailFooter has 1001 characters/);
  });
});
