import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { audiences } from '#shared/auth/audiences.ts';
import { signScopedToken, verifyScopedToken } from '#shared/auth/tokens.ts';
import { resetConfig } from '#shared/config.ts';
import { keys } from '#shared/db/keys.ts';
import { countSubmission } from '#shared/http/rate-limit.ts';
import { freePort, startLocalSystem } from '#local/runtime.ts';
import { localCredentials } from '#local/dynamodb.ts';
import { percentile } from './stats.ts';

export interface LatencyFigures {
  requests: number;
  api: { p50: number; p99: number };
  getItem: { p50: number; p99: number };
  /** A link's check as every link route does it: HS256, and its thing's withdrawal record (one consistent GetItem). */
  linkCheck: { p50: number; p99: number };
  /** A public submission's count: its client and one e-mail address, one conditional UpdateItem each. */
  submissionCount: { p50: number; p99: number };
}

async function timeEach(count: number, call: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  return times;
}

/**
 * GET /meetings/{meetingId} through the local server (HTTP, event building, the middy stack, the
 * handler) against the one GetItem it needs, sent straight to the same DynamoDB Local, in one run.
 */
export async function measureLatency(requests: number): Promise<LatencyFigures> {
  const system = await startLocalSystem({
    apiPort: await freePort(),
    dynamoPort: await freePort(),
    sesPort: await freePort(),
    dataDir: null,
    scheduler: false,
    authSecret: randomBytes(36).toString('base64url'),
    tableName: 'bench',
  });
  try {
    const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: system.dynamoEndpoint, region: 'local', credentials: localCredentials }));
    const getItem = () => client.send(new GetCommand({ TableName: system.tableName, Key: keys.meeting('its-1') }));
    const getMeeting = async () => {
      const response = await fetch(`${system.apiUrl}/meetings/its-1`);
      if (response.status !== 200) throw new Error(`GET /meetings/its-1 answered ${response.status}`);
      await response.arrayBuffer();
    };
    resetConfig();
    const now = new Date();
    const ballot = await signScopedToken({ audience: audiences.ballot, subject: 'circ_bench', holder: 'MEX', expiresAt: new Date(now.getTime() + 3600_000), now });
    const checkLink = () => verifyScopedToken(ballot, audiences.ballot, new Date());
    let submissions = 0;
    const countOne = () => countSubmission({ client: `198.51.100.${submissions % 250}`, addresses: [`bench${(submissions += 1)}@bench.example.org`] }, new Date());
    // Warm every path (JIT, connection pools, the handler module) before measuring, interleaved so drift hits all alike.
    await timeEach(200, getItem);
    await timeEach(200, getMeeting);
    await timeEach(200, checkLink);
    await timeEach(200, countOne);
    const apiTimes: number[] = [];
    const getItemTimes: number[] = [];
    const linkTimes: number[] = [];
    const countTimes: number[] = [];
    for (let round = 0; round < 10; round += 1) {
      getItemTimes.push(...(await timeEach(requests / 10, getItem)));
      apiTimes.push(...(await timeEach(requests / 10, getMeeting)));
      linkTimes.push(...(await timeEach(requests / 10, checkLink)));
      countTimes.push(...(await timeEach(requests / 10, countOne)));
    }
    client.destroy();
    return {
      requests,
      api: { p50: percentile(apiTimes, 50), p99: percentile(apiTimes, 99) },
      getItem: { p50: percentile(getItemTimes, 50), p99: percentile(getItemTimes, 99) },
      linkCheck: { p50: percentile(linkTimes, 50), p99: percentile(linkTimes, 99) },
      submissionCount: { p50: percentile(countTimes, 50), p99: percentile(countTimes, 99) },
    };
  } finally {
    await system.stop();
  }
}
