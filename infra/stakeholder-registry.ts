import { CrossStackReferences, ReferenceStrength, Tags, type App } from 'aws-cdk-lib';
import { ApiStack } from './api-stack.ts';
import { DataStack } from './data-stack.ts';
import { EmailStack } from './email-stack.ts';
import { JobsStack } from './jobs-stack.ts';
import type { RegistryEnvironment } from './constructs/app-function.ts';
import { stageSettings, type StageSettings } from './settings.ts';

export interface StakeholderRegistryStacks {
  settings: StageSettings;
  data: DataStack;
  email: EmailStack;
  registry: RegistryEnvironment;
  api: ApiStack;
  jobs: JobsStack;
}

/**
 * The whole system for one stage: the data stack (table, signing secret), the e-mail stack (SES
 * configuration set, and the sender identity if asked) and the stateless API and jobs stacks that
 * use them. Stacks are environment-agnostic, so synth needs no AWS account.
 */
export function defineStakeholderRegistry(app: App): StakeholderRegistryStacks {
  const settings = stageSettings(app.node);
  // Strong (Export/ImportValue): CloudFormation refuses to delete the data or e-mail stack while the API or jobs use it.
  if (app.node.tryGetContext('@aws-cdk/core:defaultCrossStackReferences') === undefined) CrossStackReferences.of(app).consume(ReferenceStrength.STRONG);
  const prefix = `StakeholderRegistry-${settings.stage}`;
  const data = new DataStack(app, `${prefix}-Data`, { description: `Stakeholder registry (${settings.stage}): table and signing secret` });
  const email = new EmailStack(app, `${prefix}-Email`, { settings, description: `Stakeholder registry (${settings.stage}): SES configuration set and sender identity` });
  const registry: RegistryEnvironment = {
    table: data.table,
    authSecret: data.authSecret,
    authIssuer: settings.authIssuer,
    corsOrigins: settings.corsOrigins,
    stage: settings.stage,
    email: { ...settings.email, configurationSetName: email.configurationSet.configurationSetName },
  };
  const api = new ApiStack(app, `${prefix}-Api`, { registry, settings, description: `Stakeholder registry (${settings.stage}): HTTP API` });
  const jobs = new JobsStack(app, `${prefix}-Jobs`, { registry, description: `Stakeholder registry (${settings.stage}): scheduled jobs and event subscriptions` });
  Tags.of(app).add('project', 'stakeholder-registry');
  Tags.of(app).add('stage', settings.stage);
  return { settings, data, email, registry, api, jobs };
}
