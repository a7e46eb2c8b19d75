import { parseArgs } from 'node:util';
import { demoAccessToken, demoAccounts } from '#local/oidc.ts';

/**
 * `npm run token -- reviewer1|reviewer2|admin` (or an account's e-mail, or a role): an access token
 * from npm start's OpenID provider, got by signing in as that demo account through the provider's
 * login page with code + PKCE, exactly as the console does. npm start must be running.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'oidc-port': { type: 'string' },
    'web-port': { type: 'string', default: process.env.WEB_PORT ?? '3001' },
  },
});
const [wanted = 'reviewer1'] = positionals;
const account = demoAccounts.find((candidate) => candidate.id === wanted || candidate.email === wanted) ?? demoAccounts.find((candidate) => (candidate.groups as readonly string[]).includes(wanted));
if (!account) {
  console.error(`usage: npm run token -- ${demoAccounts.map((candidate) => candidate.id).join('|')} (or a role: ${[...new Set(demoAccounts.flatMap((candidate) => candidate.groups))].join('|')})`);
  process.exit(2);
}
// An --oidc-port given wins over STAFF_ISSUER, which wins over the default port.
const issuer = values['oidc-port'] ? `http://127.0.0.1:${values['oidc-port']}` : (process.env.STAFF_ISSUER ?? `http://127.0.0.1:${process.env.OIDC_PORT ?? '3002'}`);
try {
  console.log(await demoAccessToken({ issuer, redirectUri: `http://127.0.0.1:${values['web-port']}/staff/`, account }));
} catch (error) {
  console.error(`No token from ${issuer} (is npm start running?): ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
