import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { resetConfig } from '#shared/config.ts';
import { countSubmission } from '#shared/http/rate-limit.ts';
import { api, dispatchedMail, mailbox } from '../helpers/integration.ts';

/**
 * The limits on public submissions, through the local API against DynamoDB Local. The test system
 * allows 40 submissions per address and hour (tests/helpers/global-setup.ts) and, since every test
 * submits from 127.0.0.1, a million per client; the client limit is run here against the same table.
 */
const perAddress = 40;
const inquiry = (email: string) => ({
  donor: { name: `Fondation Limite ${randomUUID().slice(0, 6)}`, type: 'philanthropic-organisation', country: 'CHE' },
  contact: { name: 'Claire Dubois', email },
  intended: { amount: 1000, currency: 'CHF' },
  earmarked: false,
  message: null,
});
const submit = (email: string) => api<{ inquiry?: { inquiryId: string }; message?: string }>('POST', '/trust-fund/inquiries', { body: inquiry(email) });

describe('limits on public submissions', { timeout: 120_000 }, () => {
  it('takes at most the hour’s submissions for one address even when they arrive at once, then answers 429 with Retry-After and stores nothing', async () => {
    const address = `flood-${randomUUID().slice(0, 8)}@example.org`;
    const burst = await Promise.all(Array.from({ length: perAddress + 10 }, () => submit(address)));
    expect(burst.filter((answer) => answer.status === 201)).toHaveLength(perAddress);
    const refused = burst.filter((answer) => answer.status === 429);
    expect(refused).toHaveLength(10);
    const retryAfter = Number(refused[0]!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(refused[0]!.body.message).toContain(`naming ${address}`);

    // Another case of the same address is the same address; another address is untouched.
    expect((await submit(address.toUpperCase())).status).toBe(429);
    expect((await submit(`other-${randomUUID().slice(0, 8)}@example.org`)).status).toBe(201);
    // Each accepted inquiry was answered by e-mail; a refused one sent nothing.
    const replies = await dispatchedMail((email) => email.destination.to.includes(address), perAddress);
    expect(replies).toHaveLength(perAddress);
    expect((await mailbox()).filter((email) => email.destination.to.includes(address))).toHaveLength(perAddress);
  });

  it('counts a retry with the same Idempotency-Key for nothing: it creates nothing either', async () => {
    const address = `retrying-${randomUUID().slice(0, 8)}@example.org`;
    const key = randomUUID();
    const body = inquiry(address);
    const answers = [];
    for (let attempt = 0; attempt < perAddress + 5; attempt += 1) answers.push((await api('POST', '/trust-fund/inquiries', { body, headers: { 'idempotency-key': key } })).status);
    expect(answers[0]).toBe(201);
    expect(new Set(answers.slice(1))).toEqual(new Set([409]));
    expect((await submit(address)).status).toBe(201);
  });

  it('takes at most the hour’s submissions from one client address, and gives back the client’s count when an address refuses', async () => {
    process.env.PUBLIC_POSTS_PER_CLIENT_PER_HOUR = '3';
    process.env.PUBLIC_POSTS_PER_ADDRESS_PER_HOUR = '1';
    resetConfig();
    const client = `203.0.113.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 4)}`;
    const now = new Date();
    const used = `${randomUUID().slice(0, 8)}@example.org`;
    await countSubmission({ client, addresses: [used] }, now);
    // The address is at its limit: refused, and the client's count is given back.
    await expect(countSubmission({ client, addresses: [used] }, now)).rejects.toMatchObject({ statusCode: 429 });
    await countSubmission({ client, addresses: [] }, now);
    await countSubmission({ client, addresses: [] }, now);
    await expect(countSubmission({ client, addresses: [] }, now)).rejects.toMatchObject({ statusCode: 429, message: expect.stringContaining('from this network address') });
    await countSubmission({ client: `${client}-elsewhere`, addresses: [] }, now);
    // Next hour, a fresh count.
    await countSubmission({ client, addresses: [] }, new Date(now.getTime() + 3600_000));
  });
});

afterAll(() => {
  delete process.env.PUBLIC_POSTS_PER_CLIENT_PER_HOUR;
  delete process.env.PUBLIC_POSTS_PER_ADDRESS_PER_HOUR;
  resetConfig();
});
