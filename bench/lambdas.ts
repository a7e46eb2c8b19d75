import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { esbuildOptionsFor, handlerEntry } from '../infra/bundling.ts';
import { routeList } from '#shared/http/routes.ts';
import { scheduleList } from '#shared/jobs/schedules.ts';
import { median } from './stats.ts';

export interface LambdaFigures {
  lambda: string;
  bytes: number;
  gzipBytes: number;
  initMs: number;
}

const initRuns = 7;

/** Milliseconds to import the bundle in a fresh Node process: what a cold start spends before the handler runs. */
function initTime(bundle: string): number {
  const script = 'const t = performance.now(); await import(process.argv[1]); console.log(performance.now() - t);';
  const env = { ...process.env, TABLE_NAME: 'bench', AUTH_SECRET: 'x'.repeat(48), AWS_REGION: 'eu-west-1', POWERTOOLS_LOG_LEVEL: 'SILENT', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  const times = Array.from({ length: initRuns }, () => Number(execFileSync(process.execPath, ['--input-type=module', '-e', script, bundle], { env, encoding: 'utf8' }).trim()));
  return median(times);
}

async function measure(name: string, entry: string, outDir: string): Promise<LambdaFigures> {
  const outfile = join(outDir, `${name.replace(/\W/g, '_')}.mjs`);
  await build({ ...esbuildOptionsFor(entry), outfile });
  return { lambda: name, bytes: statSync(outfile).size, gzipBytes: gzipSync(readFileSync(outfile)).length, initMs: initTime(outfile) };
}

/** Every Lambda of the route and schedule tables, bundled as CDK bundles them, and the bare-SDK baseline. */
export async function measureLambdas(): Promise<{ baseline: LambdaFigures; lambdas: LambdaFigures[] }> {
  const outDir = mkdtempSync(join(tmpdir(), 'bench-bundles-'));
  const baseline = await measure('baseline (SDK + GetItem)', join(import.meta.dirname, 'baseline-handler.ts'), outDir);
  const lambdas: LambdaFigures[] = [];
  for (const entry of [...routeList.map((route) => ({ name: `${route.method} ${route.path}`, handler: route.handler })), ...scheduleList.map((job) => ({ name: `schedule ${job.name}`, handler: job.handler }))]) {
    lambdas.push(await measure(entry.name, handlerEntry(entry.handler), outDir));
  }
  return { baseline, lambdas };
}
