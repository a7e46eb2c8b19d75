import { ballotHolder, getBallot } from '#shared/circulations/ballot.ts';
import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';

export const handler = httpHandler(routes.getBallot, async ({ principal, now }) => ({ body: await getBallot(ballotHolder(principal), now) }), { authenticate });
