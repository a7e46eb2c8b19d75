import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { resetConfig } from '#shared/config.ts';
import { verifyStaffAccessToken } from '#shared/auth/staff-identity.ts';
import { demoAccessToken, demoAccounts, localStaffClientId, startLocalOidcProvider } from '#local/oidc.ts';
import { localCredentials } from '#local/dynamodb.ts';
import { freePort } from '#local/runtime.ts';

// npm start's provider, on a port and with keys of its own, its sessions in the tests' DynamoDB Local table, signed into as the console does.
const keysDir = mkdtempSync(join(tmpdir(), 'oidc-keys-'));
const consoleUrl = 'http://127.0.0.1:1/staff/';
const client = new DynamoDBClient({ endpoint: inject('dynamoEndpoint'), region: 'local', credentials: localCredentials });
const start = async (port?: number) => startLocalOidcProvider({ port: port ?? (await freePort()), consoleUrl, keysFile: join(keysDir, 'keys.json'), storage: { client, tableName: inject('tableName') } });
let provider: Awaited<ReturnType<typeof startLocalOidcProvider>>;

beforeAll(async () => {
  provider = await start();
  Object.assign(process.env, { STAFF_ISSUER: provider.issuer, STAFF_CLIENT_ID: localStaffClientId });
  delete process.env.STAFF_JWKS_URL;
  resetConfig();
});
afterAll(async () => {
  await provider.stop();
  client.destroy();
  rmSync(keysDir, { recursive: true, force: true });
});

describe("npm start's OpenID provider", () => {
  it.each(demoAccounts.map((account) => [account.email, account] as const))('signs %s in with code and PKCE; the API verifier accepts the access token', async (_email, account) => {
    // Act
    const token = await demoAccessToken({ issuer: provider.issuer, redirectUri: consoleUrl, account });
    const principal = await verifyStaffAccessToken(token, new Date());
    // Assess
    expect(principal).toEqual({ kind: 'staff', id: account.id, role: account.groups[0], name: account.name });
  });

  it('refuses a wrong password on its login page', async () => {
    await expect(demoAccessToken({ issuer: provider.issuer, redirectUri: consoleUrl, account: { email: demoAccounts[0].email, password: 'not-it' } })).rejects.toThrow(/refused the password/);
  });

  it('has a login page with labelled fields and publishes its keys where Cognito does', async () => {
    const jwks = (await (await fetch(`${provider.issuer}/.well-known/jwks.json`)).json()) as { keys: { kty: string; d?: string }[] };
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA' });
    expect(jwks.keys[0]?.d).toBeUndefined();
    const discovery = (await (await fetch(`${provider.issuer}/.well-known/openid-configuration`)).json()) as { code_challenge_methods_supported: string[]; jwks_uri: string };
    expect(discovery.jwks_uri).toBe(`${provider.issuer}/.well-known/jwks.json`);
    expect(discovery.code_challenge_methods_supported).toContain('S256');
  });

  it('refuses an authorization request without PKCE', async () => {
    const url = new URL(`${provider.issuer}/auth`);
    for (const [name, value] of Object.entries({ client_id: localStaffClientId, response_type: 'code', redirect_uri: consoleUrl, scope: 'openid' })) url.searchParams.set(name, value);
    const response = await fetch(url, { redirect: 'manual' });
    expect(new URL(response.headers.get('location') ?? '', url).searchParams.get('error')).toBe('invalid_request');
  });

  it('keeps a sign-in across a restart: its session is in the table, so the login page is skipped (a wrong password is never asked for)', async () => {
    const browser = new Map<string, string>();
    const [account] = demoAccounts;
    await demoAccessToken({ issuer: provider.issuer, redirectUri: consoleUrl, account, cookies: browser });
    // Where it survives: the session is an item of the table (oidc-provider's own in-memory store would keep it in this process only).
    const sessions: Record<string, unknown>[] = [];
    for await (const page of paginateScan({ client: DynamoDBDocumentClient.from(client) }, { TableName: inject('tableName'), FilterExpression: 'begins_with(pk, :session)', ExpressionAttributeValues: { ':session': 'OIDC#Session#' } })) sessions.push(...(page.Items ?? []));
    expect(sessions.some((item) => (item.payload as { accountId?: string }).accountId === account.id)).toBe(true);
    const port = Number(new URL(provider.issuer).port);
    await provider.stop();
    // Time for this process's HTTP client to see its kept-alive connections closed, as a person comes back a moment later.
    await new Promise((resolve) => setTimeout(resolve, 200));
    provider = await start(port);
    const again = await demoAccessToken({ issuer: provider.issuer, redirectUri: consoleUrl, account: { email: account.email, password: 'not-asked-for' }, cookies: browser });
    expect((await verifyStaffAccessToken(again, new Date())).id).toBe(account.id);
    // Without the session cookie the login page comes back, and refuses that password.
    await expect(demoAccessToken({ issuer: provider.issuer, redirectUri: consoleUrl, account: { email: account.email, password: 'not-asked-for' } })).rejects.toThrow(/refused the password/);
  });
});
