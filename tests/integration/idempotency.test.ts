import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { api, newMeeting, staffToken, uniqueMeetingId } from '../helpers/integration.ts';

describe('Idempotency-Key on POST', () => {
  it('answers a retried POST with the first answer and creates nothing twice', async () => {
    const key = randomUUID();
    const meetingId = uniqueMeetingId('idem');
    const first = await api('POST', '/meetings', { token: staffToken(), body: newMeeting(meetingId), headers: { 'idempotency-key': key } });
    const retry = await api('POST', '/meetings', { token: staffToken(), body: newMeeting(meetingId), headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    // Without the key, the same POST is a second attempt to create, and is refused.
    expect((await api('POST', '/meetings', { token: staffToken(), body: newMeeting(meetingId) })).status).toBe(409);
  });

  it('refuses the same key with a different body with 422, creating nothing', async () => {
    const key = randomUUID();
    const meetingId = uniqueMeetingId('idem');
    await api('POST', '/meetings', { token: staffToken(), body: newMeeting(meetingId), headers: { 'idempotency-key': key } });
    const otherId = uniqueMeetingId('idem');
    const reused = await api('POST', '/meetings', { token: staffToken(), body: newMeeting(otherId), headers: { 'idempotency-key': key } });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await api('GET', `/meetings/${otherId}`)).status).toBe(404);
  });

  it('does not remember a refused request: a corrected retry with the same key goes through', async () => {
    const key = randomUUID();
    const meetingId = uniqueMeetingId('idem');
    const refused = await api('POST', '/meetings', { token: staffToken(), body: newMeeting(meetingId, { timeZone: 'Mars/Olympus' }), headers: { 'idempotency-key': key } });
    expect(refused.status).toBe(400);
    const corrected = await api('POST', '/meetings', { token: staffToken(), body: newMeeting(meetingId), headers: { 'idempotency-key': key } });
    expect(corrected.status).toBe(201);
  });

  it('keeps the keys of each caller apart: the same key from another staff member is a request of its own', async () => {
    const key = randomUUID();
    const meetingId = uniqueMeetingId('idem');
    const first = await api('POST', '/meetings', { token: staffToken('admin', { sub: 'first@opga.example.org' }), body: newMeeting(meetingId), headers: { 'idempotency-key': key } });
    const other = await api('POST', '/meetings', { token: staffToken('admin', { sub: 'second@opga.example.org' }), body: newMeeting(meetingId), headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(other.status).toBe(409);
  });

  it('never gives an anonymous caller the answer to another: the same key and body on a public POST is done once, and the second gets 409 without the first answer', async () => {
    const key = randomUUID();
    const body = {
      donor: { name: `Fondation Idempotence ${randomUUID().slice(0, 6)}`, type: 'philanthropic-organisation', country: 'CHE' },
      contact: { name: 'Claire Dubois', email: `${randomUUID().slice(0, 8)}@donors.example.org` },
      intended: { amount: 1000, currency: 'CHF' },
      earmarked: false,
    };
    const first = await api<{ inquiry: { inquiryId: string }; statusToken: string }>('POST', '/trust-fund/inquiries', { body, headers: { 'idempotency-key': key } });
    const second = await api('POST', '/trust-fund/inquiries', { body, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(first.body.statusToken).toBeTruthy();
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_USED', fields: [{ field: 'headers.idempotency-key' }] });
    const answer = JSON.stringify(second.body);
    expect(answer).not.toContain(first.body.statusToken);
    expect(answer).not.toContain(first.body.inquiry.inquiryId);
    // Done once: the record stays, so a third try is refused the same way rather than run again.
    expect((await api('POST', '/trust-fund/inquiries', { body, headers: { 'idempotency-key': key } })).status).toBe(409);
    const inquiries = await api<{ items: { donor: { name: string } }[] }>('GET', '/trust-fund/inquiries?limit=200', { token: staffToken() });
    expect(inquiries.body.items.filter((inquiry) => inquiry.donor.name === body.donor.name)).toHaveLength(1);
  });

  it('remembers the first answer after refusing the key with another body: the retry still gets it, nothing is created again', async () => {
    const key = randomUUID();
    const meetingId = uniqueMeetingId('idem');
    const first = await api('POST', '/meetings', { token: staffToken(), body: newMeeting(meetingId), headers: { 'idempotency-key': key } });
    expect((await api('POST', '/meetings', { token: staffToken(), body: newMeeting(uniqueMeetingId('idem')), headers: { 'idempotency-key': key } })).status).toBe(422);
    const retry = await api('POST', '/meetings', { token: staffToken(), body: newMeeting(meetingId), headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
  });

  it('creates exactly one meeting when the same keyed POST arrives many times at once', async () => {
    const key = randomUUID();
    const meetingId = uniqueMeetingId('idem');
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => api('POST', '/meetings', { token: staffToken(), body: newMeeting(meetingId), headers: { 'idempotency-key': key } })),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    expect(statuses.filter((status) => status === 201).length).toBeGreaterThanOrEqual(1);
    const created = responses.filter((response) => response.status === 201).map((response) => response.body.createdAt);
    expect(new Set(created).size).toBe(1);
  });
});
