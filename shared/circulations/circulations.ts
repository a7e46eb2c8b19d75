import { randomBytes } from 'node:crypto';
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { auditPut, type Actor } from '#shared/audit/audit.ts';
import { csvFile } from '#shared/csv.ts';
import { applicationItem, listApplications, toApplication } from '#shared/accreditation/applications.ts';
import type { Application } from '#shared/accreditation/schemas.ts';
import { db, tableName } from '#shared/db/client.ts';
import { keys } from '#shared/db/keys.ts';
import { allPages, queryPage, type Page } from '#shared/db/query.ts';
import { writeTogether } from '#shared/db/transactions.ts';
import { html } from '#shared/email/html.ts';
import { BadRequestError, ConflictError, ValidationError, type FieldProblem } from '#shared/errors.ts';
import type { AccreditationStage } from '#shared/organisations/schemas.ts';
import { newFanOut, runFanOut } from '#shared/circulations/fan-out.ts';
import { circulationItem, entryItem, getCirculation, listEntries, listFanOuts } from '#shared/circulations/store.ts';
import {
  defaultNonObjectionDays,
  maxListLength,
  type Circulation,
  type CirculationEntry,
  type CirculationState,
  type CreateCirculationBody,
  type FanOutProgress,
  type StoredEntry,
} from '#shared/circulations/schemas.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { table: ['BatchGetItem', 'PutItem', 'UpdateItem'], indexes: ['gsi1'] };

export const stageNames: Record<AccreditationStage, string> = { 'preparatory-process': 'preparatory process', 'intergovernmental-conference': 'intergovernmental conference' };
/** Applications per transaction when a list is drawn up: an entry and the application's new state each, and the list's count. */
const applicationsPerChunk = 49;
/** How long a request spends writing notices before it leaves the rest to the job (API Lambdas time out at 10 s). */
const noticeBudgetMs = 6000;

const publicEntry = ({ contactName: _name, contactEmail: _email, language: _language, position: _position, ...entry }: StoredEntry): CirculationEntry => entry;
const publicFanOut = ({ name, kind, state, memberStatesNotified, notifications, withoutAddress, createdAt, completedAt }: FanOutProgress): FanOutProgress => ({ name, kind, state, memberStatesNotified, notifications, withoutAddress, createdAt, completedAt });

async function applicationsById(ids: readonly string[]): Promise<Map<string, Application>> {
  const found = new Map<string, Application>();
  for (let start = 0; start < ids.length; start += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead: boolean }> | undefined = {
      [tableName()]: { Keys: ids.slice(start, start + 100).map((id) => ({ ...keys.application(id) })), ConsistentRead: true },
    };
    while (request && Object.keys(request).length > 0) {
      const result = await db().send(new BatchGetCommand({ RequestItems: request }));
      for (const item of result.Responses?.[tableName()] ?? []) {
        const application = toApplication(item);
        found.set(application.applicationId, application);
      }
      request = result.UnprocessedKeys as typeof request;
    }
  }
  return found;
}

const includedApplications = (stage: AccreditationStage): Promise<Application[]> => allPages((cursor) => listApplications(stage, { state: 'included', limit: 200, cursor }));

export function listCirculations(query: { stage?: AccreditationStage | undefined; state?: CirculationState | undefined; limit: number; cursor?: string | undefined }): Promise<Page<Circulation>> {
  const filters = [...(query.stage ? ['stage = :stage'] : []), ...(query.state ? ['#state = :state'] : [])];
  return queryPage(
    {
      IndexName: keys.circulationCatalogueIndex.indexName,
      KeyConditionExpression: 'gsi1pk = :partition',
      ScanIndexForward: false,
      ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
      ...(query.state ? { ExpressionAttributeNames: { '#state': 'state' } } : {}),
      ExpressionAttributeValues: { ':partition': keys.circulationCatalogueIndex.partition, ...(query.stage ? { ':stage': query.stage } : {}), ...(query.state ? { ':state': query.state } : {}) },
    },
    {
      limit: query.limit,
      cursor: query.cursor,
      partition: { gsi1pk: keys.circulationCatalogueIndex.partition },
      toItem: (item) => {
        const { pk: _pk, sk: _sk, gsi1pk: _g1p, gsi1sk: _g1s, gsi2pk: _g2p, gsi2sk: _g2s, type: _type, ...circulation } = item;
        return circulation as Circulation;
      },
    },
  );
}

/**
 * Staff draw up a list from screened (included) applications of one stage. Each application moves
 * to `listed` in the same transaction as its entry, on condition that it is still included, so no
 * application is on two lists and none is rejected while listed. Large lists are written in chunks.
 */
