import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { listCalls } from '#shared/steering-committee/committee.ts';

export const handler = httpHandler(routes.listCommitteeCalls, async ({ query, now }) => ({ body: { items: await listCalls(!query.includeClosed, now) } }));
