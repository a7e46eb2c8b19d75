import { useState } from 'preact/hooks';
import { stakeholderCategories, type Meeting } from '#shared/meetings/schemas.ts';
import { regionalGroups } from '#shared/member-states/schemas.ts';
import { decisions, genders, RegistrationDecision, RegistrationFilters, registrationStates, type Registration, type RegistrationCounts } from '#shared/registrations/schemas.ts';
import { bindSelect, bindText, Field, orNull, Summary, useForm } from '../../form.tsx';
import { formatInstant, t, type MessageKey } from '../../i18n.ts';
import { AuditLink } from '../../staff/audit.tsx';
import { Loading, Problem, Status } from '../../staff/notice.tsx';
import { PagedTable, usePaged } from '../../staff/paging.tsx';
import { useResource } from '../../staff/resource.ts';
import { download, problemOf, staffCall } from '../../staff/session.ts';
import { StaffShell } from '../../staff/shell.tsx';
import { dates, label, MeetingHeader, registrationWindow, type Params } from './meeting-header.tsx';

type Outcome = { registrationId: string; outcome: 'done' | 'skipped'; state: string | null; message: string | null };

/** A select over the API's values, with "any" first when it filters. */
function Choice(props: { label: MessageKey; name: string; value: string; set: (value: string) => void; values: readonly string[]; text: (value: string) => string; any?: boolean; error?: string | undefined }) {
  return (
    <Field label={props.label} name={props.name} error={props.error}>
      {(id, describedBy) => (
        <select id={id} aria-describedby={describedBy} {...bindSelect(props.value, props.set)}>
          {props.any && <option value="">{t('staff.meetings.any')}</option>}
          {props.values.map((value) => (
            <option value={value}>{props.text(value)}</option>
          ))}
        </select>
      )}
    </Field>
  );
}

const views = { upcoming: 'upcoming=true', open: 'registrationOpen=true', past: 'upcoming=false', all: '' } as const;
type View = keyof typeof views;

/** /staff/meetings: every meeting, with its dates, its registration window and links to its queue and speakers. */
export function StaffMeetings(_props: Params) {
  const [view, setView] = useState<View>('upcoming');
  const meetings = usePaged<Meeting>(`/meetings?limit=50${views[view] ? `&${views[view]}` : ''}`);
  return (
    <StaffShell>
      <h1>{t('staff.meetings.title')}</h1>
      <div class="toolbar">
        <Choice label="staff.meetings.show" name="view" value={view} set={(chosen) => setView(chosen as View)} values={Object.keys(views)} text={(value) => label('staff.meetings.views', value)} />
      </div>
      <PagedTable
        list={meetings}
        caption={t('staff.meetings.caption')}
        columns={[t('staff.meetings.meeting'), t('staff.meetings.dates'), t('staff.meetings.registration'), t('staff.meetings.capacity'), t('staff.meetings.speakers')]}
      >
        {meetings.items.map((meeting) => (
          <tr key={meeting.meetingId}>
            <td>
              <a href={`/staff/meetings/${meeting.meetingId}`}>{meeting.title}</a>
              <br />
              {label('staff.meetings.kinds', meeting.kind)} · {meeting.meetingId}
            </td>
            <td>{dates(meeting)}</td>
            <td>{registrationWindow(meeting)}</td>
            <td>{meeting.capacity ?? t('staff.meetings.noLimit')}</td>
            <td>
              {meeting.hasSpeakingSlots ? (
                <a href={`/staff/meetings/${meeting.meetingId}/speakers`} aria-label={t('staff.meetings.speakersOf', { title: meeting.title })}>
                  {t('staff.meetings.speakers')}
                </a>
              ) : (
                t('staff.meetings.noSlots')
              )}
            </td>
          </tr>
        ))}
      </PagedTable>
    </StaffShell>
  );
}

const filterNames = ['state', 'category', 'country', 'regionalGroup', 'gender', 'wishesToSpeak'] as const;
type Filters = Record<(typeof filterNames)[number], string>;
const filtersFrom = (search: string): Filters => {
  const given = new URLSearchParams(search);
  return Object.fromEntries(filterNames.map((name) => [name, given.get(name) ?? ''])) as Filters;
};
const queryOf = (filters: Filters) => new URLSearchParams(Object.entries(filters).filter(([, value]) => value !== '')).toString();

