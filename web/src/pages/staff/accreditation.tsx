import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type * as z from 'zod';
import { ApplicationState, PutStageSettings, ScreeningDecision, type Application, type ListBalance, type StageSettings } from '#shared/accreditation/schemas.ts';
import { AccreditationStage } from '#shared/organisations/schemas.ts';
import {
  AnswerBody,
  CirculateBody,
  CreateCirculationBody,
  ExtendDeadlineBody,
  defaultNonObjectionDays,
  type Circulation,
  type CirculationDetail,
  type InformationRequest,
  type ObjectionsView,
} from '#shared/circulations/schemas.ts';
import { bindSelect, bindText, Field, orNull, Summary, useForm } from '../../form.tsx';
import { formatInstant, formatPercent, formatTime, language, t, type MessageKey } from '../../i18n.ts';
import { download, problemOf, staffCall } from '../../staff/session.ts';
import { StaffShell } from '../../staff/shell.tsx';

type Page<T> = { items: T[]; nextCursor: string | null };
type Detail = z.infer<typeof CirculationDetail>;
type Objections = z.infer<typeof ObjectionsView>;
type DecisionResult = { applicationId: string; outcome: 'done' | 'skipped'; state: ApplicationState | null; message: string | null };

/** How often an open list's objections are fetched again. */
const pollMs = 5000;
const failed = (error: unknown) => problemOf(error, t('form.network'));
const stageName = (stage: string) => t(`stage.${stage}` as MessageKey);
const applicationState = (state: string) => t(`staff.accreditation.state.${state}` as MessageKey);
const circulationState = (state: string) => t(`staff.accreditation.circulationState.${state}` as MessageKey);
const groupName = (group: string | null) => t(`staff.accreditation.group.${group ?? 'none'}` as MessageKey);
const typeName = (type: string) => t(`organisationType.${type}` as MessageKey);
const genderName = (gender: string) => t(`gender.${gender}` as MessageKey);
const percent = (share: number) => formatPercent(share, 1);

