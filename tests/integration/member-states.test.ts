import { describe, expect, it } from 'vitest';
import { api, staffToken } from '../helpers/integration.ts';

type State = { code: string; name: string; status: string; regionalGroup: string | null; contacts: { email: string; label: string | null }[]; version: number };
type Page = { items: State[]; nextCursor: string | null };

describe('the Member State registry', () => {
  it('lists the 193 Member States and 2 observer States in name order, with a demo mission address each', async () => {
    const response = await api<Page>('GET', '/member-states', { token: staffToken() });
    expect(response.status).toBe(200);
    const states = response.body.items;
    expect(states).toHaveLength(195);
    expect(response.body.nextCursor).toBeNull();
    expect(states.filter((state) => state.status === 'member')).toHaveLength(193);
    expect(states.filter((state) => state.status === 'observer-state').map((state) => state.code).sort()).toEqual(['PSE', 'VAT']);
    expect(states.every((state) => /^[A-Z]{3}$/.test(state.code) && state.contacts.length >= 1)).toBe(true);
    expect(states.every((state) => state.contacts.every((contact) => contact.email.endsWith('.example.org')))).toBe(true);
    const names = states.map((state) => state.name.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase());
    expect(names).toEqual([...names].sort());
  });

  it('filters by regional group', async () => {
    const response = await api<Page>('GET', '/member-states?regionalGroup=african', { token: staffToken() });
    expect(response.body.items).toHaveLength(54);
    expect(response.body.items.every((state) => state.regionalGroup === 'african')).toBe(true);
  });

  it('is for staff only', async () => {
    expect((await api('GET', '/member-states')).status).toBe(401);
  });

  it("replaces a State's mission addresses, normalising case, and keeps the change in order", async () => {
    const contacts = [{ email: 'Mission.Mexico@Example.org', label: 'Permanent Mission, New York' }, { email: 'gcm@mission-mexico.example.org' }];
    const response = await api<State>('PUT', '/member-states/MEX/contacts', { token: staffToken(), body: { contacts } });
    expect(response.status).toBe(200);
    expect(response.body.contacts).toEqual([
      { email: 'mission.mexico@example.org', label: 'Permanent Mission, New York' },
      { email: 'gcm@mission-mexico.example.org', label: null },
    ]);
    const listed = await api<Page>('GET', '/member-states?regionalGroup=latin-american-caribbean', { token: staffToken() });
    expect(listed.body.items.find((state) => state.code === 'MEX')?.contacts).toHaveLength(2);
  });

  it('refuses no address, a repeated address or a malformed one, and keeps the stored addresses', async () => {
    const before = (await api<Page>('GET', '/member-states?regionalGroup=western-european-and-others', { token: staffToken() })).body.items.find((state) => state.code === 'CHE');
    for (const contacts of [[], [{ email: 'a@example.org' }, { email: 'A@example.org' }], [{ email: 'not-an-address' }]]) {
      const response = await api('PUT', '/member-states/CHE/contacts', { token: staffToken(), body: { contacts } });
      expect(response.status).toBe(400);
      expect((response.body.fields as { field: string }[])[0]?.field).toMatch(/^body\.contacts/);
    }
    const after = (await api<Page>('GET', '/member-states?regionalGroup=western-european-and-others', { token: staffToken() })).body.items.find((state) => state.code === 'CHE');
    expect(after).toEqual(before);
  });

  it('answers 404 for a country that is no State of the registry, and 400 for a code that is no ISO 3166 country or is malformed', async () => {
    expect((await api('PUT', '/member-states/HKG/contacts', { token: staffToken(), body: { contacts: [{ email: 'x@example.org' }] } })).status).toBe(404);
    expect((await api('PUT', '/member-states/XYZ/contacts', { token: staffToken(), body: { contacts: [{ email: 'x@example.org' }] } })).status).toBe(400);
    expect((await api('PUT', '/member-states/mex/contacts', { token: staffToken(), body: { contacts: [{ email: 'x@example.org' }] } })).status).toBe(400);
  });
});
