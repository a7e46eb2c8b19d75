import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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
