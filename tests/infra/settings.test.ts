import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
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
    const settings = settingsFor({ stage: 'prod', corsOrigins: 'https://a.example.org, https://b.example.org', authIssuer: 'opga', throttleRateLimit: '20', throttleBurstLimit: '40' });
    expect(settings).toEqual({ stage: 'prod', corsOrigins: ['https://a.example.org', 'https://b.example.org'], authIssuer: 'opga', throttle: { rateLimit: 20, burstLimit: 40 } });
  });

  it("allows '*' on the local stage only", () => {
    expect(settingsFor({ stage: 'local' }).corsOrigins).toEqual(['*']);
    expect(() => settingsFor({ stage: 'dev', corsOrigins: '*' })).toThrow(/only on the local stage/);
    expect(() => settingsFor({ stage: 'prod', corsOrigins: 'https://a.example.org,*' })).toThrow(/only on the local stage/);
  });

  it('makes production name its origins', () => {
    expect(() => settingsFor({ stage: 'prod' })).toThrow(/corsOrigins/);
  });

  it('refuses malformed settings', () => {
    expect(() => settingsFor({ corsOrigins: 'example.org' })).toThrow(/scheme and host/);
    expect(() => settingsFor({ corsOrigins: 'https://example.org/app' })).toThrow(/scheme and host/);
    expect(() => settingsFor({ stage: 'Prod_1' })).toThrow(/lower-case/);
    expect(() => settingsFor({ throttleRateLimit: '-1' })).toThrow(/positive/);
  });
});
