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
    const first = await api('POST', '/meetings', { token: staffToken('staff', { sub: 'first@opga.example.org' }), body: newMeeting(meetingId), headers: { 'idempotency-key': key } });
    const other = await api('POST', '/meetings', { token: staffToken('staff', { sub: 'second@opga.example.org' }), body: newMeeting(meetingId), headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(other.status).toBe(409);
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
