import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { routeList } from '#shared/http/routes.ts';
import { repoRoot } from '../../infra/bundling.ts';
import { everyHandler } from '../../infra/function-needs.ts';

// The real thing, as a developer runs it: cdk.json's app, esbuild bundling, cdk-nag, CDK's own template validation.
const outdir = await mkdtemp(path.join(tmpdir(), 'registry-cdk-out-'));
afterAll(() => rm(outdir, { recursive: true, force: true }));

describe('npx cdk synth', () => {
  it('synthesises offline, with no AWS account, bundles every handler as ESM and builds the web pages', async () => {
    // Act: no credentials, no instance metadata, no notices fetch
    const { AWS_PROFILE: _profile, AWS_ACCESS_KEY_ID: _key, AWS_SECRET_ACCESS_KEY: _secret, AWS_SESSION_TOKEN: _token, ...env } = process.env;
    await promisify(execFile)('npx', ['cdk', 'synth', '--quiet', '--no-notices', '--output', outdir], {
      cwd: repoRoot,
      env: { ...env, AWS_EC2_METADATA_DISABLED: 'true', CDK_DISABLE_VERSION_CHECK: 'true' },
      maxBuffer: 64 * 1024 * 1024,
    });
    // Assess
    const manifest = JSON.parse(await readFile(path.join(outdir, 'manifest.json'), 'utf8')) as { artifacts: Record<string, { type: string }> };
    const stacks = Object.entries(manifest.artifacts).filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack');
    expect(stacks.map(([name]) => name.replace(/^StakeholderRegistry-dev-/, '')).sort()).toEqual(['Api', 'Data', 'Email', 'Identity', 'Jobs', 'Web', 'WebContent']);

    const directories = [];
    for (const entry of await readdir(outdir)) if (entry.startsWith('asset.') && (await stat(path.join(outdir, entry))).isDirectory()) directories.push(entry);
    const has = async (asset: string, file: string) => stat(path.join(outdir, asset, file)).then(() => true, () => false);
    const assets = [];
    for (const asset of directories) if (await has(asset, 'index.mjs')) assets.push(asset);
    // One bundle per handler module (identical bundles would share one asset).
    expect(assets).toHaveLength(everyHandler().length);
    for (const asset of assets) {
      const bundle = await readFile(path.join(outdir, asset, 'index.mjs'), 'utf8');
      expect(bundle.startsWith("import { createRequire } from 'module';")).toBe(true);
      expect(bundle).toMatch(/export\s*\{[^}]*\bhandler\b/);
    }

    // The pages, built by buildWeb() during synth (index.html, hashed assets), and /config.js with the API's URL filled in at deploy time.
    const pages = [];
    for (const asset of directories) if (await has(asset, 'index.html')) pages.push(asset);
    expect(pages).toHaveLength(1);
    expect(await readFile(path.join(outdir, pages[0]!, 'index.html'), 'utf8')).toMatch(/<script src="\/config\.js"><\/script>.*<script type="module" src="\/assets\/main-\w+\.js"><\/script>/s);
    const configs = [];
    for (const asset of directories) if (await has(asset, 'config.js')) configs.push(asset);
    expect(configs).toHaveLength(1);
    expect(await readFile(path.join(outdir, configs[0]!, 'config.js'), 'utf8')).toMatch(/^window\.registryConfig = <<marker:0xbaba:\d+>>;\n$/);

    // Every template, the nested ones of the Api stack's routes included, well below CloudFormation's 500 resources.
    const templates = (await readdir(outdir)).filter((entry) => entry.endsWith('.template.json'));
    expect(templates.filter((entry) => entry.endsWith('.nested.template.json')).length).toBeGreaterThan(1);
    const routeKeys: string[] = [];
    for (const file of templates) {
      const { Resources } = JSON.parse(await readFile(path.join(outdir, file), 'utf8')) as { Resources: Record<string, { Type: string; Properties?: { RouteKey?: string } }> };
      expect(Object.keys(Resources).length, file).toBeLessThan(450);
      routeKeys.push(...Object.values(Resources).flatMap((resource) => (resource.Type === 'AWS::ApiGatewayV2::Route' ? [resource.Properties!.RouteKey!] : [])));
    }
    expect(routeKeys.sort()).toEqual(routeList.map((route) => `${route.method} ${route.path}`).sort());

    const validation = JSON.parse(await readFile(path.join(outdir, 'validation-report.json'), 'utf8')) as { pluginReports: { violations: unknown[] }[] };
    expect(validation.pluginReports.flatMap((report) => report.violations)).toEqual([]);
    // A real synth bundles every handler (about 85 esbuild runs) and the pages: minutes on two cores shared with other tests.
  }, 420_000);
});
