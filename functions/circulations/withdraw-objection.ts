import { ballotHolder, withdrawObjection } from '#shared/circulations/ballot.ts';
import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';

export const handler = httpHandler(routes.withdrawObjection, async ({ principal, params, now }) => ({ body: await withdrawObjection(ballotHolder(principal), params.applicationId, now) }), { authenticate });
