import { App, Aspects } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { defineStakeholderRegistry } from './stakeholder-registry.ts';

// Run by cdk.json: `npx cdk synth --quiet [-c stage=prod -c corsOrigins=https://...]`; settings in infra/settings.ts.
const app = new App();
defineStakeholderRegistry(app);
// cdk-nag's AwsSolutions pack fails synth on any finding not fixed or suppressed with a written reason.
Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
app.synth();
