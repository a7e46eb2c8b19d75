import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ApplicationState, PutStageSettings, ScreeningDecision, type Application, type ListBalance, type StageSettings } from '#shared/accreditation/schemas.ts';
import { CreateCirculationBody, type Circulation } from '#shared/circulations/schemas.ts';
import { AccreditationStage } from '#shared/organisations/schemas.ts';
import { bindSelect, bindText, Field, orNull, Summary, useForm } from '../../form.tsx';
import { formatInstant, formatPercent, t, type MessageKey } from '../../i18n.ts';
import { AuditLink } from '../../staff/audit.tsx';
import { Problem, Status } from '../../staff/notice.tsx';
import { PagedTable, usePaged } from '../../staff/paging.tsx';
import { useResource } from '../../staff/resource.ts';
import { staffCall } from '../../staff/session.ts';
import { StaffShell } from '../../staff/shell.tsx';
import { Row, Table } from '../../staff/table.tsx';
import { applicationState, circulationState, DeadlineForm, genderName, groupName, stageName, typeName } from './accreditation-shared.tsx';

type DecisionResult = { applicationId: string; outcome: 'done' | 'skipped'; state: ApplicationState | null; message: string | null };
type Paged<T> = ReturnType<typeof usePaged<T>>;

const percent = (share: number) => formatPercent(share, 1);

/** /staff/accreditation: the stages' deadlines, screening the applications to a stage beside the list's balance, and drawing up lists. */
export function StaffAccreditation(_props: { params?: Record<string, string> }) {
  const { query, route } = useLocation();
  const stage = AccreditationStage.safeParse(query.stage).data ?? 'preparatory-process';
  const state = ApplicationState.safeParse(query.state).data ?? '';
  const applications = usePaged<Application>(`/accreditation/stages/${stage}/applications${state ? `?state=${state}` : ''}`);
  const balance = useResource<ListBalance>(`/accreditation/stages/${stage}/balance`);
  const lists = usePaged<Circulation>(`/circulations?stage=${stage}`);
  // After each decision or list, the applications, balance and lists are fetched again.
  const changed = () => {
    void applications.reload();
    void balance.reload();
    void lists.reload();
  };
  const choose = (change: { stage?: string; state?: string }) => route(`/staff/accreditation?${new URLSearchParams({ stage, state, ...change }).toString()}`, true);

  return (
    <StaffShell>
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
          <Applications stage={stage} state={state} list={applications} onDecided={changed} />
        </div>
        <div class="split-side">
          <Balance balance={balance.value} problem={balance.problem} />
        </div>
      </div>
      <Lists stage={stage} list={lists} onDrawn={changed} />
    </StaffShell>
  );
}

