import { CrossStackReferences, ReferenceStrength, Tags, type App } from 'aws-cdk-lib';
import { ApiStack } from './api-stack.ts';
import { DataStack } from './data-stack.ts';
import { EmailStack } from './email-stack.ts';
import { IdentityStack } from './identity-stack.ts';
import { JobsStack } from './jobs-stack.ts';
import { WebContentStack } from './web-content-stack.ts';
import { WebStack } from './web-stack.ts';
import type { RegistryEnvironment } from './constructs/app-function.ts';
import type { FunctionNeeds } from './function-needs.ts';
import { stageSettings, type StageSettings } from './settings.ts';

export interface StakeholderRegistryStacks {
  settings: StageSettings;
  data: DataStack;
  email: EmailStack;
  identity: IdentityStack;
  registry: RegistryEnvironment;
  api: ApiStack;
  jobs: JobsStack;
  web: WebStack;
  webContent: WebContentStack;
}

export interface StakeholderRegistryOptions {
  /** The built web pages to deploy (web/build.ts's buildWeb() output: index.html and assets/). */
  webDist: string;
  /** What each handler's bundled code uses: `await functionNeeds()` (infra/function-needs.ts). */
  needs: ReadonlyMap<string, FunctionNeeds>;
}

/**
 * The whole system for one stage: the data stack (table, signing secret), the e-mail stack (SES
 * configuration set, and the sender identity if asked), the web stack (bucket and CloudFront), the
 * identity stack (the staff user pool, after the web stack for its callback URL), the
 * stateless API and jobs stacks that use them, and last the web pages' files with /config.js naming
 * the API. Web → Api → WebContent, so that the API knows the site's origin and the site the API's URL
 * with no cycle. Stacks are environment-agnostic, so synth needs no AWS account.
 */
export function defineStakeholderRegistry(app: App, options: StakeholderRegistryOptions): StakeholderRegistryStacks {
  const settings = stageSettings(app.node);
  // Strong (Export/ImportValue): CloudFormation refuses to delete the data or e-mail stack while the API or jobs use it.
  if (app.node.tryGetContext('@aws-cdk/core:defaultCrossStackReferences') === undefined) CrossStackReferences.of(app).consume(ReferenceStrength.STRONG);
  const prefix = `StakeholderRegistry-${settings.stage}`;
  const data = new DataStack(app, `${prefix}-Data`, { description: `Stakeholder registry (${settings.stage}): table and signing secret` });
  const email = new EmailStack(app, `${prefix}-Email`, { settings, description: `Stakeholder registry (${settings.stage}): SES configuration set and sender identity` });
  const web = new WebStack(app, `${prefix}-Web`, { settings, description: `Stakeholder registry (${settings.stage}): web pages bucket and CloudFront distribution` });
  const shared: Omit<RegistryEnvironment, 'staffIdentity'> = {
    table: data.table,
    authSecret: data.authSecret,
    authIssuer: settings.authIssuer,
    // '*' (local stage only) already admits the site.
    corsOrigins: settings.corsOrigins.includes('*') ? ['*'] : [web.siteUrl, ...settings.corsOrigins],
    webUrl: web.siteUrl,
    email: { ...settings.email, configurationSetName: email.configurationSet.configurationSetName },
    needs: options.needs,
  };
  const identity = new IdentityStack(app, `${prefix}-Identity`, { settings: settings.staffIdentity, webUrl: web.siteUrl, registry: shared, description: `Stakeholder registry (${settings.stage}): staff user pool and the console's sign-in` });
  const registry: RegistryEnvironment = { ...shared, staffIdentity: { issuer: identity.staffIdentity.issuer, clientId: identity.staffIdentity.clientId } };
  const api = new ApiStack(app, `${prefix}-Api`, { registry, settings, description: `Stakeholder registry (${settings.stage}): HTTP API` });
  const jobs = new JobsStack(app, `${prefix}-Jobs`, { registry, description: `Stakeholder registry (${settings.stage}): scheduled jobs and event subscriptions` });
  const webContent = new WebContentStack(app, `${prefix}-WebContent`, {
    bucket: web.bucket,
    distribution: web.distribution,
    apiUrl: api.url,
    staffSignIn: identity.staffIdentity,
    webDist: options.webDist,
    description: `Stakeholder registry (${settings.stage}): web pages and their /config.js`,
  });
  Tags.of(app).add('project', 'stakeholder-registry');
  Tags.of(app).add('stage', settings.stage);
  return { settings, data, email, identity, registry, api, jobs, web, webContent };
}
