import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { routeList, routes } from '#shared/http/routes.ts';
import { scheduleList, schedules } from '#shared/jobs/schedules.ts';
import { subscriptionList, subscriptions } from '#shared/jobs/subscriptions.ts';
import { identityTriggerList } from '#shared/auth/identity-triggers.ts';

const root = join(import.meta.dirname, '..', '..');
const sourceFiles = (dir: string): string[] =>
  existsSync(join(root, dir))
    ? readdirSync(join(root, dir)).flatMap((name) => {
        const path = join(dir, name);
        return statSync(join(root, path)).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
      })
    : [];
const productionFiles = ['shared', 'functions', 'infra', 'local', 'bench', 'web'].flatMap(sourceFiles);
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const routeTable = 'shared/http/routes.ts';
const scheduleTable = 'shared/jobs/schedules.ts';

describe('the route table', () => {
  it('names each route once, by operation id and by method and path', () => {
    for (const [id, route] of Object.entries(routes)) expect(route.operationId).toBe(id);
    const keys = routeList.map((route) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('points every route and schedule at a handler module that uses its own entry', () => {
    for (const [id, route] of Object.entries(routes)) {
      const file = `functions/${route.handler}.ts`;
      expect(existsSync(join(root, file)), file).toBe(true);
      expect(read(file), file).toMatch(new RegExp(`httpHandler\\(routes\\.${id}\\b`));
    }
    for (const [id, job] of Object.entries(schedules)) {
      const file = `functions/${job.handler}.ts`;
      expect(read(file), file).toMatch(new RegExp(`scheduledHandler\\(schedules\\.${id}\\b`));
    }
    for (const [id, subscription] of Object.entries(subscriptions)) {
      const file = `functions/${subscription.handler}.ts`;
      expect(read(file), file).toMatch(new RegExp(`subscriptions\\.${id}\\b`));
    }
  });

  it('leaves no handler module outside the tables, where it could be wired some other way', () => {
    const wired = new Set([...routeList, ...scheduleList, ...subscriptionList, ...identityTriggerList].map((entry) => `functions/${entry.handler}.ts`));
    expect(sourceFiles('functions').filter((file) => !wired.has(file))).toEqual([]);
    expect(wired.size).toBe(routeList.length + scheduleList.length + subscriptionList.length + identityTriggerList.length);
  });

  it('is the only place a route is defined', () => {
    const offenders: string[] = [];
    const paths = new Set(routeList.flatMap((route) => {
      const segments = route.path.split('/');
      return segments.slice(2).map((_segment, index) => segments.slice(0, index + 2).join('/')).concat(route.path);
    }));
    for (const file of productionFiles.filter((path) => path !== routeTable && path !== 'shared/http/route-spec.ts')) {
      const text = read(file);
      if (/\bdefineRoute\(/.test(text)) offenders.push(`${file}: defineRoute`);
      for (const literal of text.matchAll(/(['"`])(\/[^'"`$\s]*)\1/g)) {
        if (paths.has(literal[2] as string)) offenders.push(`${file}: ${literal[2]}`);
      }
      if (file.startsWith('infra/') && /\b(addRoutes|HttpRoute|HttpRouteKey)\b/.test(text) && !/\brouteList\b/.test(text)) {
        offenders.push(`${file}: builds API routes without the route table`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('is matched by the schedule table: no rate, cron or timer outside it and its two consumers', () => {
    const consumers = productionFiles.filter((file) => /\bscheduleList\b/.test(read(file)) && file !== scheduleTable);
    const offenders = productionFiles
      .filter((file) => file !== scheduleTable)
      .filter((file) => /\b(Schedule(Expression)?\.(rate|cron)|rate\(\s*\d|cron\(|setInterval\()/.test(read(file)))
      .filter((file) => !consumers.includes(file));
    expect(offenders).toEqual([]);
    expect(consumers.map((file) => relative(root, join(root, file)))).toEqual(expect.arrayContaining(['local/scheduler.ts']));
  });
});