export async function createCirculation(body: CreateCirculationBody, actor: Actor, now: Date) {
  let applications: Application[];
  if (body.applicationIds) {
    const found = await applicationsById(body.applicationIds);
    const problems: FieldProblem[] = [];
    body.applicationIds.forEach((id, index) => {
      const application = found.get(id);
      if (!application) problems.push({ field: `body.applicationIds[${index}]`, message: `no application '${id}'` });
      else if (application.stage !== body.stage) problems.push({ field: `body.applicationIds[${index}]`, message: `applies for the ${application.stage}, not the ${body.stage}` });
      else if (application.state !== 'included') problems.push({ field: `body.applicationIds[${index}]`, message: `is ${application.state}; only included (screened) applications can be listed` });
    });
    if (problems.length > 0) throw new ValidationError(`Some applications cannot be listed: ${problems.map((problem) => `${problem.field} ${problem.message}`).join('; ')}`, { fields: problems });
    applications = body.applicationIds.map((id) => found.get(id)!);
  } else {
    applications = await includedApplications(body.stage);
    if (applications.length === 0) throw new ConflictError(`No application for the ${body.stage} is included and unlisted: screen applications first`);
    if (applications.length > maxListLength) throw new ConflictError(`${applications.length} applications are included; a list holds at most ${maxListLength}: name them in applicationIds`);
  }

  const earlier = await listCirculations({ stage: body.stage, limit: 100 });
  const at = now.toISOString();
  const circulation: Circulation = {
    circulationId: `circ_${randomBytes(8).toString('hex')}`,
    stage: body.stage,
    title: body.title ?? `Special accreditation: ${stageNames[body.stage]}, list ${earlier.items.length + 1}`,
    state: 'draft',
    applicants: 0,
    deadline: null,
    extensions: [],
    remindedFor: null,
    lastNoticeAt: null,
    createdAt: at,
    createdBy: actor.id,
    circulatedAt: null,
    circulatedBy: null,
    closedAt: null,
    accredited: null,
    notAccredited: null,
    version: 1,
  };
  await writeTogether([
    { Put: { TableName: tableName(), Item: circulationItem(circulation), ConditionExpression: 'attribute_not_exists(pk)' } },
    auditPut(keys.circulation(circulation.circulationId), { action: 'circulation.created', actor, at: now, details: { stage: body.stage, title: circulation.title, requested: applications.length } }),
  ]);

  const skipped: { applicationId: string; message: string }[] = [];
  let listed = 0;
  let version = circulation.version;
  for (let start = 0; start < applications.length; start += applicationsPerChunk) {
    let chunk = applications.slice(start, start + applicationsPerChunk);
    while (chunk.length > 0) {
      const items = chunk.flatMap((application, offset) => [
        { Put: { TableName: tableName(), Item: entryItem(circulation.circulationId, entryOf(application, start + offset)), ConditionExpression: 'attribute_not_exists(pk)' } },
        {
          Put: {
            TableName: tableName(),
            Item: applicationItem({ ...application, state: 'listed', circulationId: circulation.circulationId, updatedAt: at, version: application.version + 1 }),
            ConditionExpression: '#state = :included AND version = :version',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':included': 'included', ':version': application.version },
          },
        },
      ]);
      const { failedCondition } = await writeTogether([
        ...items,
        {
          Update: {
            TableName: tableName(),
            Key: keys.circulation(circulation.circulationId),
            UpdateExpression: 'SET applicants = applicants + :n, version = version + :one',
            ConditionExpression: '#state = :draft',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':n': chunk.length, ':one': 1, ':draft': 'draft' },
          },
        },
      ]);
      if (failedCondition === undefined) {
        listed += chunk.length;
        version += 1;
        break;
      }
      // An application changed meanwhile (rejected, or put on another list): leave it out and write the rest.
      const culprit = chunk[Math.floor(failedCondition / 2)];
      if (!culprit || failedCondition >= items.length) throw new ConflictError('The list changed while it was being drawn up; try again');
      skipped.push({ applicationId: culprit.applicationId, message: 'It changed while the list was drawn up (rejected, or listed elsewhere)' });
      chunk = chunk.filter((application) => application !== culprit);
    }
  }
  if (listed === 0) throw new ConflictError('None of the applications could be listed: they changed meanwhile');
  return { circulation: { ...circulation, applicants: listed, version }, skipped };
}

