import { ballotHolder, object } from '#shared/circulations/ballot.ts';
import { authenticate } from '#shared/http/authenticate.ts';
import { idempotency } from '#shared/http/idempotency.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';

export const handler = httpHandler(routes.objectToNames, async ({ principal, body, now }) => object(ballotHolder(principal), body, now), { authenticate, idempotency });
