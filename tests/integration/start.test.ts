import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '#local/runtime.ts';

const root = join(import.meta.dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'registry-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

interface Started {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  apiUrl: string;
  token: string;
  dynamoPort: number;
  /** `npm run token -- <account or role>` against this npm start, as a newcomer runs it. */
  tokenFor: (account: string) => Promise<string>;
}

/** `npm start` as a newcomer runs it (tsx local/start.ts), on free ports and a temporary data folder. */
async function start(extra: string[] = [], env: NodeJS.ProcessEnv = process.env): Promise<Started> {
  const [port, webPort, dynamoPort, sesPort, oidcPort] = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts', '--port', `${port}`, '--web-port', `${webPort}`, '--dynamodb-port', `${dynamoPort}`, '--ses-port', `${sesPort}`, '--oidc-port', `${oidcPort}`, '--data-dir', dataDir, '--quiet', ...extra], {
    cwd: root,
    env,
  });
  let text = '';
  child.stdout.on('data', (chunk) => (text += chunk));
  child.stderr.on('data', (chunk) => (text += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not come up:\n${text}`)), 90_000);
    const check = () => {
      if (text.includes('Ctrl-C stops everything')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', check);
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`npm start exited:\n${text}`));
    });
  });
  const token = /Staff token.*\n(\S+)/.exec(text)?.[1] ?? '';
  const tokenFor = async (account: string) => {
    const script = spawn(process.execPath, ['--import', 'tsx', 'local/token.ts', account, '--oidc-port', `${oidcPort}`, '--web-port', `${webPort}`], { cwd: root, env });
    let printed = '';
    script.stdout.on('data', (chunk) => (printed += chunk));
    script.stderr.on('data', (chunk) => (printed += chunk));
    expect(await new Promise<number | null>((resolve) => script.once('exit', resolve)), printed).toBe(0);
    return printed.trim();
  };
  return { child, output: () => text, apiUrl: `http://127.0.0.1:${port}`, token, dynamoPort, tokenFor };
}

/** Processes whose command line runs DynamoDB Local on this port. */
function dynamoProcesses(port: number): string[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return cmdline.some((part) => part.includes('DynamoDBLocal')) && cmdline.includes(`${port}`);
      } catch {
        return false;
      }
    });
}

async function stopWithCtrlC(started: Started): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => started.child.once('exit', resolve));
  started.child.kill('SIGINT');
  return exited;
}

describe('npm start', { timeout: 240_000 }, () => {
  it('prints the URLs and a working staff token, keeps data across a restart, stops its children on Ctrl-C, and --fresh starts anew', async () => {
    const first = await start();
    expect(first.output()).toMatch(/API\s+http:\/\/127\.0\.0\.1:\d+/);
    expect(first.output()).toMatch(/Mailbox\s+http:\/\/127\.0\.0\.1:\d+/);
    expect(first.output()).toContain('/docs');
    expect(((await (await fetch(`${first.apiUrl}/meetings?kind=thematic-session`)).json()) as { items: unknown[] }).items).toHaveLength(6);
    const meeting = JSON.stringify({ meetingId: 'kept-across-restart', kind: 'briefing', title: 'A briefing that must survive a restart', timeZone: 'America/New_York' });
    const create = (token: string) => fetch(`${first.apiUrl}/meetings`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: meeting });
    // The printed token is a reviewer's: it works, but meeting settings are an admin's.
    expect((await fetch(`${first.apiUrl}/circulations`, { headers: { authorization: `Bearer ${first.token}` } })).status).toBe(200);
    expect((await create(first.token)).status).toBe(403);
    expect((await create(await first.tokenFor('admin'))).status).toBe(201);
    expect(dynamoProcesses(first.dynamoPort)).toHaveLength(1);
    expect(await stopWithCtrlC(first)).toBe(0);
    expect(dynamoProcesses(first.dynamoPort)).toEqual([]);

    const second = await start();
    expect(second.output()).toMatch(/Seeded\s+0 new items/);
    expect((await fetch(`${second.apiUrl}/meetings/kept-across-restart`)).status).toBe(200);
    await stopWithCtrlC(second);

    const fresh = await start(['--fresh']);
    expect(fresh.output()).toContain('fresh database');
    expect((await fetch(`${fresh.apiUrl}/meetings/kept-across-restart`)).status).toBe(404);
    expect((await fetch(`${fresh.apiUrl}/meetings/its-1`)).status).toBe(200);
    await stopWithCtrlC(fresh);
  });

  it('stops DynamoDB Local and exits 1 with the error when a fault goes uncaught', async () => {
    // A module loaded before start.ts that faults on demand, as a bug anywhere in the process would.
    const faulty = join(dataDir, 'fault-on-sigusr2.mjs');
    writeFileSync(faulty, `process.on('SIGUSR2', () => Promise.reject(new Error('injected fault for the test')));\n`);
    const started = await start(['--fresh'], { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${faulty}` });
    expect(dynamoProcesses(started.dynamoPort)).toHaveLength(1);
    const exited = new Promise<number | null>((resolve) => started.child.once('exit', resolve));
    started.child.kill('SIGUSR2');
    expect(await exited).toBe(1);
    expect(started.output()).toContain('injected fault for the test');
    expect(started.output()).toContain('stopping DynamoDB Local');
    expect(dynamoProcesses(started.dynamoPort)).toEqual([]);
  });

  it('says in one line what to install when Java is missing', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts', '--data-dir', dataDir], { cwd: root, env: { ...process.env, PATH: '/nonexistent' } });
    let text = '';
    child.stderr.on('data', (chunk) => (text += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    const lines = text.split('\n').filter((line) => line.trim() && !/NodeVersionSupport|versions published|node >=22|upgrade to node|a\.co\/|trace-warnings|^$/.test(line));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Java 17 or later.*install/);
  });
});