/** A datetime-local value (the browser's time zone, to the second) for an instant, and back. */
const toLocalInput = (instant: Date) => new Date(instant.getTime() - instant.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
const fromLocalInput = (value: string) => (value && !Number.isNaN(new Date(value).getTime()) ? new Date(value).toISOString() : value);

function AuditLink(props: { entity: 'circulation' | 'application' | 'accreditation-stage'; id: string }) {
  return <a href={`/staff/audit?entity=${props.entity}&id=${encodeURIComponent(props.id)}`}>{t('staff.common.auditTrail')}</a>;
}

/** A simple table: a caption, column headings, and rows of cells. */
function SimpleTable(props: { caption: string; columns: MessageKey[]; rows: ComponentChildren[][] }) {
  return (
    <table>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          {props.columns.map((column) => (
            <th scope="col">{t(column)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.length === 0 && (
          <tr>
            <td colSpan={props.columns.length}>{t('staff.common.none')}</td>
          </tr>
        )}
        {props.rows.map((cells) => (
          <tr>
            {cells.map((cell) => (
              <td>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A deadline set from a date-time input: a stage's application deadline, a list's circulation or its extension. */
function DeadlineForm(props: { schema: z.ZodType; field: 'deadline' | 'applicationDeadline'; label: MessageKey; submit: MessageKey; initial: Date; send: (body: unknown) => Promise<unknown>; children?: ComponentChildren }) {
  const form = useForm(props.schema);
  const [value, setValue] = useState(toLocalInput(props.initial));
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void form.submit({ [props.field]: fromLocalInput(value) }, props.send);
      }}
    >
      <Summary message={form.summary} />
      <Field label={props.label} name={`body.${props.field}`} hint="staff.accreditation.localTime" error={form.error(`body.${props.field}`)}>
        {(id, describedBy) => <input id={id} type="datetime-local" step="1" aria-describedby={describedBy} {...bindText(value, setValue)} />}
      </Field>
      <p class="toolbar">
        <button type="submit" disabled={form.busy}>
          {t(props.submit)}
        </button>
        {props.children}
      </p>
    </form>
  );
}

/** Pages of a staff listing, with "Show more" when the API has a next page. */
function usePages<T>(path: string | null, deps: unknown[]) {
  const [items, setItems] = useState<T[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const load = (cursor: string | null) => {
    if (!path) return;
    const separator = path.includes('?') ? '&' : '?';
    staffCall<Page<T>>('GET', cursor ? `${path}${separator}cursor=${encodeURIComponent(cursor)}` : path).then(
      (page) => {
        setItems((shown) => (cursor ? [...(shown ?? []), ...page.items] : page.items));
        setNext(page.nextCursor);
        setProblem(null);
      },
      (error: unknown) => setProblem(failed(error)),
    );
  };
  useEffect(() => load(null), [path, ...deps]);
  const more = next ? (
    <button type="button" class="secondary" onClick={() => load(next)}>
      {t('staff.common.more')}
    </button>
  ) : null;
  return { items, problem, more, reload: () => load(null) };
}

// ---- /staff/accreditation ----

export function StaffAccreditation(_props: { params?: Record<string, string> }) {
  return (
    <StaffShell>
      <Screening />
    </StaffShell>
  );
}

function Screening() {
  const { query, route } = useLocation();
  const stage = AccreditationStage.safeParse(query.stage).data ?? 'preparatory-process';
  const state = ApplicationState.safeParse(query.state).data ?? '';
  // Bumped after each decision or list, so the applications, balance and lists are fetched again.
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((value) => value + 1);
  const choose = (change: { stage?: string; state?: string }) => route(`/staff/accreditation?${new URLSearchParams({ stage, state, ...change }).toString()}`, true);

  return (
    <>
      <h1>{t('staff.accreditation.title')}</h1>
      <Stages />
      <h2>{t('staff.accreditation.screening')}</h2>
      <div class="toolbar">
        <Field label="staff.accreditation.stage" name="stage" error={undefined}>
          {(id) => (
            <select id={id} {...bindSelect(stage, (value) => choose({ stage: value }))}>
              {AccreditationStage.options.map((option) => (
                <option value={option}>{stageName(option)}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="staff.accreditation.stateFilter" name="state" error={undefined}>
          {(id) => (
            <select id={id} {...bindSelect(state, (value) => choose({ state: value }))}>
              <option value="">{t('staff.accreditation.allStates')}</option>
              {ApplicationState.options.map((option) => (
                <option value={option}>{applicationState(option)}</option>
              ))}
            </select>
          )}
        </Field>
        <button type="button" class="secondary" onClick={changed}>
          {t('staff.common.refresh')}
        </button>
      </div>
      <div class="split">
        <div class="split-main">
          <Applications stage={stage} state={state} version={version} onDecided={changed} />
        </div>
        <div class="split-side">
          <Balance stage={stage} version={version} />
        </div>
      </div>
      <Lists stage={stage} version={version} onDrawn={changed} />
    </>
  );
}

function Stages() {
  const [stages, setStages] = useState<StageSettings[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const load = () => staffCall<{ items: StageSettings[] }>('GET', '/accreditation/stages').then((page) => setStages(page.items), (error: unknown) => setProblem(failed(error)));
  useEffect(() => void load(), []);
  return (
    <section>
      <h2>{t('staff.accreditation.stages')}</h2>
      {problem && <p role="alert">{problem}</p>}
      {saved && <p role="status">{saved}</p>}
      {stages && (
        <ul class="cards">
          {stages.map((stage) => (
            <li>
              <h3>{stageName(stage.stage)}</h3>
              <p>{t(new Date(stage.applicationDeadline) > new Date() ? 'staff.accreditation.open' : 'staff.accreditation.closedAt', { deadline: formatInstant(stage.applicationDeadline) })}</p>
              <p>
                {t('staff.accreditation.setBy', { who: stage.updatedBy, at: formatInstant(stage.updatedAt) })} <AuditLink entity="accreditation-stage" id={stage.stage} />
              </p>
              <details>
                <summary>{t('staff.accreditation.changeDeadline', { stage: stageName(stage.stage) })}</summary>
                <DeadlineForm
                  schema={PutStageSettings}
                  field="applicationDeadline"
                  label="staff.accreditation.applicationDeadline"
                  submit="staff.accreditation.saveDeadline"
                  initial={new Date(stage.applicationDeadline)}
                  send={async (body) => {
                    await staffCall('PUT', `/accreditation/stages/${stage.stage}`, body);
                    setSaved(t('staff.accreditation.deadlineSaved', { stage: stageName(stage.stage) }));
                    await load();
                  }}
                />
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Applications(props: { stage: string; state: string; version: number; onDecided: () => void }) {
  const path = `/accreditation/stages/${props.stage}/applications${props.state ? `?state=${props.state}` : ''}`;
  const { items, problem, more } = usePages<Application>(path, [props.version]);
  const [selected, setSelected] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [results, setResults] = useState<DecisionResult[] | null>(null);
  const form = useForm(ScreeningDecision);
  const names = useRef(new Map<string, string>());
  useEffect(() => setSelected([]), [path]);
  for (const application of items ?? []) names.current.set(application.applicationId, application.organisation.name);

  const toggle = (id: string, on: boolean) => setSelected((chosen) => (on ? [...chosen, id] : chosen.filter((other) => other !== id)));
  const decide = async (decision: 'include' | 'reject') => {
    const answer = await form.submit({ applicationIds: selected, decision, reason: orNull(reason) }, (body) => staffCall<{ items: DecisionResult[] }>('POST', '/accreditation/applications/decisions', body));
    if (!answer) return;
    setResults(answer.items);
    setSelected([]);
    setReason('');
    props.onDecided();
  };
  const allShown = items !== null && items.length > 0 && items.every((application) => selected.includes(application.applicationId));

  return (
    <section>
      {problem && <p role="alert">{problem}</p>}
      {items === null ? (
        <p aria-live="polite">{t('common.loading')}</p>
      ) : (
        <table>
          <caption>{t('staff.accreditation.applications', { stage: stageName(props.stage), state: props.state ? applicationState(props.state) : t('staff.accreditation.allStates'), count: items.length })}</caption>
          <thead>
            <tr>
              <th scope="col">
                <input type="checkbox" aria-label={t('staff.common.selectAll')} checked={allShown} onChange={(event) => setSelected((event.currentTarget as HTMLInputElement).checked ? items.map((application) => application.applicationId) : [])} />
              </th>
              <th scope="col">{t('staff.accreditation.organisation')}</th>
              <th scope="col">{t('staff.accreditation.country')}</th>
              <th scope="col">{t('staff.accreditation.type')}</th>
              <th scope="col">{t('staff.accreditation.gender')}</th>
              <th scope="col">{t('staff.accreditation.stateColumn')}</th>
              <th scope="col">{t('staff.accreditation.received')}</th>
            </tr>
          </thead>
          <tbody>
            {items.length === 0 && (
              <tr>
                <td colSpan={7}>{t('staff.common.none')}</td>
              </tr>
            )}
            {items.map((application) => (
              <tr>
                <td>
                  <input type="checkbox" aria-label={t('staff.common.select', { name: application.organisation.name })} checked={selected.includes(application.applicationId)} onChange={(event) => toggle(application.applicationId, (event.currentTarget as HTMLInputElement).checked)} />
                </td>
                <td>
                  {application.organisation.website ? <a href={application.organisation.website}>{application.organisation.name}</a> : application.organisation.name}
                  <br />
                  <small>
                    {application.contact.name}, {application.contact.email} · <AuditLink entity="application" id={application.applicationId} />
                  </small>
                </td>
                <td>
                  {application.organisation.country} ({groupName(application.organisation.regionalGroup)})
                </td>
                <td>{typeName(application.organisation.type)}</td>
                <td>{genderName(application.representativeGender)}</td>
                <td>
                  <span class="state">{applicationState(application.state)}</span>
                  {application.stateReason && <small> · {application.stateReason}</small>}
                </td>
                <td>{formatInstant(application.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {more}
      <form noValidate onSubmit={(event) => event.preventDefault()}>
        <fieldset>
          <legend>{t('staff.accreditation.decisionBar')}</legend>
          <Summary message={form.summary} />
          <p aria-live="polite">{t('staff.common.selected', { count: selected.length })}</p>
          {form.error('body.applicationIds') && <p class="error">{t('staff.accreditation.tickFirst')}</p>}
          <p>
            <button type="button" disabled={form.busy} onClick={() => void decide('include')}>
              {t('staff.accreditation.include')}
            </button>
          </p>
          <Field label="staff.common.reason" name="body.reason" hint="staff.accreditation.reasonHint" error={form.error('body.reason')}>
            {(id, describedBy) => <textarea id={id} aria-describedby={describedBy} {...bindText(reason, setReason)} />}
          </Field>
          <button type="button" class="danger" disabled={form.busy} onClick={() => void decide('reject')}>
            {t('staff.accreditation.reject')}
          </button>
        </fieldset>
      </form>
      {results && (
        <div role="status">
          <p>{t('staff.accreditation.results', { done: results.filter((item) => item.outcome === 'done').length, skipped: results.filter((item) => item.outcome === 'skipped').length })}</p>
          <ul>
            {results.map((item) => (
              <li>
                {names.current.get(item.applicationId) ?? item.applicationId}: {item.outcome === 'done' ? applicationState(item.state ?? '') : t('staff.accreditation.skipped', { message: item.message ?? '' })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function Balance(props: { stage: string; version: number }) {
  const [balance, setBalance] = useState<ListBalance | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    staffCall<ListBalance>('GET', `/accreditation/stages/${props.stage}/balance`).then(setBalance, (error: unknown) => setProblem(failed(error)));
  }, [props.stage, props.version]);
  const tables: { caption: MessageKey; shares: keyof ListBalance; name: (key: string) => string }[] = [
    { caption: 'staff.accreditation.byRegionalGroup', shares: 'byRegionalGroup', name: groupName },
    { caption: 'staff.accreditation.byCountry', shares: 'byCountry', name: (code) => code },
    { caption: 'staff.accreditation.byType', shares: 'byOrganisationType', name: typeName },
    { caption: 'staff.accreditation.byGender', shares: 'byGender', name: genderName },
  ];
  return (
    <section>
      <h2>{t('staff.accreditation.balance')}</h2>
      {problem && <p role="alert">{problem}</p>}
      {balance && <p>{t('staff.accreditation.balanceTotal', { count: balance.total })}</p>}
      {balance &&
        balance.total > 0 &&
        tables.map((table) => (
          <SimpleTable
            caption={t(table.caption)}
            columns={[table.caption, 'staff.accreditation.count', 'staff.accreditation.share']}
            rows={Object.entries(balance[table.shares] as ListBalance['byCountry'])
              .sort(([, a], [, b]) => b.count - a.count)
              .map(([key, share]) => [table.name(key), share.count, percent(share.share)])}
          />
        ))}
    </section>
  );
}

function Lists(props: { stage: string; version: number; onDrawn: () => void }) {
  const { items, problem, more } = usePages<Circulation>(`/circulations?stage=${props.stage}`, [props.version]);
  const form = useForm(CreateCirculationBody);
  const [title, setTitle] = useState('');
  const [drawn, setDrawn] = useState<{ circulation: Circulation; skipped: { applicationId: string; message: string }[] } | null>(null);
  return (
    <section>
      <h2>{t('staff.accreditation.lists')}</h2>
      <form
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          const answer = await form.submit({ stage: props.stage, title: orNull(title) ?? undefined }, (body) => staffCall<NonNullable<typeof drawn>>('POST', '/circulations', body));
          if (!answer) return;
          setDrawn(answer);
          setTitle('');
          props.onDrawn();
        }}
      >
        <Summary message={form.summary} />
        <Field label="staff.accreditation.listTitle" name="body.title" hint="staff.accreditation.listTitleHint" error={form.error('body.title')}>
          {(id, describedBy) => <input id={id} aria-describedby={describedBy} {...bindText(title, setTitle)} />}
        </Field>
        <button type="submit" disabled={form.busy}>
          {t('staff.accreditation.drawUp', { stage: stageName(props.stage) })}
        </button>
      </form>
      {drawn && (
        <div role="status">
          <p>
            {t('staff.accreditation.drawn', { count: drawn.circulation.applicants })} <a href={`/staff/circulations/${drawn.circulation.circulationId}`}>{drawn.circulation.title}</a>
          </p>
          {drawn.skipped.length > 0 && (
            <ul>
              {drawn.skipped.map((item) => (
                <li>
                  {item.applicationId}: {item.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {problem && <p role="alert">{problem}</p>}
      {items && (
        <SimpleTable
          caption={t('staff.accreditation.listsOf', { stage: stageName(props.stage) })}
          columns={['staff.accreditation.listTitle', 'staff.accreditation.stateColumn', 'staff.accreditation.names', 'staff.accreditation.deadline', 'staff.accreditation.outcomes']}
          rows={items.map((circulation) => [
            <a href={`/staff/circulations/${circulation.circulationId}`}>{circulation.title}</a>,
            <span class="state">{circulationState(circulation.state)}</span>,
            circulation.applicants,
            circulation.deadline ? formatInstant(circulation.deadline) : '—',
            circulation.accredited === null ? '—' : t('staff.accreditation.outcomeCounts', { accredited: circulation.accredited, notAccredited: circulation.notAccredited ?? 0 }),
          ])}
        />
      )}
      {more}
    </section>
  );
}

// ---- /staff/circulations/:circulationId ----

export function StaffCirculation(props: { params?: Record<string, string> }) {
  return (
    <StaffShell>
      <CirculationPage circulationId={props.params?.circulationId ?? ''} />
    </StaffShell>
  );
}

function CirculationPage(props: { circulationId: string }) {
  const path = `/circulations/${encodeURIComponent(props.circulationId)}`;
  const [detail, setDetail] = useState<Detail | null>(null);
  const [objections, setObjections] = useState<Objections | null>(null);
  const [requests, setRequests] = useState<InformationRequest[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [checkedAt, setCheckedAt] = useState<string | null>(null);
  const [arrived, setArrived] = useState(0);
  // The ballot events already there when the page opened: those after are announced as new.
  const seen = useRef<Set<string> | null>(null);

  const load = async () => {
    try {
      const [circulation, view, asked] = await Promise.all([
        staffCall<Detail>('GET', path),
        staffCall<Objections>('GET', `${path}/objections`),
        staffCall<{ items: InformationRequest[] }>('GET', `${path}/information-requests`),
      ]);
      if (seen.current === null) seen.current = new Set(view.events.map((event) => event.eventId));
      const fresh = view.events.filter((event) => !seen.current!.has(event.eventId));
      fresh.forEach((event) => seen.current!.add(event.eventId));
      const objected = fresh.filter((event) => event.event === 'objected').reduce((sum, event) => sum + event.applicationIds.length, 0);
      if (objected > 0) setArrived((count) => count + objected);
      setDetail(circulation);
      setObjections(view);
      setRequests(asked.items);
      setCheckedAt(new Date().toISOString());
      setProblem(null);
    } catch (error) {
      setProblem(failed(error));
    }
  };
  useEffect(() => void load(), [path]);
  const open = detail?.circulation.state === 'circulated' || detail?.circulation.state === 'closing';
  useEffect(() => {
    if (!open) return undefined;
    const timer = setInterval(() => void load(), pollMs);
    return () => clearInterval(timer);
  }, [open, path]);

  if (!detail) return problem ? <p role="alert">{problem}</p> : <p aria-live="polite">{t('common.loading')}</p>;
  const { circulation, entries, notices } = detail;
  const stateNames = new Map((objections?.byMemberState ?? []).map((state) => [state.memberState, state.name]));
  const names = new Map(entries.map((entry) => [entry.applicationId, entry.name]));
  const standing = new Map((objections?.byApplicant ?? []).map((applicant) => [applicant.applicationId, applicant.standing.length]));
  const done = (message: string) => async () => {
    setNotice(message);
    await load();
  };

  return (
    <>
      <p class="deadline" role="note">
        <DeadlineText circulation={circulation} />
      </p>
      <h1>{circulation.title}</h1>
      <p>
        {stageName(circulation.stage)} · <span class="state">{circulationState(circulation.state)}</span> · <AuditLink entity="circulation" id={circulation.circulationId} /> · <a href={`/staff/accreditation?stage=${circulation.stage}`}>{t('staff.accreditation.backToScreening')}</a>
      </p>
      <p>
        {t('staff.accreditation.drawnBy', { who: circulation.createdBy, at: formatInstant(circulation.createdAt) })}
        {circulation.circulatedAt && ` ${t('staff.accreditation.circulatedBy', { who: circulation.circulatedBy ?? '', at: formatInstant(circulation.circulatedAt) })}`}
      </p>
      {circulation.extensions.length > 0 && (
        <ul>
          {circulation.extensions.map((extension) => (
            <li>{t('staff.accreditation.extension', { from: formatInstant(extension.from), to: formatInstant(extension.to), who: extension.by, at: formatInstant(extension.at) })}</li>
          ))}
        </ul>
      )}
      {notice && <p role="status">{notice}</p>}
      {problem && <p role="alert">{problem}</p>}

      {circulation.state === 'draft' && (
        <section>
          <h2>{t('staff.accreditation.circulate')}</h2>
          <p>{t('staff.accreditation.circulateIntro')}</p>
          <DeadlineForm
            schema={CirculateBody}
            field="deadline"
            label="staff.accreditation.deadline"
            submit="staff.accreditation.circulateSubmit"
            initial={new Date(Date.now() + defaultNonObjectionDays * 24 * 3600_000)}
            send={(body) => staffCall('POST', `${path}/circulate`, body).then(done(t('staff.accreditation.circulated')))}
          >
            <button
              type="button"
              class="danger"
              onClick={() => staffCall('DELETE', path).then(done(t('staff.accreditation.discarded')), (error: unknown) => setProblem(failed(error)))}
            >
              {t('staff.accreditation.discard')}
            </button>
          </DeadlineForm>
        </section>
      )}
      {circulation.state === 'circulated' && circulation.deadline && (
        <section>
          <h2>{t('staff.accreditation.extend')}</h2>
          <DeadlineForm
            schema={ExtendDeadlineBody}
            field="deadline"
            label="staff.accreditation.newDeadline"
            submit="staff.accreditation.extendSubmit"
            initial={new Date(new Date(circulation.deadline).getTime() + 7 * 24 * 3600_000)}
            send={(body) => staffCall('PUT', `${path}/deadline`, body).then(done(t('staff.accreditation.extended')))}
          />
        </section>
      )}

      <SimpleTable
        caption={t('staff.accreditation.namesOnList', { count: entries.length })}
        columns={['staff.accreditation.organisation', 'staff.accreditation.country', 'staff.accreditation.type', 'staff.accreditation.gender', 'staff.accreditation.standing', 'staff.accreditation.outcome']}
        rows={entries.map((entry) => [
          entry.name,
          `${entry.country} (${groupName(entry.regionalGroup)})`,
          typeName(entry.organisationType),
          genderName(entry.representativeGender),
          entry.standingObjections ?? standing.get(entry.applicationId) ?? 0,
          <span class="state">{entry.outcome ? applicationState(entry.outcome) : t('staff.accreditation.pending')}</span>,
        ])}
      />

      {circulation.state !== 'draft' && circulation.state !== 'discarded' && objections && (
        <section>
          <h2>{t('staff.accreditation.objections')}</h2>
          <p aria-live="polite">{arrived > 0 ? t('staff.accreditation.arrived', { count: arrived }) : open ? t('staff.accreditation.watching') : ''}</p>
          <p class="toolbar">
            <button type="button" class="secondary" onClick={() => void load()}>
              {t('staff.common.refresh')}
            </button>
            {checkedAt && <span>{t('staff.accreditation.checkedAt', { at: formatTime(checkedAt) })}</span>}
          </p>
          <ObjectionTables objections={objections} names={names} stateNames={stateNames} />
          <InformationRequests requests={requests} names={names} path={path} onAnswered={done(t('staff.accreditation.answered'))} />
        </section>
      )}

      {notices.length > 0 && <Notices notices={notices} />}
      {circulation.state !== 'draft' && circulation.state !== 'discarded' && <Exports circulation={circulation} onProblem={setProblem} />}
    </>
  );
}

function DeadlineText(props: { circulation: Circulation }) {
  const { state, deadline, closedAt } = props.circulation;
  if (!deadline) return <>{t(state === 'discarded' ? 'staff.accreditation.discardedBanner' : 'staff.accreditation.noDeadline')}</>;
  if (state === 'closed') return <>{t('staff.accreditation.closedBanner', { deadline: formatInstant(deadline), closedAt: formatInstant(closedAt ?? deadline) })}</>;
  if (state === 'closing' || new Date(deadline) <= new Date()) return <>{t('staff.accreditation.closingBanner', { deadline: formatInstant(deadline) })}</>;
  return <>{t('staff.accreditation.deadlineBanner', { deadline: formatInstant(deadline) })}</>;
}

function ObjectionTables(props: { objections: Objections; names: Map<string, string>; stateNames: Map<string, string> }) {
  const { byApplicant, byMemberState, events } = props.objections;
  const states = (codes: string[]) => codes.map((code) => props.stateNames.get(code) ?? code).join(', ');
  const applicants = (ids: string[]) => ids.map((id) => props.names.get(id) ?? id).join(', ');
  return (
    <>
      <SimpleTable
        caption={t('staff.accreditation.byApplicant')}
        columns={['staff.accreditation.organisation', 'staff.accreditation.standingStates', 'staff.accreditation.withdrawnStates']}
        rows={byApplicant.filter((applicant) => applicant.standing.length + applicant.withdrawn.length > 0).map((applicant) => [applicant.name, states(applicant.standing), states(applicant.withdrawn)])}
      />
      <SimpleTable
        caption={t('staff.accreditation.byMemberState')}
        columns={['staff.accreditation.memberState', 'staff.accreditation.standingNames', 'staff.accreditation.withdrawnNames']}
        rows={byMemberState.map((state) => [state.name, applicants(state.standing), applicants(state.withdrawn)])}
      />
      <SimpleTable
        caption={t('staff.accreditation.events')}
        columns={['staff.accreditation.when', 'staff.accreditation.memberState', 'staff.accreditation.event', 'staff.accreditation.names', 'staff.accreditation.basis']}
        rows={events.map((event) => [formatInstant(event.at), event.memberStateName, t(`staff.accreditation.eventKind.${event.event}` as MessageKey), applicants(event.applicationIds), event.basis ?? '—'])}
      />
    </>
  );
}

function InformationRequests(props: { requests: InformationRequest[]; names: Map<string, string>; path: string; onAnswered: () => Promise<void> }) {
  return (
    <>
      <h3>{t('staff.accreditation.requests')}</h3>
      {props.requests.length === 0 && <p>{t('staff.common.none')}</p>}
      <ul class="cards">
        {props.requests.map((request) => (
          <li>
            <h4>{t('staff.accreditation.requestFrom', { state: request.memberStateName, at: formatInstant(request.askedAt) })}</h4>
            <p>{request.question ?? t('staff.accreditation.noQuestion')}</p>
            <p>{t('staff.accreditation.about', { names: request.applicationIds.map((id) => props.names.get(id) ?? id).join(', ') })}</p>
            {request.state === 'answered' ? (
              <p>{t('staff.accreditation.answer', { answer: request.answer ?? '', who: request.answeredBy ?? '', at: request.answeredAt ? formatInstant(request.answeredAt) : '' })}</p>
            ) : (
              <AnswerForm request={request} path={props.path} onAnswered={props.onAnswered} />
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

function AnswerForm(props: { request: InformationRequest; path: string; onAnswered: () => Promise<void> }) {
  const form = useForm(AnswerBody);
  const [answer, setAnswer] = useState('');
  const [shareBases, setShareBases] = useState(true);
  return (
    <form
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const sent = await form.submit({ answer, shareBases }, (body) => staffCall('POST', `${props.path}/information-requests/${props.request.requestId}/answer`, body));
        if (sent) await props.onAnswered();
      }}
    >
      <Summary message={form.summary} />
      <Field label="staff.accreditation.answerLabel" name="body.answer" error={form.error('body.answer')}>
        {(id, describedBy) => <textarea id={id} aria-describedby={describedBy} {...bindText(answer, setAnswer)} />}
      </Field>
      <div class="field checkbox">
        <label>
          <input type="checkbox" checked={shareBases} onChange={(event) => setShareBases((event.currentTarget as HTMLInputElement).checked)} />
          {t('staff.accreditation.shareBases')}
        </label>
      </div>
      <button type="submit" disabled={form.busy}>
        {t('staff.accreditation.sendAnswer', { state: props.request.memberStateName })}
      </button>
    </form>
  );
}

function Notices(props: { notices: Detail['notices'] }) {
  return (
    <section>
      <h2>{t('staff.accreditation.notices')}</h2>
      <SimpleTable
        caption={t('staff.accreditation.noticesCaption')}
        columns={['staff.accreditation.noticeKind', 'staff.accreditation.when', 'staff.accreditation.progress', 'staff.accreditation.withoutAddress']}
        rows={props.notices.map((notice) => [
          t(`staff.accreditation.noticeKindName.${notice.kind}` as MessageKey),
          formatInstant(notice.createdAt),
          t(notice.state === 'done' ? 'staff.accreditation.noticesDone' : 'staff.accreditation.noticesPending', { states: notice.memberStatesNotified, messages: notice.notifications }),
          notice.withoutAddress.length > 0 ? <span class="warning">{notice.withoutAddress.join(', ')}</span> : t('staff.accreditation.everyState'),
        ])}
      />
    </section>
  );
}

function Exports(props: { circulation: Circulation; onProblem: (message: string) => void }) {
  const versions = props.circulation.state === 'closed' ? (['proposed', 'final'] as const) : (['proposed'] as const);
  return (
    <section>
      <h2>{t('staff.accreditation.exports')}</h2>
      <p class="toolbar">
        {versions.flatMap((version) =>
          (['csv', 'html'] as const).map((format) => (
            <button
              type="button"
              class="secondary"
              onClick={() =>
                download(`/circulations/${props.circulation.circulationId}/list?version=${version}&format=${format}`, `${props.circulation.circulationId}-${version}.${format}`).catch((error: unknown) => props.onProblem(failed(error)))
              }
            >
              {t(`staff.accreditation.export.${version}.${format}` as MessageKey)}
            </button>
          )),
        )}
      </p>
    </section>
  );
}