/** /staff/meetings/:meetingId: the registration queue, its counts, filters, decisions for many at once and the CSV export. */
export function MeetingRegistrations(props: Params) {
  const meetingId = props.params?.meetingId ?? '';
  const base = `/meetings/${meetingId}/registrations`;
  const [filters, setFilters] = useState<Filters>(() => filtersFrom(location.search));
  const query = queryOf(filters);
  const registrations = usePaged<Registration>(`${base}?limit=50${query ? `&${query}` : ''}`);
  const counts = useResource<RegistrationCounts>(`${base}/counts`);
  const [selected, setSelected] = useState<string[]>([]);
  const [exportProblem, setExportProblem] = useState<string | null>(null);

  const apply = (chosen: Filters) => {
    setFilters(chosen);
    setSelected([]);
    const search = queryOf(chosen);
    history.replaceState(null, '', search ? `?${search}` : location.pathname);
  };
  const shown = registrations.items;
  const allShown = shown.length > 0 && shown.every((registration) => selected.includes(registration.registrationId));
  const toggle = (id: string, on: boolean) => setSelected(on ? [...selected, id] : selected.filter((other) => other !== id));

  return (
    <StaffShell>
      <MeetingHeader meetingId={meetingId} heading="staff.meetings.queue.title" />
      <Counts counts={counts.value} problem={counts.problem} />
      <h2>{t('staff.meetings.queue.heading')}</h2>
      <FilterForm initial={filters} onApply={apply} />
      <p>
        <button
          type="button"
          class="secondary"
          onClick={() =>
            download(`${base}/export${query ? `?${query}` : ''}`, `${meetingId}-registrations.csv`).then(
              () => setExportProblem(null),
              (error: unknown) => setExportProblem(problemOf(error)),
            )
          }
        >
          {t('staff.common.export')}
        </button>{' '}
        <button
          type="button"
          class="secondary"
          onClick={() => {
            void registrations.reload();
            void counts.reload();
          }}
        >
          {t('staff.common.refresh')}
        </button>
      </p>
      <Problem message={exportProblem} />
      <DecisionBar
        meetingId={meetingId}
        selected={shown.filter((registration) => selected.includes(registration.registrationId))}
        onDecided={() => {
          setSelected([]);
          void registrations.reload();
          void counts.reload();
        }}
      />
      <PagedTable
        list={registrations}
        caption={t('staff.meetings.queue.caption', { count: shown.length })}
        columns={[
          <input type="checkbox" aria-label={t('staff.common.selectAll')} checked={allShown} onChange={(event) => setSelected(event.currentTarget.checked ? shown.map((registration) => registration.registrationId) : [])} />,
          t('staff.meetings.organisation'),
          t('staff.meetings.country'),
          t('staff.meetings.category'),
          t('staff.meetings.representatives'),
          t('staff.meetings.speakingInterest'),
          t('staff.meetings.state'),
          t('staff.meetings.submitted'),
        ]}
      >
        {shown.map((registration) => (
          <RegistrationRow registration={registration} selected={selected.includes(registration.registrationId)} toggle={toggle} />
        ))}
      </PagedTable>
    </StaffShell>
  );
}

function RegistrationRow(props: { registration: Registration; selected: boolean; toggle: (id: string, on: boolean) => void }) {
  const { registration } = props;
  const speakers = registration.representatives.filter((person) => person.wishesToSpeak);
  return (
    <tr key={registration.registrationId}>
      <td>
        <input type="checkbox" aria-label={t('staff.common.select', { name: registration.organisation.name })} checked={props.selected} onChange={(event) => props.toggle(registration.registrationId, event.currentTarget.checked)} />
      </td>
      <td>
        {registration.organisation.name}
        <br />
        <AuditLink entity="registration" id={registration.registrationId} label={t('staff.meetings.auditOf', { name: registration.organisation.name })} />
      </td>
      <td>{registration.organisation.country}</td>
      <td>{label('staff.meetings.categories', registration.organisation.category)}</td>
      <td>{registration.representatives.map((person) => `${person.name} (${person.function})`).join(', ')}</td>
      <td>{speakers.length ? speakers.map((person) => `${person.name}: ${person.speakingTopic ?? ''}`).join('; ') : t('staff.meetings.noSpeaker')}</td>
      <td>
        <span class="state">{label('staff.meetings.states', registration.state)}</span>
        {registration.stateReason && (
          <>
            <br />
            {registration.stateReason}
          </>
        )}
      </td>
      <td>{formatInstant(registration.createdAt)}</td>
    </tr>
  );
}

const figuresOf = (counts: Record<string, number>, prefix: string) =>
  Object.entries(counts).map(([key, count]) => (
    <li>
      {label(prefix, key)}: {count}
    </li>
  ));

function Counts(props: { counts: RegistrationCounts | null; problem: string | null }) {
  const { counts } = props;
  if (!counts) return <Loading problem={props.problem} />;
  const { places, representatives } = counts;
  return (
    <section aria-labelledby="counts">
      <h2 id="counts">{t('staff.meetings.counts')}</h2>
      <ul class="figures">
        {registrationStates.map((state) => (
          <li>
            {label('staff.meetings.states', state)}: {counts.byState[state] ?? 0}
          </li>
        ))}
      </ul>
      <ul class="figures">
        <li>{t('staff.meetings.places', { taken: places.taken, capacity: places.capacity ?? t('staff.meetings.noLimit') })}</li>
        <li>{t('staff.meetings.waitlistedPlaces', { count: places.waitlisted })}</li>
        <li>{t('staff.meetings.representativesCount', { count: representatives.total })}</li>
        <li>{t('staff.meetings.wishingToSpeak', { count: representatives.wishingToSpeak })}</li>
      </ul>
      <details>
        <summary>{t('staff.meetings.breakdown')}</summary>
        <ul class="figures">{figuresOf(representatives.byCategory, 'staff.meetings.categories')}</ul>
        <ul class="figures">{figuresOf(representatives.byRegionalGroup, 'staff.meetings.regions')}</ul>
        <ul class="figures">{figuresOf(representatives.byGender, 'gender')}</ul>
      </details>
    </section>
  );
}