function Stages() {
  const stages = useResource<{ items: StageSettings[] }>('/accreditation/stages');
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <section>
      <h2>{t('staff.accreditation.stages')}</h2>
      <Problem message={stages.problem} />
      {saved && <Status>{saved}</Status>}
      {stages.value && (
        <ul class="cards">
          {stages.value.items.map((stage) => (
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
                    await stages.reload();
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

function Applications(props: { stage: string; state: string; list: Paged<Application>; onDecided: () => void }) {
  const { items } = props.list;
  const [selected, setSelected] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [results, setResults] = useState<DecisionResult[] | null>(null);
  const form = useForm(ScreeningDecision);
  const names = useRef(new Map<string, string>());
  useEffect(() => setSelected([]), [props.stage, props.state]);
  for (const application of items) names.current.set(application.applicationId, application.organisation.name);

  const toggle = (id: string, on: boolean) => setSelected((chosen) => (on ? [...chosen, id] : chosen.filter((other) => other !== id)));
  const decide = async (decision: 'include' | 'reject') => {
    const answer = await form.submit({ applicationIds: selected, decision, reason: orNull(reason) }, (body) => staffCall<{ items: DecisionResult[] }>('POST', '/accreditation/applications/decisions', body));
    if (!answer) return;
    setResults(answer.items);
    setSelected([]);
    setReason('');
    props.onDecided();
  };
  const allShown = items.length > 0 && items.every((application) => selected.includes(application.applicationId));

  return (
    <section>
      <PagedTable
        list={props.list}
        caption={t('staff.accreditation.applications', { stage: stageName(props.stage), state: props.state ? applicationState(props.state) : t('staff.accreditation.allStates'), count: items.length })}
        columns={[
          <input type="checkbox" aria-label={t('staff.common.selectAll')} checked={allShown} onChange={(event) => setSelected((event.currentTarget as HTMLInputElement).checked ? items.map((application) => application.applicationId) : [])} />,
          t('staff.accreditation.organisation'),
          t('staff.accreditation.country'),
          t('staff.accreditation.type'),
          t('staff.accreditation.gender'),
          t('staff.accreditation.stateColumn'),
          t('staff.accreditation.received'),
        ]}
      >
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
      </PagedTable>
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
        <Status>
          <p>{t('staff.accreditation.results', { done: results.filter((item) => item.outcome === 'done').length, skipped: results.filter((item) => item.outcome === 'skipped').length })}</p>
          <ul>
            {results.map((item) => (
              <li>
                {names.current.get(item.applicationId) ?? item.applicationId}: {item.outcome === 'done' ? applicationState(item.state ?? '') : t('staff.accreditation.skipped', { message: item.message ?? '' })}
              </li>
            ))}
          </ul>
        </Status>
      )}
    </section>
  );
}

function Balance(props: { balance: ListBalance | null; problem: string | null }) {
  const { balance } = props;
  const tables: { caption: MessageKey; shares: keyof ListBalance; name: (key: string) => string }[] = [
    { caption: 'staff.accreditation.byRegionalGroup', shares: 'byRegionalGroup', name: groupName },
    { caption: 'staff.accreditation.byCountry', shares: 'byCountry', name: (code) => code },
    { caption: 'staff.accreditation.byType', shares: 'byOrganisationType', name: typeName },
    { caption: 'staff.accreditation.byGender', shares: 'byGender', name: genderName },
  ];
  return (
    <section>
      <h2>{t('staff.accreditation.balance')}</h2>
      <Problem message={props.problem} />
      {balance && <p>{t('staff.accreditation.balanceTotal', { count: balance.total })}</p>}
      {balance &&
        balance.total > 0 &&
        tables.map((table) => (
          <Table caption={t(table.caption)} columns={[t(table.caption), t('staff.accreditation.count'), t('staff.accreditation.share')]} count={Object.keys(balance[table.shares]).length}>
            {Object.entries(balance[table.shares] as ListBalance['byCountry'])
              .sort(([, a], [, b]) => b.count - a.count)
              .map(([key, share]) => (
                <Row cells={[table.name(key), share.count, percent(share.share)]} />
              ))}
          </Table>
        ))}
    </section>
  );
}

function Lists(props: { stage: string; list: Paged<Circulation>; onDrawn: () => void }) {
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
        <Status>
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
        </Status>
      )}
      <PagedTable
        list={props.list}
        caption={t('staff.accreditation.listsOf', { stage: stageName(props.stage) })}
        columns={[t('staff.accreditation.listTitle'), t('staff.accreditation.stateColumn'), t('staff.accreditation.names'), t('staff.accreditation.deadline'), t('staff.accreditation.outcomes')]}
      >
        {props.list.items.map((circulation) => (
          <Row
            cells={[
              <a href={`/staff/circulations/${circulation.circulationId}`}>{circulation.title}</a>,
              <span class="state">{circulationState(circulation.state)}</span>,
              circulation.applicants,
              circulation.deadline ? formatInstant(circulation.deadline) : '—',
              circulation.accredited === null ? '—' : t('staff.accreditation.outcomeCounts', { accredited: circulation.accredited, notAccredited: circulation.notAccredited ?? 0 }),
            ]}
          />
        ))}
      </PagedTable>
    </section>
  );
}
