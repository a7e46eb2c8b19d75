import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { withEnvironment } from '#shared/config.ts';
import { projectRoot } from '#local/secret.ts';

const loaded = new Map<string, Promise<unknown>>();

/** Imports functions/<handler>.ts once and returns its `handler`, as a warm Lambda keeps its module. */
export function loadHandler<T>(handler: string): Promise<T> {
  let module = loaded.get(handler);
  if (!module) {
    const url = pathToFileURL(join(projectRoot, 'functions', `${handler}.ts`)).href;
    module = import(/* @vite-ignore */ url).then((exports: { handler: T }) => exports.handler);
    loaded.set(handler, module);
  }
  return module as Promise<T>;
}

/** The environment each handler runs with: the one CDK gives its function (local/runtime.ts). */
export type FunctionEnvironments = (handler: string) => Record<string, string>;
let environments: FunctionEnvironments | undefined;

/** Set by the local runtime when it starts; unset, handlers read process.env (unit tests of the server). */
export function useFunctionEnvironments(environmentOf: FunctionEnvironments | undefined): void {
  environments = environmentOf;
}

/**
 * Runs a handler as its Lambda would: loaded (the first time) and invoked with its own function's
 * environment and nothing else, so a setting CDK would not give it is missing here too.
 */
export function invokeHandler<E, R>(handler: string, event: E, context: Context): Promise<R> {
  const run = async () => (await loadHandler<(event: E, context: Context) => Promise<R>>(handler))(event, context);
  const environment = environments?.(handler);
  return environment ? withEnvironment(environment, run) : run();
}
