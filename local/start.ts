import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkJava, JavaMissingError } from '#local/dynamodb.ts';
import { startLocalSystem } from '#local/runtime.ts';
import { localAuthSecret, localDir } from '#local/secret.ts';
import { demoAccessToken, demoAccounts } from '#local/oidc.ts';

/** `npm start [-- --fresh] [-- --port 3000]`: the whole system on this machine, until Ctrl-C. */
const { values } = parseArgs({
  options: {
    fresh: { type: 'boolean', default: false },
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    'web-port': { type: 'string', default: process.env.WEB_PORT ?? '3001' },
    'dynamodb-port': { type: 'string', default: process.env.DYNAMODB_PORT ?? '8000' },
    'ses-port': { type: 'string', default: process.env.SES_PORT ?? '8005' },
    'oidc-port': { type: 'string', default: process.env.OIDC_PORT ?? '3002' },
    'data-dir': { type: 'string', default: process.env.LOCAL_DATA_DIR ?? join(localDir, 'dynamodb') },
    quiet: { type: 'boolean', default: false },
  },
});
const port = (name: string, value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 65535) {
    console.error(`--${name} must be a TCP port number, not '${value}'`);
    process.exit(2);
  }
  return number;
};

try {
  await checkJava();
} catch (error) {
  if (error instanceof JavaMissingError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const system = await startLocalSystem({
  apiPort: port('port', values.port),
  webPort: port('web-port', values['web-port']),
  dynamoPort: port('dynamodb-port', values['dynamodb-port']),
  sesPort: port('ses-port', values['ses-port']),
  oidcPort: port('oidc-port', values['oidc-port']),
  dataDir: values['data-dir'],
  fresh: values.fresh,
  authSecret: localAuthSecret(),
  ...(values.quiet ? {} : { onRequest: (line: string) => console.log(`  ${line}`) }),
  onJobError: (job, error) => console.error(`Scheduled job ${job} failed:`, error),
}).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(/EADDRINUSE/.test(message) ? `A port is already in use (${message}); choose others with --port, --web-port, --dynamodb-port, --ses-port, --oidc-port` : message);
  process.exit(1);
});

const [tokenAccount] = demoAccounts;
const token = await demoAccessToken({ issuer: system.staffIssuer ?? '', redirectUri: `${system.webUrl ?? ''}/staff/`, account: tokenAccount });
console.log(`
Stakeholder registration system, running locally${values.fresh ? ' (fresh database)' : ''}
  Web pages      ${system.webUrl ?? ''}            the site: meetings, registration, accreditation, committee, trust fund
  Staff console  ${system.webUrl ?? ''}/staff      sign in with a demo account below, through the staff sign-in
  API            ${system.apiUrl}            e.g. ${system.apiUrl}/meetings
  API docs       ${system.docsUrl}       (OpenAPI: ${system.apiUrl}/openapi.json)
  Staff sign-in  ${system.staffIssuer ?? ''}            OpenID provider; demo accounts (npm run token -- <account>):
${demoAccounts.map((account) => `                 ${account.email.padEnd(28)} password ${account.password.padEnd(20)} ${account.groups.join(', ')}`).join('\n')}
  Mailbox        ${system.mailboxUrl}       every e-mail the system sends
  DynamoDB Local ${system.dynamoEndpoint}       table ${system.tableName}, data in ${values['data-dir']}
  Seeded         ${system.seeded} new items${system.tableCreated ? ' into a new table' : ''}
  Staff token    (${tokenAccount.email}, 1 h, from the provider; others: npm run token -- admin)
${token}

Ctrl-C stops everything.
`);

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping DynamoDB Local, the mailbox and the API...`);
  void system.stop().then(() => process.exit(0));
};
process.on('SIGINT', () => shutdown('SIGINT'));
// A fault nothing caught (a bug in our code or a library's) stops everything, DynamoDB Local
// included, rather than leaving its Java process holding the port for the next npm start.
process.on('uncaughtException', (error, origin) => {
  console.error(`\nnpm start: an unexpected fault (${origin === 'unhandledRejection' ? 'a promise nothing awaited' : 'uncaught'}); stopping DynamoDB Local, the mailbox and the API:`, error);
  if (stopping) return process.exit(1);
  stopping = true;
  void system.stop().finally(() => process.exit(1));
});
process.on('SIGTERM', () => shutdown('SIGTERM'));
