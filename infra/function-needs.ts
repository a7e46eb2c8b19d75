import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { isRequired, type SettingName } from '#shared/config.ts';
import type { IndexName } from '#shared/db/table.ts';
import { routeList } from '#shared/http/routes.ts';
import { scheduleList } from '#shared/jobs/schedules.ts';
import { subscriptionList } from '#shared/jobs/subscriptions.ts';
import { identityTriggerList } from '#shared/auth/identity-triggers.ts';
import type { Needs, TableAction } from '#shared/needs.ts';
import { esbuildOptionsFor, handlerEntry, repoRoot } from './bundling.ts';

/**
 * What one Lambda's code asks of its deployment: the sum of the `needs` (shared/needs.ts) of every
 * module of ours that its bundle includes, as esbuild's metafile tells after tree-shaking. CDK grants
 * and configures each function from this (infra/constructs/app-function.ts), and the local runtime
 * runs each handler with the environment its function would have (local/runtime.ts). No aws-cdk-lib
 * import here: the local runtime uses it too.
 */
export interface FunctionNeeds {
  handler: string;
  table: TableAction[];
  indexes: IndexName[];
  signingSecret: boolean;
  sendEmail: boolean;
  env: SettingName[];
  /** The modules of ours in the bundle, and which of them declared needs: for messages and tests. */
  modules: string[];
  declaredBy: Record<string, Needs>;
}

/** Every handler of the route, schedule and subscription tables. */
export const everyHandler = (): string[] => [...new Set([...routeList, ...scheduleList, ...subscriptionList, ...identityTriggerList].map((entry) => entry.handler))];

/**
 * The modules of ours each handler's bundle includes: one esbuild run over every handler, with the
 * bundle's own options (so tree-shaking is the same) but packages left out, which declare nothing.
 */
export async function bundledModules(handlers: readonly string[]): Promise<Map<string, string[]>> {
  const base = esbuildOptionsFor(handlerEntry(handlers[0]!));
  const result = await build({
    ...base,
    entryPoints: Object.fromEntries(handlers.map((handler) => [handler, handlerEntry(handler)])),
    outdir: path.join(repoRoot, '.needs'),
    write: false,
    metafile: true,
    minify: false,
    sourcemap: false,
    packages: 'external',
  });
  const modules = new Map<string, string[]>();
  for (const output of Object.values(result.metafile.outputs)) {
    if (!output.entryPoint) continue;
    const handler = output.entryPoint.replace(/^functions\//, '').replace(/\.ts$/, '');
    const included = Object.entries(output.inputs)
      .filter(([file, input]) => input.bytesInOutput > 0 && /^(shared|functions)\//.test(file))
      .map(([file]) => file)
      .sort();
    modules.set(handler, included);
  }
  return modules;
}

const declarationsCache = new Map<string, Promise<Needs | undefined>>();
/** A module's `needs` export, if it has one. */
function declaredNeeds(file: string): Promise<Needs | undefined> {
  let declared = declarationsCache.get(file);
  if (!declared) {
    // Only modules that declare are imported: a handler module builds its middy stack when loaded.
    declared = readFile(path.join(repoRoot, file), 'utf8').then((source) =>
      /^export const needs: Needs = /m.test(source) ? import(/* @vite-ignore */ pathToFileURL(path.join(repoRoot, file)).href).then((exports: { needs?: Needs }) => exports.needs) : undefined,
    );
    declarationsCache.set(file, declared);
  }
  return declared;
}

const unique = <T>(values: Iterable<T>): T[] => [...new Set(values)].sort();

let everyFunction: Promise<Map<string, FunctionNeeds>> | undefined;

/** The needs of every handler, by handler (computed once per process: about a second). */
export function functionNeeds(): Promise<Map<string, FunctionNeeds>> {
  everyFunction ??= (async () => {
    const bundles = await bundledModules(everyHandler());
    const needs = new Map<string, FunctionNeeds>();
    for (const [handler, modules] of bundles) {
      const declaredBy: Record<string, Needs> = {};
      for (const file of modules) {
        const declared = await declaredNeeds(file);
        if (declared) declaredBy[file] = declared;
      }
      const all = Object.values(declaredBy);
      needs.set(handler, {
        handler,
        table: unique(all.flatMap((declared) => declared.table ?? [])),
        indexes: unique(all.flatMap((declared) => declared.indexes ?? [])),
        signingSecret: all.some((declared) => declared.signingSecret === true),
        sendEmail: all.some((declared) => declared.sendEmail === true),
        env: unique(all.flatMap((declared) => declared.env ?? [])),
        modules,
        declaredBy,
      });
    }
    return needs;
  })();
  return everyFunction;
}

/** One handler's needs; throws for a handler that no table names. */
export function needsOf(all: ReadonlyMap<string, FunctionNeeds>, handler: string): FunctionNeeds {
  const found = all.get(handler);
  if (!found) throw new Error(`No needs computed for functions/${handler}.ts: is it in the route, schedule or subscription table?`);
  return found;
}

/** Settings a function is never given: Lambda sets them itself (locally, local/runtime.ts does). */
export const platformSettings: readonly SettingName[] = ['AWS_REGION'];

/** Variables every function gets that no module of ours reads, each with its reason (tests/infra/function-needs.test.ts allows these only). */
export const runtimeVariables = {
  NODE_OPTIONS: { value: '--enable-source-maps', reason: 'read by Node.js itself: stack traces in the logs point into the TypeScript sources' },
} as const;

/**
 * A function's environment: of the settings its code reads, those that `values` gives (the rest
 * keep shared/config.ts's defaults), and the runtime's own variables. A required setting (no
 * default) that `values` lacks fails here, naming the function, rather than at its first request;
 * so does a signing secret with neither AUTH_SECRET nor AUTH_SECRET_ARN.
 */
export function functionEnvironment(needs: FunctionNeeds, values: Partial<Record<SettingName, string>>): Record<string, string> {
  const given = (name: SettingName) => values[name] !== undefined || platformSettings.includes(name);
  const missing: string[] = needs.env.filter((name) => isRequired(name) && !given(name));
  if (needs.signingSecret && !given('AUTH_SECRET') && !given('AUTH_SECRET_ARN')) missing.push('AUTH_SECRET_ARN (or AUTH_SECRET)');
  if (missing.length > 0) throw new Error(`functions/${needs.handler}.ts reads ${missing.join(', ')}, which this deployment does not set`);
  const settings = Object.fromEntries(needs.env.flatMap((name) => (values[name] === undefined || platformSettings.includes(name) ? [] : [[name, values[name]]])));
  return { ...settings, ...Object.fromEntries(Object.entries(runtimeVariables).map(([name, { value }]) => [name, value])) };
}
