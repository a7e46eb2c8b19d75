import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { settingNames } from '#shared/config.ts';
import { keys } from '#shared/db/keys.ts';
import type { Needs } from '#shared/needs.ts';
import { repoRoot } from '../../infra/bundling.ts';

/**
 * Every module's `needs` (shared/needs.ts) against what its own source does, both ways: a call it
 * makes that it does not declare would be denied in AWS (the role is built from the declarations,
 * infra/function-needs.ts); a declaration its source does not show would grant what nothing uses,
 * unless `through` says which library makes the call.
 */
const evidence: { pattern: RegExp; need: (match: RegExpMatchArray) => Partial<Record<keyof Needs, string>> }[] = [
  { pattern: /new GetCommand\(|\bGet: \{/g, need: () => ({ table: 'GetItem' }) },
  { pattern: /new BatchGetCommand\(/g, need: () => ({ table: 'BatchGetItem' }) },
  { pattern: /new QueryCommand\(/g, need: () => ({ table: 'Query' }) },
  { pattern: /new PutCommand\(|\bPut: \{/g, need: () => ({ table: 'PutItem' }) },
  { pattern: /new UpdateCommand\(|\bUpdate: \{/g, need: () => ({ table: 'UpdateItem' }) },
  { pattern: /new DeleteCommand\(|\bDelete: \{/g, need: () => ({ table: 'DeleteItem' }) },
  { pattern: /\bConditionCheck: \{/g, need: () => ({ table: 'ConditionCheckItem' }) },
  { pattern: /new DescribeTableCommand\(/g, need: () => ({ table: 'DescribeTable' }) },
  // Not declarable at all (TableAction has no such member): a module that sends these fails here.
  { pattern: /new (Scan|BatchWrite|TransactGet)Command\(/g, need: (match) => ({ table: `${match[1]} (not allowed)` }) },
  { pattern: /IndexName: keys\.(\w+)\.indexName/g, need: (match) => ({ indexes: (keys as unknown as Record<string, { indexName: string }>)[match[1]!]!.indexName }) },
  { pattern: /IndexName: '(\w+)'/g, need: (match) => ({ indexes: match[1]! }) },
  { pattern: /getSecret\(|GetSecretValueCommand/g, need: () => ({ signingSecret: 'true' }) },
  { pattern: /new SendEmailCommand\(/g, need: () => ({ sendEmail: 'true' }) },
  { pattern: /\bsetting\('(\w+)'\)/g, need: (match) => ({ env: match[1]! }) },
];

type Flat = Set<string>;
const flatten = (needs: Needs | undefined): Flat =>
  new Set([
    ...(needs?.table ?? []).map((action) => `table:${action}`),
    ...(needs?.indexes ?? []).map((index) => `indexes:${index}`),
    ...(needs?.signingSecret ? ['signingSecret:true'] : []),
    ...(needs?.sendEmail ? ['sendEmail:true'] : []),
    ...(needs?.env ?? []).map((name) => `env:${name}`),
  ]);

function shownBy(source: string): Flat {
  const shown = new Set<string>();
  // Comments name calls without making them.
  const code = source.replace(/\/\*[\s\S]*?\*\/|(^|[^:])\/\/.*$/gm, '$1');
  for (const { pattern, need } of evidence) {
    for (const match of code.matchAll(pattern)) for (const [kind, value] of Object.entries(need(match))) shown.add(`${kind}:${value}`);
  }
  return shown;
}

function sourcesUnder(directory: string): string[] {
  return readdirSync(path.join(repoRoot, directory), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(directory, file));
}

// The modules a Lambda can bundle: shared/ (but not the declarations' own types) and the handlers.
const modules = [...sourcesUnder('shared'), ...sourcesUnder('functions')].filter((file) => file !== path.join('shared', 'needs.ts')).sort();
const declaring = /^export const needs: Needs = /m;

describe('each module declares what its code asks of AWS and of the environment (shared/needs.ts)', () => {
  it('finds the modules (the patterns below are not matching nothing)', () => {
    expect(modules.length).toBeGreaterThan(100);
    expect(modules.filter((file) => shownBy(readFileSync(path.join(repoRoot, file), 'utf8')).size > 0).length).toBeGreaterThan(25);
  });

  it.each(modules)('%s', async (file) => {
    const source = readFileSync(path.join(repoRoot, file), 'utf8');
    const shown = shownBy(source);
    const declared: Needs | undefined = declaring.test(source) ? ((await import(pathToFileURL(path.join(repoRoot, file)).href)) as { needs: Needs }).needs : undefined;
    if (!declared) {
      expect([...shown], `${file} makes these calls or reads these settings but exports no needs`).toEqual([]);
      return;
    }
    expect(source, 'the declaration is a plain literal of type Needs').toMatch(/^export const needs: Needs = \{.*\};$/m);
    const flat = flatten(declared);
    expect([...shown].filter((need) => !flat.has(need)), `${file}: used but not declared (the role or environment would lack it in AWS)`).toEqual([]);
    const unshown = [...flat].filter((need) => !shown.has(need));
    if (declared.through === undefined) expect(unshown, `${file}: declared but its source does not use it (say which library does, in 'through')`).toEqual([]);
    for (const name of declared.env ?? []) expect(settingNames).toContain(name);
  });
});

describe('the evidence patterns', () => {
  it('see a command, a transaction item, an index, a setting and SES, and not what a comment names', () => {
    const source = [
      "await db().send(new GetCommand({ Key }));",
      "writeTogether([{ Put: { Item } }, { ConditionCheck: { Key } }]);",
      "queryPage({ IndexName: keys.meetingCatalogueIndex.indexName });",
      "const rate = setting('SES_MAX_SEND_RATE');",
      "await ses.send(new SendEmailCommand({}));",
      '// new DeleteCommand( in a comment',
      '/* new ScanCommand( in a block comment */',
    ].join('\n');
    expect([...shownBy(source)].sort()).toEqual(['env:SES_MAX_SEND_RATE', 'indexes:gsi1', 'sendEmail:true', 'table:ConditionCheckItem', 'table:GetItem', 'table:PutItem'].sort());
  });

  it('refuse a Scan or a BatchWrite: nothing may declare them', () => {
    expect([...shownBy('await db().send(new ScanCommand({}));')]).toEqual(['table:Scan (not allowed)']);
    expect([...shownBy('await db().send(new BatchWriteCommand({}));')]).toEqual(['table:BatchWrite (not allowed)']);
  });
});
