import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { fixedClock, systemClock } from '#shared/clock.ts';
import { dispatchNotifications } from '#shared/email/dispatcher.ts';
import { remindStaleInquiries } from '#shared/trust-fund/trust-fund.ts';
import { api, mailbox, staffToken } from '../helpers/integration.ts';

type Fund = { objectives: { objectiveId: string; title: string }[]; contacts: { email: string }[]; arrangement: { instructions: string }; eligibleDonorTypes: string[]; version: number };
type Inquiry = { inquiryId: string; state: string; review: string; received: { amount: string; currency: string; minorUnits: number } | null; notes?: { text: string; by: string }[]; objectiveTitle: string | null; updatedAt: string };
type Receipt = { inquiry: Inquiry; statusUrl: string; statusToken: string };

const dispatch = () => dispatchNotifications({ clock: systemClock, remainingMs: () => 60_000 });

const inquiry = (overrides: Record<string, unknown> = {}) => ({
  donor: { name: `Fondation Horizons ${randomUUID().slice(0, 6)}`, type: 'philanthropic-organisation', country: 'CHE' },
  contact: { name: 'Claire Dubois', email: `${randomUUID().slice(0, 8)}@donors.example.org` },
  intended: { amount: 250000, currency: 'CHF' },
  earmarked: false,
  message: 'We would like to support participation from the least developed countries.',
  ...overrides,
});

const submit = (body: unknown) => api<Receipt>('POST', '/trust-fund/inquiries', { body });

