import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';

/**
 * How every handler is bundled, as plain data: infra/constructs/app-function.ts hands these to
 * NodejsFunction, and the benchmark (bench/) and tests/infra pass esbuildOptionsFor() to the esbuild
 * JS API, so what is measured and tested is what Lambda runs. No aws-cdk-lib import here on purpose.
 */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** esbuild's name for the Node.js that Lambda runs (Runtime.NODEJS_22_X; tests/infra checks they agree). */
export const lambdaNodeTarget = 'node22';

/** Lets CommonJS dependencies that call require() run inside an ES module bundle. */
export const esmRequireBanner = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

export const lambdaBundling = {
  target: lambdaNodeTarget,
  format: 'esm',
  platform: 'node',
  minify: true,
  sourcemap: true,
  // Maps carry positions only: stack traces need no source text, and bundled sources would quadruple the asset.
  sourcesContent: false,
  // Prefer packages' ESM builds, which tree-shake (the AWS SDK v3 above all).
  mainFields: ['module', 'main'],
  banner: esmRequireBanner,
  // Nothing external: the AWS SDK is bundled so its version is the one we tested, not the runtime's.
  external: [] as string[],
} as const;

/** functions/<handler>.ts, as named by the route and schedule tables. */
export function handlerEntry(handler: string): string {
  return path.join(repoRoot, 'functions', `${handler}.ts`);
}

/** The esbuild options NodejsFunction uses for one handler; add outfile/outdir (or write: false). */
export function esbuildOptionsFor(entryPath: string): BuildOptions {
  return {
    entryPoints: [entryPath],
    absWorkingDir: repoRoot,
    bundle: true,
    platform: lambdaBundling.platform,
    target: lambdaBundling.target,
    format: lambdaBundling.format,
    minify: lambdaBundling.minify,
    sourcemap: lambdaBundling.sourcemap,
    sourcesContent: lambdaBundling.sourcesContent,
    mainFields: [...lambdaBundling.mainFields],
    banner: { js: lambdaBundling.banner },
    external: [...lambdaBundling.external],
    outExtension: { '.js': '.mjs' },
    logLevel: 'silent',
  };
}
