import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, Aspects } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildWeb } from '../web/build.ts';
import { functionNeeds } from './function-needs.ts';
import { defineStakeholderRegistry } from './stakeholder-registry.ts';

// Run by cdk.json: `npx cdk synth --quiet [-c stage=prod -c webDomain=... -c webCertificateArn=...]`; settings in infra/settings.ts.
// The pages are built fresh for every synth, into a directory of their own: web/dist belongs to `npm start` and the e2e tests.
const webDist = await mkdtemp(path.join(tmpdir(), 'registry-web-'));
try {
  await buildWeb({ outDir: webDist });
  const app = new App();
  // Each function's grants and environment, from what its bundle includes (infra/function-needs.ts).
  defineStakeholderRegistry(app, { webDist, needs: await functionNeeds() });
  // cdk-nag's AwsSolutions pack fails synth on any finding not fixed or suppressed with a written reason.
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  // Synth copies the pages into cdk.out, so the build directory can go afterwards.
  app.synth();
} finally {
  await rm(webDist, { recursive: true, force: true });
}