function entryOf(application: Application, position: number): StoredEntry {
  return {
    applicationId: application.applicationId,
    organisationId: application.organisationId,
    name: application.organisation.name,
    country: application.organisation.country,
    regionalGroup: application.organisation.regionalGroup,
    organisationType: application.organisation.type,
    representativeGender: application.representativeGender,
    outcome: null,
    standingObjections: null,
    contactName: application.contact.name,
    contactEmail: application.contact.email,
    language: application.language,
    position,
  };
}

export async function circulationDetail(circulationId: string) {
  const circulation = await getCirculation(circulationId);
  const [entries, notices] = await Promise.all([listEntries(circulationId), listFanOuts(circulationId)]);
  return { circulation, entries: entries.map(publicEntry), notices: notices.map(publicFanOut) };
}

/** A whole-item write of a circulation, on condition that nobody changed it since it was read. */
function replaceCirculation(before: Circulation, after: Circulation) {
  return { Put: { TableName: tableName(), Item: circulationItem(after), ConditionExpression: 'version = :version', ExpressionAttributeValues: { ':version': before.version } } };
}

async function noticesFor(circulationId: string, name: string, now: Date) {
  const started = Date.now();
  const progress = await runFanOut(circulationId, name, now, () => Date.now() - started > noticeBudgetMs);
  return progress ? publicFanOut(progress) : null;
}

const normalised = (instant: string) => new Date(instant).toISOString();

/** Sends the list to every Member State: the state change and the notices' fan-out record together, then the notices. */
export async function circulate(circulationId: string, body: { deadline?: string | undefined }, actor: Actor, now: Date) {
  const before = await getCirculation(circulationId);
  if (before.state !== 'draft') throw new ConflictError(`${before.title} was already circulated, at ${before.circulatedAt ?? 'an earlier time'}`);
  if (before.applicants === 0) throw new ConflictError(`${before.title} has no names to circulate`);
  const deadline = normalised(body.deadline ?? new Date(now.getTime() + defaultNonObjectionDays * 24 * 3600_000).toISOString());
  if (deadline <= now.toISOString()) throw new BadRequestError(`The deadline ${deadline} has passed`, { fields: [{ field: 'body.deadline', message: 'must be in the future' }] });
  const at = now.toISOString();
  const after: Circulation = { ...before, state: 'circulated', deadline, circulatedAt: at, circulatedBy: actor.id, lastNoticeAt: at, version: before.version + 1 };
  const fanOut = newFanOut(after, 'circulated', null, now);
  const { failedCondition } = await writeTogether([
    replaceCirculation(before, after),
    fanOut.put,
    auditPut(keys.circulation(circulationId), { action: 'circulation.circulated', actor, at: now, details: { deadline, applicants: before.applicants } }),
  ]);
  if (failedCondition !== undefined) throw new ConflictError(`${before.title} changed meanwhile (it may have been circulated already); reload it`);
  return { circulation: after, notices: await noticesFor(circulationId, fanOut.name, now) };
}

/** Moves the deadline later (never earlier) before it passes; every Member State is told, with a new link. */
export async function extendDeadline(circulationId: string, requested: string, actor: Actor, now: Date) {
  const before = await getCirculation(circulationId);
  if (before.state !== 'circulated' || !before.deadline) throw new ConflictError(`Only a circulated list's deadline can be extended; ${before.title} is ${before.state}`);
  if (before.deadline < now.toISOString()) throw new ConflictError(`The deadline of ${before.title} passed at ${before.deadline}; it can no longer be extended`);
  const deadline = normalised(requested);
  if (deadline <= before.deadline) {
    throw new BadRequestError(`A deadline can only be extended: ${deadline} is not after the current deadline ${before.deadline}`, { fields: [{ field: 'body.deadline', message: `must be after ${before.deadline}` }] });
  }
  const at = now.toISOString();
  const after: Circulation = { ...before, deadline, extensions: [...before.extensions, { from: before.deadline, to: deadline, at, by: actor.id }], lastNoticeAt: at, version: before.version + 1 };
  const fanOut = newFanOut(after, 'extended', before.deadline, now);
  const { failedCondition } = await writeTogether([
    replaceCirculation(before, after),
    fanOut.put,
    auditPut(keys.circulation(circulationId), { action: 'circulation.deadlineExtended', actor, at: now, details: { from: before.deadline, to: deadline } }),
  ]);
  if (failedCondition !== undefined) throw new ConflictError(`${before.title} changed meanwhile; reload it and try again`);
  return { circulation: after, notices: await noticesFor(circulationId, fanOut.name, now) };
}

/**
 * Drops a draft: it is marked discarded first (so it can no longer be circulated), then each of its
 * applications is included again. Calling it again on a discarded list finishes that second step.
 */
