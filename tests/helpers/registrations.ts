import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { writeTogether } from '#shared/db/transactions.ts';
import type { Organisation } from '#shared/organisations/schemas.ts';
import { newOrganisationId, newOrganisationPuts } from '#shared/organisations/store.ts';
import { api, newMeeting, staffToken, uniqueMeetingId } from './integration.ts';

/** What the integration tests read of registrations through the API. */
export type Registration = { registrationId: string; state: string; places: number; organisation: { regionalGroup: string | null }; representatives: { email: string; wishesToSpeak: boolean; speakingTopic: string | null }[] };
export type Receipt = { registration: Registration; statusUrl: string; statusToken: string; statusTokenExpiresAt: string };

/** An organisation in ECOSOC consultative status, as the ECOSOC list import would leave it. */
export async function ecosocOrganisation(name = `Migrant Rights Network ${randomUUID().slice(0, 6)}`, country = 'SEN'): Promise<Organisation> {
  const at = new Date().toISOString();
  const organisation: Organisation = { organisationId: newOrganisationId(), name, country, website: null, type: 'ngo', accreditation: { basis: 'ecosoc-consultative-status', ecosocStatus: 'special' }, createdAt: at, updatedAt: at };
  await writeTogether(newOrganisationPuts(organisation));
  return organisation;
}

export async function openMeeting(overrides: Record<string, unknown> = {}): Promise<string> {
  const meetingId = uniqueMeetingId('reg');
  const created = await api('POST', '/meetings', { token: staffToken(), body: newMeeting(meetingId, overrides) });
  expect(created.status).toBe(201);
  return meetingId;
}

export const person = (email: string, wishesToSpeak = false) => ({
  name: `Representative ${email.split('@')[0]}`,
  email,
  function: 'Programme officer',
  gender: 'female',
  nationality: 'SEN',
  wishesToSpeak,
  speakingTopic: wishesToSpeak ? 'Regular pathways and decent work' : null,
});
export const unique = () => `${randomUUID().slice(0, 10)}@example.org`;
export const registration = (organisationId: string, emails: string[], extra: Record<string, unknown> = {}) => ({
  organisation: { organisationId },
  contact: { name: 'Amina Diallo', email: emails[0] },
  representatives: emails.map((email, index) => person(email, index === 0)),
  ...extra,
});
