import { inject, describe, expect, it } from 'vitest';
import { demoAccessToken, demoAccounts } from '#local/oidc.ts';
import { api } from '../helpers/integration.ts';

// The API against npm start's own OpenID provider: tokens got by signing in as the console does.
const signIn = (account: (typeof demoAccounts)[number]) => demoAccessToken({ issuer: inject('staffIssuer'), redirectUri: inject('staffConsoleUrl'), account });

describe('staff signed in through the local provider', () => {
  it.each(demoAccounts.map((account) => [account.email, account] as const))('%s reaches a staff route with the access token', async (_email, account) => {
    const response = await api('GET', '/circulations', { token: await signIn(account) });
    expect(response.status).toBe(200);
  });

  it('refuses a tampered provider token with 401 invalid_token', async () => {
    const [header, payload = '', signature] = (await signIn(demoAccounts[0])).split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, groups: ['admin'] })).toString('base64url')}.${signature}`;
    const response = await api('GET', '/circulations', { token: forged });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
  });
});