describe('the voluntary trust fund', { timeout: 60_000 }, () => {
  it('publishes its objectives, contacts and how to contribute, which staff edit', async () => {
    const fund = await api<Fund>('GET', '/trust-fund');
    expect(fund.status).toBe(200);
    expect(fund.body.eligibleDonorTypes).toEqual(['member-state', 'regional-legislative-body', 'intergovernmental-organisation', 'philanthropic-organisation']);
    expect(fund.body.objectives.length).toBeGreaterThan(0);

    const { eligibleDonorTypes: _types, version: _version, updatedAt: _at, updatedBy: _by, ...details } = fund.body as Fund & { updatedAt: string; updatedBy: string };
    const edited = { ...details, contacts: [...details.contacts, { name: 'New focal point', role: 'OPGA', email: 'focal@opga.example.org', phone: '+1 212 963 0000' }] };
    const saved = await api<Fund>('PUT', '/trust-fund', { token: staffToken(), body: edited });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(fund.body.version + 1);
    expect((await api<Fund>('GET', '/trust-fund')).body.contacts.map((contact) => contact.email)).toContain('focal@opga.example.org');
    expect((await api('PUT', '/trust-fund', { body: edited })).status).toBe(401);
    const bad = await api<{ fields: { field: string }[] }>('PUT', '/trust-fund', { token: staffToken(), body: { ...edited, objectives: [] } });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((problem) => problem.field)).toEqual(['body.objectives']);
    const trail = await api<{ items: { action: string; actorId: string }[] }>('GET', '/audit/trust-fund/fund', { token: staffToken() });
    expect(trail.body.items[0]).toMatchObject({ action: 'trustFund.updated', actorId: 'tester@opga.example.org', actorRole: 'admin', actorName: 'Tess Tester' });
    // Put it back as it was, for the other tests.
    await api('PUT', '/trust-fund', { token: staffToken(), body: details });
  });

  it('answers an inquiry at once with the contribution details from the configuration and a status link', async () => {
    const fund = (await api<Fund>('GET', '/trust-fund')).body;
    const body = inquiry({ earmarked: true, objectiveId: fund.objectives[0]!.objectiveId });
    const response = await submit(body);
    expect(response.status).toBe(201);
    expect(response.body.inquiry).toMatchObject({ state: 'new', review: 'eligible', objectiveTitle: fund.objectives[0]!.title });
    expect(response.body.inquiry).not.toHaveProperty('notes');
    expect(response.headers.get('location')).toBe(`/trust-fund/inquiries/${response.body.inquiry.inquiryId}/status`);

    await dispatch();
    const reply = (await mailbox()).find((email) => email.destination.to.join(',').includes(body.contact.email));
    const text = reply?.body.text ?? '';
    expect(text).toContain(fund.arrangement.instructions);
    for (const objective of fund.objectives) expect(text).toContain(objective.title);
    for (const contact of fund.contacts) expect(text).toContain(contact.email);
    expect(text).toContain(response.body.statusUrl);
    expect(text).toMatch(/CHF\s?250,000\.00/);

    const status = await api<Inquiry>('GET', `/trust-fund/inquiries/${response.body.inquiry.inquiryId}/status`, { token: response.body.statusToken });
    expect(status).toMatchObject({ status: 200, body: { state: 'new' } });
    expect((await api('GET', `/trust-fund/inquiries/${response.body.inquiry.inquiryId}/status`, { token: staffToken() })).status).toBe(401);
    const alert = (await mailbox()).find((email) => email.destination.to.join(',').includes('staff@opga.example.org') && (email.body.text ?? '').includes(response.body.inquiry.inquiryId));
    expect(alert).toBeDefined();
  });

  it('takes a donor type outside the four for manual review, and tells the donor so', async () => {
    const body = inquiry({ donor: { name: 'Acme Shipping Ltd', type: 'private-sector', country: 'GBR' } });
    const response = await submit(body);
    expect(response.status).toBe(201);
    expect(response.body.inquiry.review).toBe('manual-review');
    await dispatch();
    const reply = (await mailbox()).find((email) => email.destination.to.join(',').includes(body.contact.email));
    expect(reply?.body.text).toMatch(/review/i);
    const manual = await api<{ items: Inquiry[] }>('GET', '/trust-fund/inquiries?eligible=false&limit=200', { token: staffToken() });
    expect(manual.body.items.map((item) => item.inquiryId)).toContain(response.body.inquiry.inquiryId);
  });

  it('refuses bad input with a clear 4xx, naming each field, and stores nothing', async () => {
    const before = (await api<{ inquiries: number }>('GET', '/trust-fund/totals', { token: staffToken() })).body.inquiries;
    const cases: [unknown, string[]][] = [
      [inquiry({ intended: { amount: 100, currency: 'ABC' } }), ['body.intended.currency']],
      [inquiry({ intended: { amount: -5, currency: 'USD' } }), ['body.intended.amount']],
      [inquiry({ intended: { amount: 10.005, currency: 'USD' } }), ['body.intended.amount']],
      [inquiry({ intended: { amount: 10.1, currency: 'JPY' } }), ['body.intended.amount']],
      [inquiry({ intended: { amount: 100.000000001, currency: 'USD' } }), ['body.intended.amount']],
      [inquiry({ intended: { amount: 0.30000000000000004, currency: 'USD' } }), ['body.intended.amount']],
      [inquiry({ intended: { amount: '12.3456', currency: 'BHD' } }), ['body.intended.amount']],
      [inquiry({ intended: { amount: '12,50', currency: 'EUR' } }), ['body.intended.amount']],
      [inquiry({ contact: { name: 'Claire', email: 'not-an-address' } }), ['body.contact.email']],
      [inquiry({ earmarked: true }), ['body.objectiveId']],
      [inquiry({ donor: { name: 'X', type: 'alien', country: 'CHE' } }), ['body.donor.name', 'body.donor.type']],
      [inquiry({ objectiveId: 'ldc-participation' }), ['body.objectiveId']],
    ];
    for (const [body, fields] of cases) {
      const response = await submit(body);
      expect([response.status, ((response.body as unknown as { fields: { field: string }[] }).fields ?? []).map((problem) => problem.field).sort()]).toEqual([400, fields]);
    }
    const yen = await submit(inquiry({ intended: { amount: '10.1', currency: 'JPY' } }));
    expect(yen.body).toMatchObject({ fields: [{ field: 'body.intended.amount', message: 'must be a whole number for JPY, which has no minor unit' }] });
    const dinar = await submit(inquiry({ intended: { amount: '12.3456', currency: 'BHD' } }));
    expect(dinar.body).toMatchObject({ fields: [{ field: 'body.intended.amount', message: 'must have at most 3 decimals for BHD' }] });
    const unknownObjective = await submit(inquiry({ earmarked: true, objectiveId: 'moon-base' }));
    expect(unknownObjective.status).toBe(400);
    expect(unknownObjective.body).toMatchObject({ message: expect.stringContaining('no objective') });
    expect((await api<{ inquiries: number }>('GET', '/trust-fund/totals', { token: staffToken() })).body.inquiries).toBe(before);
  });

  it('lets staff work an inquiry through its states with notes, totals per currency, a CSV export and the audit trail', async () => {
    const fund = (await api<Fund>('GET', '/trust-fund')).body;
    const currency = 'NOK'; // one no other test uses, so the totals are this test's own
    const open = (await submit(inquiry({ intended: { amount: 1000.1, currency } }))).body.inquiry;
    const earmarked = (await submit(inquiry({ intended: { amount: '500.20', currency }, earmarked: true, objectiveId: fund.objectives[0]!.objectiveId }))).body.inquiry;
    expect((earmarked as unknown as { intended: unknown }).intended).toEqual({ amount: '500.20', currency, minorUnits: 50020 });
    const dropped = (await submit(inquiry({ intended: { amount: 300, currency } }))).body.inquiry;
    const path = (id: string) => `/trust-fund/inquiries/${id}`;

    expect((await api<Inquiry>('PATCH', path(open.inquiryId), { token: staffToken(), body: { state: 'in-contact', note: 'Called the foundation' } })).body).toMatchObject({ state: 'in-contact', notes: [{ text: 'Called the foundation', by: 'tester@opga.example.org' }] });
    const missing = await api('PATCH', path(earmarked.inquiryId), { token: staffToken(), body: { state: 'contribution-received' } });
    expect(missing.status).toBe(400);
    expect((await api<Inquiry>('PATCH', path(earmarked.inquiryId), { token: staffToken(), body: { state: 'contribution-received', received: { amount: 450, currency } } })).body.received).toEqual({ amount: '450.00', currency, minorUnits: 45000 });
    await api('PATCH', path(dropped.inquiryId), { token: staffToken(), body: { state: 'closed', note: 'Decided not to give' } });
    expect((await api('PATCH', path(open.inquiryId), { token: staffToken(), body: {} })).status).toBe(400);
    expect((await api('PATCH', path('inq_0000000000000000'), { token: staffToken(), body: { note: 'x?' } })).status).toBe(404);

    // Added in minor units: 1000.10 + 500.20 is 1500.30 exactly, not the float 1500.3000000000002.
    const totals = await api<{ currencies: Record<string, unknown> }>('GET', '/trust-fund/totals', { token: staffToken() });
    expect(totals.body.currencies[currency]).toEqual({ digits: 2, intended: { earmarked: '500.20', unearmarked: '1000.10', total: '1500.30' }, received: { earmarked: '450.00', unearmarked: '0.00', total: '450.00' } });

    const csv = await (await fetch(`${inject('apiUrl')}/trust-fund/export`, { headers: { authorization: `Bearer ${staffToken()}` } })).text();
    expect(csv.replace(/^\uFEFF/, '').split('\n')[0]).toMatch(/^inquiryId,receivedAt,donor,donorType/);
    expect(csv).toContain(`${open.inquiryId},`);
    expect(csv).toContain('Called the foundation');
    expect(csv).toContain(`1000.10,${currency}`);

    const trail = await api<{ items: { action: string }[] }>('GET', `/audit/trust-fund-inquiry/${earmarked.inquiryId}`, { token: staffToken() });
    expect(trail.body.items.map((entry) => entry.action)).toEqual(['inquiry.contribution-received', 'inquiry.received']);
  });

  it('reminds staff of an inquiry untouched for 7 days, once for each such stretch', async () => {
    const { inquiry: created } = (await submit(inquiry())).body;
    const later = new Date(Date.parse(created.updatedAt) + 8 * 24 * 3600_000);
    await remindStaleInquiries(later);
    await remindStaleInquiries(later);
    await dispatchNotifications({ clock: fixedClock(later), remainingMs: () => 60_000 });
    const remindersOf = async () => (await mailbox()).filter((email) => email.destination.to.join(',').includes('staff@opga.example.org') && (email.body.text ?? '').includes(created.inquiryId) && email.subject.includes('untouched'));
    expect(await remindersOf()).toHaveLength(1);
    // Touched: no reminder for the next 7 days; then one more.
    await api('PATCH', `/trust-fund/inquiries/${created.inquiryId}`, { token: staffToken(), body: { note: 'Sent the arrangement' } });
    expect((await remindStaleInquiries(new Date(Date.now() + 3 * 24 * 3600_000))).reminded).toBe(0);
    const muchLater = new Date(Date.now() + 8 * 24 * 3600_000);
    await remindStaleInquiries(muchLater);
    await dispatchNotifications({ clock: fixedClock(muchLater), remainingMs: () => 60_000 });
    expect(await remindersOf()).toHaveLength(2);
  });
});