/** The filters the listing's query takes, checked with its own schema before they are applied. */
function FilterForm(props: { initial: Filters; onApply: (filters: Filters) => void }) {
  const form = useForm(RegistrationFilters, 'query');
  const [draft, setDraft] = useState<Filters>(props.initial);
  const choice = (name: keyof Filters, values: readonly string[], prefix: string) => (
    <Choice label={`staff.meetings.${name}` as MessageKey} name={`query.${name}`} value={draft[name]} set={(value) => setDraft({ ...draft, [name]: value })} values={values} text={(value) => label(prefix, value)} any error={form.error(`query.${name}`)} />
  );
  return (
    <form
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const chosen = { ...draft, country: draft.country.trim().toUpperCase() };
        await form.submit(Object.fromEntries(Object.entries(chosen).filter(([, value]) => value !== '')), async () => props.onApply(chosen));
      }}
    >
      <Summary message={form.summary} />
      <div class="toolbar">
        {choice('state', registrationStates, 'staff.meetings.states')}
        {choice('category', stakeholderCategories, 'staff.meetings.categories')}
        <Field label="staff.meetings.country" name="query.country" hint="staff.meetings.countryHint" error={form.error('query.country')}>
          {(id, describedBy) => <input id={id} aria-describedby={describedBy} maxLength={3} size={5} {...bindText(draft.country, (country) => setDraft({ ...draft, country }))} />}
        </Field>
        {choice('regionalGroup', regionalGroups, 'staff.meetings.regions')}
        {choice('gender', genders, 'gender')}
        {choice('wishesToSpeak', ['true', 'false'], 'staff.meetings.speaking')}
        <button type="submit">{t('staff.meetings.filter')}</button>
      </div>
    </form>
  );
}

const decisionLimit = 100;

/** Approve, decline or waitlist the selected registrations with a reason; then each one's outcome. */
function DecisionBar(props: { meetingId: string; selected: Registration[]; onDecided: () => void }) {
  const form = useForm(RegistrationDecision);
  const [decision, setDecision] = useState<string>('approve');
  const [reason, setReason] = useState('');
  const [outcomes, setOutcomes] = useState<{ outcome: Outcome; name: string }[] | null>(null);
  const decided = outcomes?.filter((entry) => entry.outcome.outcome === 'done').length ?? 0;

  return (
    <form
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const names = new Map(props.selected.map((registration) => [registration.registrationId, registration.organisation.name]));
        const body = { registrationIds: [...names.keys()], decision, reason: orNull(reason) };
        const result = await form.submit(body, (parsed) => staffCall<{ items: Outcome[] }>('POST', `/meetings/${props.meetingId}/registrations/decisions`, parsed));
        if (!result) return;
        setOutcomes(result.items.map((outcome) => ({ outcome, name: names.get(outcome.registrationId) ?? outcome.registrationId })));
        setReason('');
        props.onDecided();
      }}
    >
      <fieldset>
        <legend>{t('staff.meetings.decision.legend')}</legend>
        <Summary message={form.summary} />
        <p>
          {t('staff.common.selected', { count: props.selected.length })} · {t('staff.meetings.decision.limit', { limit: decisionLimit })}
        </p>
        <Problem message={form.error('body.registrationIds') ?? null} />
        <div class="toolbar">
          <Choice label="staff.meetings.decision.label" name="body.decision" value={decision} set={setDecision} values={decisions} text={(value) => label('staff.meetings.decisions', value)} error={form.error('body.decision')} />
          <Field label="staff.common.reason" name="body.reason" hint="staff.meetings.decision.reasonHint" error={form.error('body.reason')}>
            {(id, describedBy) => <textarea id={id} aria-describedby={describedBy} rows={2} cols={40} {...bindText(reason, setReason)} />}
          </Field>
          <button type="submit" disabled={form.busy || props.selected.length === 0}>
            {t('staff.common.apply')}
          </button>
        </div>
        <Status>
          {outcomes && (
            <>
              <p>{t('staff.meetings.decision.result', { done: decided, skipped: outcomes.length - decided })}</p>
              <ul>
                {outcomes.map(({ outcome, name }) => (
                  <li>
                    {outcome.outcome === 'done'
                      ? t('staff.meetings.decision.done', { name, state: label('staff.meetings.states', outcome.state ?? '') })
                      : t('staff.meetings.decision.skipped', { name, message: outcome.message ?? '' })}
                  </li>
                ))}
              </ul>
            </>
          )}
        </Status>
      </fieldset>
    </form>
  );
}