export async function discardDraft(circulationId: string, actor: Actor, now: Date): Promise<Circulation> {
  let circulation = await getCirculation(circulationId);
  if (circulation.state !== 'draft' && circulation.state !== 'discarded') throw new ConflictError(`Only a draft can be discarded; ${circulation.title} is ${circulation.state}`);
  if (circulation.state === 'draft') {
    const after: Circulation = { ...circulation, state: 'discarded', version: circulation.version + 1 };
    const { failedCondition } = await writeTogether([replaceCirculation(circulation, after), auditPut(keys.circulation(circulationId), { action: 'circulation.discarded', actor, at: now, details: {} })]);
    if (failedCondition !== undefined) throw new ConflictError(`${circulation.title} changed meanwhile (it may have been circulated); reload it`);
    circulation = after;
  }
  const entries = await listEntries(circulationId);
  const applications = await applicationsById(entries.map((entry) => entry.applicationId));
  const at = now.toISOString();
  for (const application of applications.values()) {
    if (application.state !== 'listed' || application.circulationId !== circulationId) continue;
    await writeTogether([
      {
        Put: {
          TableName: tableName(),
          Item: applicationItem({ ...application, state: 'included', circulationId: null, updatedAt: at, version: application.version + 1 }),
          ConditionExpression: 'version = :version',
          ExpressionAttributeValues: { ':version': application.version },
        },
      },
    ]);
  }
  return circulation;
}

// ---- The lists, for the attention of the General Assembly ----

const outcomeWords = { accredited: 'Accredited', 'not-accredited': 'Not accredited' } as const;

export async function exportList(circulationId: string, version: 'proposed' | 'final', format: 'csv' | 'html', now: Date) {
  const circulation = await getCirculation(circulationId);
  if (circulation.state === 'draft') throw new ConflictError(`${circulation.title} is a draft: it has not been circulated`);
  if (version === 'final' && circulation.state !== 'closed') {
    throw new ConflictError(`The final list of ${circulation.title} exists once it closes after its deadline (${circulation.deadline ?? 'none'})`);
  }
  const all = await listEntries(circulationId);
  const entries = version === 'final' ? all.filter((entry) => entry.outcome === 'accredited') : all;
  const filename = `${circulationId}-${version}-${now.toISOString().slice(0, 10)}`;
  if (format === 'csv') {
    const rows = entries.map((entry, index) => [index + 1, entry.applicationId, entry.name, entry.country, entry.regionalGroup ?? '', entry.organisationType, ...(version === 'final' ? [] : [entry.outcome ?? (circulation.state === 'closed' ? '' : 'pending')])]);
    return csvFile(filename, ['number', 'reference', 'organisation', 'country', 'regionalGroup', 'organisationType', ...(version === 'final' ? [] : ['outcome'])], rows);
  }
  const heading = version === 'final' ? 'Final list of organisations accredited' : 'Proposed list of organisations circulated to Member States on a non-objection basis';
  const rows = entries.map(
    (entry, index) =>
      html`<tr><td>${String(index + 1)}</td><td>${entry.name}</td><td>${entry.country}</td><td>${entry.organisationType}</td>${version === 'proposed' ? html`<td>${entry.outcome ? outcomeWords[entry.outcome] : 'Pending'}</td>` : html``}</tr>`,
  );
  const text = html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${circulation.title}</title><style>
body{font-family:Georgia,serif;margin:2.5cm;color:#000}h1{font-size:16pt}h2{font-size:13pt;font-weight:normal}table{border-collapse:collapse;width:100%}th,td{border:1px solid #444;padding:4pt 6pt;text-align:left;font-size:10.5pt}th{background:#eee}p.meta{font-size:10.5pt}@media print{body{margin:0}}
</style></head><body><p class="meta">For the attention of the General Assembly</p><h1>${heading}</h1><h2>${circulation.title}: special accreditation to the ${stageNames[circulation.stage]} of the global compact for safe, orderly and regular migration</h2>
<p class="meta">Circulated ${circulation.circulatedAt?.slice(0, 10) ?? ''}; non-objection deadline ${circulation.deadline ?? ''}${circulation.closedAt ? `; closed ${circulation.closedAt.slice(0, 10)}` : ''}. ${String(entries.length)} organisations.</p>
<table><thead><tr><th>No.</th><th>Organisation</th><th>Country of headquarters</th><th>Type</th>${version === 'proposed' ? html`<th>Outcome</th>` : html``}</tr></thead><tbody>${rows}</tbody></table></body></html>`;
  return { text: String(text), headers: { 'content-type': 'text/html; charset=utf-8', 'content-disposition': `inline; filename="${filename}.html"` } };
}

