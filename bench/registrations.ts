import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchWriteCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '#shared/db/client.ts';
import { writeTogether } from '#shared/db/transactions.ts';
import type { Organisation } from '#shared/organisations/schemas.ts';
import { newOrganisationId, newOrganisationPuts } from '#shared/organisations/store.ts';
import type { Registration } from '#shared/registrations/schemas.ts';
import { listRegistrations, registrationItem } from '#shared/registrations/store.ts';
import { freePort, startLocalSystem } from '#local/runtime.ts';
import { demoAccessToken, demoAccounts } from '#local/oidc.ts';
import { percentile } from './stats.ts';

export interface RegistrationFigures {
  registrations: number;
  concurrency: number;
  apiPerSecond: number;
  barePerSecond: number;
  listing: { registrations: number; page: { p50: number; p99: number; bareP50: number; bareP99: number }; filtered: { p50: number; p99: number; bareP50: number; bareP99: number } };
}

async function inParallel(count: number, concurrency: number, task: (index: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let index = next++; index < count; index = next++) await task(index);
  }));
  return count / ((performance.now() - started) / 1000);
}

async function timed(times: number, call: () => Promise<unknown>) {
  const samples: number[] = [];
  for (let index = 0; index < times; index += 1) {
    const started = performance.now();
    await call();
    samples.push(performance.now() - started);
  }
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

/**
 * Registrations per second through the local API against the bare TransactWriteItems of the same
 * shape; then the staff listing of a meeting with `listed` registrations against the bare queries it needs.
 */
export async function measureRegistrations(count: number, concurrency: number, listed: number): Promise<RegistrationFigures> {
  const system = await startLocalSystem({ apiPort: await freePort(), dynamoPort: await freePort(), sesPort: await freePort(), oidcPort: await freePort(), oidcKeysFile: join(mkdtempSync(join(tmpdir(), 'bench-oidc-')), 'keys.json'), dataDir: null, scheduler: false, authSecret: randomBytes(36).toString('base64url'), tableName: 'bench-registrations' });
  try {
    // Creating the meeting is an admin's: signed in through the local provider as the console does.
    const admin = demoAccounts.find((account) => account.id === 'admin')!;
    const token = await demoAccessToken({ issuer: system.staffIssuer ?? '', redirectUri: `${system.apiUrl}/staff/`, account: admin });
    const meetingId = 'bench-hearing';
    const response = await fetch(`${system.apiUrl}/meetings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ meetingId, kind: 'multi-stakeholder-hearing', title: 'Benchmark hearing', timeZone: 'America/New_York', dates: { start: '2030-06-18', end: '2030-06-18' }, registration: { opensAt: '2020-01-01T00:00:00Z', closesAt: '2030-06-11T00:00:00Z' }, eligibleCategories: ['ecosoc-consultative-status'], capacity: 100_000, representativesPerOrganisation: 50 }),
    });
    if (response.status !== 201) throw new Error(`Could not create the benchmark meeting: ${response.status}`);
    const at = new Date().toISOString();
    const organisations: Organisation[] = Array.from({ length: 50 }, (_unused, index) => ({ organisationId: newOrganisationId(), name: `Bench NGO ${index}`, country: index % 10 === 0 ? 'MEX' : 'SEN', website: null, type: 'ngo', accreditation: { basis: 'ecosoc-consultative-status', ecosocStatus: 'special' }, createdAt: at, updatedAt: at }));
    for (const organisation of organisations) await writeTogether(newOrganisationPuts(organisation));

    const apiPerSecond = await inParallel(count, concurrency, async (index) => {
      const email = `p${index}.${randomUUID().slice(0, 6)}@bench.example.org`;
      const result = await fetch(`${system.apiUrl}/meetings/${meetingId}/registrations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ organisation: { organisationId: organisations[index % organisations.length]?.organisationId }, contact: { name: 'Bench contact', email }, representatives: [{ name: 'Bench person', email, function: 'Officer', gender: 'female', nationality: 'SEN' }] }),
      });
      if (result.status !== 201) throw new Error(`Registration answered ${result.status}: ${await result.text()}`);
    });
    // The same six writes a registration makes (registration, person guard, organisation count, places, notification, audit), straight to DynamoDB Local.
    const barePerSecond = await inParallel(count, concurrency, async (index) => {
      const id = `bare-${index}-${randomUUID()}`;
      await db().send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: tableName(), Item: { pk: `BARE#${id}`, sk: 'REGISTRATION', payload: 'x'.repeat(900) }, ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName: tableName(), Item: { pk: 'MEETING#bare', sk: `PERSON#${id}` }, ConditionExpression: 'attribute_not_exists(pk)' } },
            { Update: { TableName: tableName(), Key: { pk: 'MEETING#bare', sk: `ORGANISATION#${index % 50}` }, UpdateExpression: 'SET n = if_not_exists(n, :zero) + :one', ExpressionAttributeValues: { ':zero': 0, ':one': 1 } } },
            { Put: { TableName: tableName(), Item: { pk: `BARE#${id}`, sk: 'NOTIFICATION', payload: 'x'.repeat(1500) } } },
            { Put: { TableName: tableName(), Item: { pk: `BARE#${id}`, sk: 'AUDIT' } } },
          ],
        }),
      );
    });

    // The listing: `listed` registrations put straight into the table, a tenth of them from GRULAC.
    const bulkMeeting = meetingId; // the meeting exists, as the listing route checks
    const template = { meetingId: bulkMeeting, contact: { name: 'Bench contact', email: 'c@bench.example.org' }, places: 1, state: 'pending', stateReason: null, language: 'en', version: 1 } as const;
    const items = Array.from({ length: listed }, (_unused, index) => {
      const createdAt = new Date(Date.UTC(2030, 0, 1) + index * 1000).toISOString();
      const registration: Registration = {
        ...template,
        registrationId: `reg_bench${String(index).padStart(8, '0')}`,
        organisation: { organisationId: 'org_benchbench00', name: `Bench NGO ${index % 50}`, country: index % 10 === 0 ? 'MEX' : 'SEN', regionalGroup: index % 10 === 0 ? 'latin-american-caribbean' : 'african', type: 'ngo', category: 'ecosoc-consultative-status' },
        representatives: [{ name: `Person ${index}`, email: `p${index}@bench.example.org`, function: 'Officer', gender: index % 2 ? 'male' : 'female', nationality: 'SEN', accessibilityNeeds: null, wishesToSpeak: index % 3 === 0, speakingTopic: index % 3 === 0 ? 'Remittances' : null }],
        createdAt,
        updatedAt: createdAt,
      };
      return registrationItem(registration);
    });
    for (let start = 0; start < items.length; start += 25) {
      await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } })) } }));
    }
    const list = (query: string) => async () => {
      const result = await fetch(`${system.apiUrl}/meetings/${bulkMeeting}/registrations?${query}`, { headers: { authorization: `Bearer ${token}` } });
      if (result.status !== 200) throw new Error(`Listing answered ${result.status}`);
      await result.arrayBuffer();
    };
    await timed(20, list('limit=50'));
    const page = await timed(200, list('limit=50'));
    const barePage = await timed(200, () => listRegistrations(bulkMeeting, {}, { limit: 50 }));
    const filtered = await timed(100, list('limit=50&regionalGroup=latin-american-caribbean'));
    const bareFiltered = await timed(100, () => listRegistrations(bulkMeeting, { regionalGroup: 'latin-american-caribbean' }, { limit: 50 }));
    return {
      registrations: count,
      concurrency,
      apiPerSecond,
      barePerSecond,
      listing: { registrations: listed, page: { ...page, bareP50: barePage.p50, bareP99: barePage.p99 }, filtered: { ...filtered, bareP50: bareFiltered.p50, bareP99: bareFiltered.p99 } },
    };
  } finally {
    await system.stop();
  }
}
