import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeList } from '#shared/http/routes.ts';
import { scheduleList } from '#shared/jobs/schedules.ts';
import { subscriptionList } from '#shared/jobs/subscriptions.ts';
import { esbuildOptionsFor, handlerEntry } from '../../infra/bundling.ts';

const handlers = [...new Set([...routeList, ...scheduleList, ...subscriptionList].map((entry) => entry.handler))];
let outdir: string;

beforeAll(async () => {
  outdir = await mkdtemp(path.join(tmpdir(), 'registry-bundles-'));
});
afterAll(async () => {
  await rm(outdir, { recursive: true, force: true });
});

describe('bundling every handler with the options Lambda gets (infra/bundling.ts)', () => {
  it('builds each handler of the route, schedule and subscription tables into an ES module exporting handler', async () => {
    // Act: the same esbuild options NodejsFunction uses, through the JS API
    const results = await Promise.all(
      handlers.map(async (handler) => ({
        handler,
        result: await build({ ...esbuildOptionsFor(handlerEntry(handler)), outfile: path.join(outdir, `${handler}.mjs`), metafile: true }),
      })),
    );
    // Assess
    for (const { handler, result } of results) {
      expect(result.errors, handler).toEqual([]);
      const outputs = Object.entries(result.metafile!.outputs).filter(([file]) => file.endsWith('.mjs'));
      expect(outputs, handler).toHaveLength(1);
      const [, output] = outputs[0]!;
      expect(output.exports, `${handler} is an ES module exporting handler`).toEqual(['handler']);
      // The AWS SDK is inside the bundle, not left to the runtime, wherever the code uses the table.
      const inputs = Object.keys(output.inputs);
      if (inputs.includes('shared/db/client.ts')) expect(inputs.some((input) => input.includes('node_modules/@aws-sdk/client-dynamodb/')), handler).toBe(true);
    }
  });

  it('loads a bundle as Lambda does (Node ESM, .mjs) and finds the handler function', async () => {
    // Prepare
    const handler = 'system/get-health';
    const outfile = path.join(outdir, 'import-check', 'get-health.mjs');
    await build({ ...esbuildOptionsFor(handlerEntry(handler)), outfile });
    // Act: a plain Node process, outside vitest's module loader, with the environment Lambda would give it
    const script = `const bundle = await import(${JSON.stringify(pathToFileURL(outfile).href)}); console.log(typeof bundle.handler);`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '--eval', script], {
      env: { PATH: process.env.PATH, TABLE_NAME: 'registry-test', AUTH_SECRET: 'x'.repeat(48), AWS_REGION: 'us-east-1' },
    });
    // Assess
    expect(stdout.trim()).toBe('function');
  });
});
