import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { stakeholderCategories, type Meeting } from '#shared/meetings/schemas.ts';
import { regionalGroups } from '#shared/member-states/schemas.ts';
import { decisions, genders, RegistrationDecision, RegistrationFilters, registrationStates, type Registration, type RegistrationCounts } from '#shared/registrations/schemas.ts';
import { PublishSpeakers, type Speaker, type SpeakersList } from '#shared/registrations/speakers-schemas.ts';
import type { StaffSpeakingCandidate } from '#shared/steering-committee/schemas.ts';
import type * as z from 'zod';
import { bindSelect, bindText, Field, orNull, Summary, useForm } from '../../form.tsx';
import { formatDate, formatInstant, t, type MessageKey } from '../../i18n.ts';
import { download, problemOf, staffCall } from '../../staff/session.ts';
import { StaffShell } from '../../staff/shell.tsx';

type Candidate = z.infer<typeof StaffSpeakingCandidate>;
type Outcome = { registrationId: string; outcome: 'done' | 'skipped'; state: string | null; message: string | null };
type Params = { params?: Record<string, string> };

/** The label of one of the API's values, under its catalogue prefix (staff.meetings.states, gender, …). */
const label = (prefix: string, value: string) => t(`${prefix}.${value}` as MessageKey);
const failure = (error: unknown) => problemOf(error, t('form.network'));

/** One GET, reloadable; its problem is the API's message. */
function useResource<T>(path: string) {
  const [value, setValue] = useState<T | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const reload = () =>
    staffCall<T>('GET', path).then(
      (loaded) => {
        setValue(loaded);
        setProblem(null);
      },
      (error: unknown) => setProblem(failure(error)),
    );
  useEffect(() => {
    setValue(null);
    void reload();
  }, [path]);
  return { value, problem, reload };
}

/** A listing the API pages with nextCursor: the items shown so far, Show more, and a reload from the start. */
function usePaged<T>(path: string) {
  const [items, setItems] = useState<T[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const current = useRef(path);
  current.current = path;
  const load = async (from: string | null) => {
    try {
      const page = await staffCall<{ items: T[]; nextCursor: string | null }>('GET', from ? `${path}&cursor=${encodeURIComponent(from)}` : path);
      if (current.current !== path) return; // the filters changed while this page was on its way
      setItems((shown) => (from ? [...(shown ?? []), ...page.items] : page.items));
      setCursor(page.nextCursor);
      setProblem(null);
    } catch (error) {
      setProblem(failure(error));
    }
  };
  useEffect(() => {
    setItems(null);
    void load(null);
  }, [path]);
  return { items, problem, reload: () => load(null), more: cursor ? () => load(cursor) : null };
}

function Problem(props: { message: string | null }) {
  return props.message ? (
    <p class="error" role="alert">
      {props.message}
    </p>
  ) : null;
}

/** A polite live region, in the page from the start so that its changes are announced. */
function Notice(props: { children?: ComponentChildren }) {
  return <div role="status">{props.children}</div>;
}

function Loading(props: { problem: string | null }) {
  return props.problem ? (
    <p class="error" role="alert">
      {props.problem}
    </p>
  ) : (
    <p aria-live="polite">{t('common.loading')}</p>
  );
}

function More(props: { more: (() => Promise<void>) | null }) {
  return props.more ? (
    <p>
      <button type="button" class="secondary" onClick={props.more}>
        {t('staff.common.more')}
      </button>
    </p>
  ) : null;
}

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

const dates = (meeting: Meeting) =>
  meeting.dates ? (meeting.dates.start === meeting.dates.end ? formatDate(meeting.dates.start) : `${formatDate(meeting.dates.start)} – ${formatDate(meeting.dates.end)}`) : t('staff.meetings.tba');

/** Whether registration is open now, or when it opens or closed. */
function registrationWindow(meeting: Meeting): string {
  const window = meeting.registration;
  if (!window) return t('staff.meetings.window.none');
  const now = Date.now();
  const values = { opens: formatInstant(window.opensAt, meeting.timeZone), closes: formatInstant(window.closesAt, meeting.timeZone) };
  if (now < Date.parse(window.opensAt)) return t('staff.meetings.window.notYet', values);
  return t(now < Date.parse(window.closesAt) ? 'staff.meetings.window.open' : 'staff.meetings.window.closed', values);
}

const auditLink = (entity: 'meeting' | 'registration', id: string) => `/staff/audit?entity=${entity}&id=${encodeURIComponent(id)}`;

const views = { upcoming: 'upcoming=true', open: 'registrationOpen=true', past: 'upcoming=false', all: '' } as const;
type View = keyof typeof views;

/** /staff/meetings: every meeting, with its dates, its registration window and links to its queue and speakers. */
export function StaffMeetings(_props: Params) {
  return (
    <StaffShell>
      <h1>{t('staff.meetings.title')}</h1>
      <MeetingList />
    </StaffShell>
  );
}

function MeetingList() {
  const [view, setView] = useState<View>('upcoming');
  const meetings = usePaged<Meeting>(`/meetings?limit=50${views[view] ? `&${views[view]}` : ''}`);
  return (
    <>
      <div class="toolbar">
        <Choice label="staff.meetings.show" name="view" value={view} set={(chosen) => setView(chosen as View)} values={Object.keys(views)} text={(value) => label('staff.meetings.views', value)} />
      </div>
      {meetings.items === null ? (
        <Loading problem={meetings.problem} />
      ) : (
        <table>
          <caption>{t('staff.meetings.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staff.meetings.meeting')}</th>
              <th scope="col">{t('staff.meetings.dates')}</th>
              <th scope="col">{t('staff.meetings.registration')}</th>
              <th scope="col">{t('staff.meetings.capacity')}</th>
              <th scope="col">{t('staff.meetings.speakers')}</th>
            </tr>
          </thead>
          <tbody>
            {meetings.items.length === 0 && (
              <tr>
                <td colSpan={5}>{t('staff.common.none')}</td>
              </tr>
            )}
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
          </tbody>
        </table>
      )}
      {meetings.items !== null && <Problem message={meetings.problem} />}
      <More more={meetings.more} />
    </>
  );
}

/** The meeting's title as the page's heading, its dates and window, and its other staff pages. */
function MeetingHeader(props: { meetingId: string; heading: MessageKey }) {
  const meeting = useResource<Meeting>(`/meetings/${props.meetingId}`).value;
  return (
    <>
      <h1>{t(props.heading, { title: meeting?.title ?? props.meetingId })}</h1>
      {meeting && (
        <p>
          {dates(meeting)} · {registrationWindow(meeting)}
        </p>
      )}
      <nav aria-label={t('staff.meetings.pages')} class="toolbar">
        <a href="/staff/meetings">{t('staff.meetings.all')}</a>
        <a href={`/staff/meetings/${props.meetingId}`}>{t('staff.meetings.queue')}</a>
        {meeting?.hasSpeakingSlots && <a href={`/staff/meetings/${props.meetingId}/speakers`}>{t('staff.meetings.speakers')}</a>}
        <a href={auditLink('meeting', props.meetingId)}>{t('staff.common.auditTrail')}</a>
      </nav>
    </>
  );
}

/** /staff/meetings/:meetingId: the registration queue, its counts, filters, decisions for many at once and the CSV export. */
export function MeetingRegistrations(props: Params) {
  const meetingId = props.params?.meetingId ?? '';
  return (
    <StaffShell>
      <MeetingHeader meetingId={meetingId} heading="staff.meetings.queue.title" />
      <Queue meetingId={meetingId} />
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

function Queue(props: { meetingId: string }) {
  const base = `/meetings/${props.meetingId}/registrations`;
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
  const shown = registrations.items ?? [];
  const allShown = shown.length > 0 && shown.every((registration) => selected.includes(registration.registrationId));
  const toggle = (id: string, on: boolean) => setSelected(on ? [...selected, id] : selected.filter((other) => other !== id));

  return (
    <>
      <Counts counts={counts.value} problem={counts.problem} />
      <h2>{t('staff.meetings.queue.heading')}</h2>
      <FilterForm initial={filters} onApply={apply} />
      <p>
        <button
          type="button"
          class="secondary"
          onClick={() =>
            download(`${base}/export${query ? `?${query}` : ''}`, `${props.meetingId}-registrations.csv`).then(
              () => setExportProblem(null),
              (error: unknown) => setExportProblem(failure(error)),
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
        meetingId={props.meetingId}
        selected={shown.filter((registration) => selected.includes(registration.registrationId))}
        onDecided={() => {
          setSelected([]);
          void registrations.reload();
          void counts.reload();
        }}
      />
      {registrations.items === null ? (
        <Loading problem={registrations.problem} />
      ) : (
        <table>
          <caption>{t('staff.meetings.queue.caption', { count: shown.length })}</caption>
          <thead>
            <tr>
              <th scope="col">
                <input type="checkbox" aria-label={t('staff.common.selectAll')} checked={allShown} onChange={(event) => setSelected(event.currentTarget.checked ? shown.map((registration) => registration.registrationId) : [])} />
              </th>
              <th scope="col">{t('staff.meetings.organisation')}</th>
              <th scope="col">{t('staff.meetings.country')}</th>
              <th scope="col">{t('staff.meetings.category')}</th>
              <th scope="col">{t('staff.meetings.representatives')}</th>
              <th scope="col">{t('staff.meetings.speakingInterest')}</th>
              <th scope="col">{t('staff.meetings.state')}</th>
              <th scope="col">{t('staff.meetings.submitted')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.length === 0 && (
              <tr>
                <td colSpan={8}>{t('staff.common.none')}</td>
              </tr>
            )}
            {shown.map((registration) => (
              <RegistrationRow registration={registration} selected={selected.includes(registration.registrationId)} toggle={toggle} />
            ))}
          </tbody>
        </table>
      )}
      {registrations.items !== null && <Problem message={registrations.problem} />}
      <More more={registrations.more} />
    </>
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
        <a href={auditLink('registration', registration.registrationId)} aria-label={t('staff.meetings.auditOf', { name: registration.organisation.name })}>
          {t('staff.common.auditTrail')}
        </a>
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
        <Notice>
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
        </Notice>
      </fieldset>
    </form>
  );
}

/** /staff/meetings/:meetingId/speakers: candidates with the committee's recommendations, the shortlist, the final order and its publication. */
export function MeetingSpeakers(props: Params) {
  const meetingId = props.params?.meetingId ?? '';
  return (
    <StaffShell>
      <MeetingHeader meetingId={meetingId} heading="staff.meetings.speakers.title" />
      <SpeakersPage meetingId={meetingId} />
    </StaffShell>
  );
}

function SpeakersPage(props: { meetingId: string }) {
  const base = `/meetings/${props.meetingId}`;
  const candidates = useResource<{ items: Candidate[] }>(`${base}/speaking-candidates`);
  const shortlist = useResource<{ items: Speaker[] }>(`${base}/speakers/shortlist`);
  const published = useResource<SpeakersList>(`${base}/speakers`);
  const changed = () => {
    void candidates.reload();
    void shortlist.reload();
  };
  return (
    <>
      <section aria-labelledby="candidates">
        <h2 id="candidates">{t('staff.meetings.candidates.heading')}</h2>
        <p>{t('staff.meetings.candidates.intro')}</p>
        {candidates.value ? <Candidates meetingId={props.meetingId} candidates={candidates.value.items} onChange={changed} /> : <Loading problem={candidates.problem} />}
      </section>
      <section aria-labelledby="shortlist">
        <h2 id="shortlist">{t('staff.meetings.shortlist.heading')}</h2>
        {shortlist.value && published.value ? (
          <FinalOrder meetingId={props.meetingId} shortlist={shortlist.value.items} published={published.value} onChange={changed} onPublished={() => void published.reload()} />
        ) : (
          <Loading problem={shortlist.problem ?? published.problem} />
        )}
      </section>
      <section aria-labelledby="published">
        <h2 id="published">{t('staff.meetings.published.heading')}</h2>
        {published.value ? <Published list={published.value} /> : <Loading problem={published.problem} />}
      </section>
    </>
  );
}

function Candidates(props: { meetingId: string; candidates: Candidate[]; onChange: () => void }) {
  const [refusals, setRefusals] = useState<Record<string, string>>({});
  const shortlist = async (candidate: Candidate) => {
    try {
      await staffCall('POST', `/meetings/${props.meetingId}/speakers/shortlist`, { registrationId: candidate.registrationId, email: candidate.email });
      setRefusals({ ...refusals, [candidate.speakerId]: '' });
    } catch (error) {
      setRefusals({ ...refusals, [candidate.speakerId]: failure(error) });
    }
    props.onChange(); // after a refusal too: the page may have been out of date
  };
  return (
    <table>
      <caption>{t('staff.meetings.candidates.caption', { count: props.candidates.length })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('common.name')}</th>
          <th scope="col">{t('staff.meetings.organisation')}</th>
          <th scope="col">{t('staff.meetings.topic')}</th>
          <th scope="col">{t('staff.meetings.state')}</th>
          <th scope="col">{t('staff.meetings.recommendations')}</th>
          <th scope="col">{t('staff.meetings.shortlist.action')}</th>
        </tr>
      </thead>
      <tbody>
        {props.candidates.length === 0 && (
          <tr>
            <td colSpan={6}>{t('staff.common.none')}</td>
          </tr>
        )}
        {props.candidates.map((candidate) => (
          <tr key={candidate.speakerId}>
            <td>
              {candidate.name}
              {candidate.steeringCommitteeMember && <p class="warning">{t(candidate.excludedAsHearingSpeaker ? 'staff.meetings.candidates.excluded' : 'staff.meetings.candidates.member')}</p>}
            </td>
            <td>
              {candidate.organisationName} ({candidate.country}), {label('staff.meetings.categories', candidate.category)}
            </td>
            <td>{candidate.topic}</td>
            <td>{label('staff.meetings.states', candidate.registrationState)}</td>
            <td>
              {t('staff.meetings.recommendationCount', { count: candidate.recommendations.length })}
              {candidate.recommendations.length > 0 && (
                <ul>
                  {candidate.recommendations.map((recommendation) => (
                    <li>
                      {recommendation.memberName}: {recommendation.reason}
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td>
              {candidate.shortlisted ? (
                t('staff.meetings.shortlist.on')
              ) : (
                <button type="button" class="secondary" aria-label={t('staff.meetings.shortlist.add', { name: candidate.name })} onClick={() => shortlist(candidate)}>
                  {t('staff.meetings.shortlist.button')}
                </button>
              )}
              <Problem message={refusals[candidate.speakerId] || null} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Staff's arrangement first, then the published order, then speakers shortlisted since, in the order they were added. */
const speakingOrder = (shortlist: Speaker[], published: SpeakersList, arranged: string[]) => {
  const ids = new Set(shortlist.map((speaker) => speaker.speakerId));
  const ordered = [...arranged, ...published.speakers.map((speaker) => speaker.speakerId), ...shortlist.map((speaker) => speaker.speakerId)].filter((id) => ids.has(id));
  return [...new Set(ordered)];
};

function FinalOrder(props: { meetingId: string; shortlist: Speaker[]; published: SpeakersList; onChange: () => void; onPublished: () => void }) {
  const form = useForm(PublishSpeakers);
  const [arranged, setArranged] = useState<string[]>([]);
  const [moved, setMoved] = useState<{ focus: string; message: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  useLayoutEffect(() => {
    if (moved) document.getElementById(moved.focus)?.focus();
  }, [moved]);

  const speakers = new Map(props.shortlist.map((speaker) => [speaker.speakerId, speaker]));
  // Derived while rendering, so that a speaker just taken off the shortlist is never shown.
  const order = speakingOrder(props.shortlist, props.published, arranged);
  const move = (index: number, by: -1 | 1) => {
    const next = [...order];
    const [id] = next.splice(index, 1);
    next.splice(index + by, 0, id!);
    setArranged(next);
    const position = index + by;
    // Keep the focus on the moved speaker's button, or its other one once at the top or bottom.
    const direction = position === 0 ? 'down' : position === next.length - 1 ? 'up' : by < 0 ? 'up' : 'down';
    setMoved({ focus: `move-${direction}-${id}`, message: t('staff.meetings.shortlist.moved', { name: speakers.get(id!)?.name ?? '', position: position + 1 }) });
  };
  const remove = async (speaker: Speaker) => {
    try {
      await staffCall('DELETE', `/meetings/${props.meetingId}/speakers/shortlist/${speaker.speakerId}`);
      setRefusal(null);
      props.onChange();
    } catch (error) {
      setRefusal(failure(error));
    }
  };

  if (order.length === 0) return <p>{t('staff.meetings.shortlist.empty')}</p>;
  return (
    <form
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const list = await form.submit({ speakerIds: order }, (parsed) => staffCall<SpeakersList>('PUT', `/meetings/${props.meetingId}/speakers`, parsed));
        if (!list) return;
        setNotice(t('staff.meetings.published.done', { count: list.speakers.length }));
        props.onPublished();
      }}
    >
      <Summary message={form.summary} />
      <Problem message={refusal} />
      <table>
        <caption>{t('staff.meetings.shortlist.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('staff.meetings.position')}</th>
            <th scope="col">{t('common.name')}</th>
            <th scope="col">{t('staff.meetings.organisation')}</th>
            <th scope="col">{t('staff.meetings.topic')}</th>
            <th scope="col">{t('staff.meetings.shortlist.order')}</th>
          </tr>
        </thead>
        <tbody>
          {order.map((id, index) => {
            const speaker = speakers.get(id)!;
            return (
              <tr key={id}>
                <td>{index + 1}</td>
                <td>
                  {speaker.name}
                  <Problem message={form.error(`body.speakerIds[${index}]`) ?? null} />
                </td>
                <td>
                  {speaker.organisationName} ({speaker.country})
                </td>
                <td>{speaker.topic}</td>
                <td>
                  <button type="button" class="secondary" id={`move-up-${id}`} disabled={index === 0} aria-label={t('staff.meetings.shortlist.up', { name: speaker.name })} onClick={() => move(index, -1)}>
                    ↑
                  </button>{' '}
                  <button type="button" class="secondary" id={`move-down-${id}`} disabled={index === order.length - 1} aria-label={t('staff.meetings.shortlist.down', { name: speaker.name })} onClick={() => move(index, 1)}>
                    ↓
                  </button>{' '}
                  <button type="button" class="danger" aria-label={t('staff.meetings.shortlist.remove', { name: speaker.name })} onClick={() => remove(speaker)}>
                    {t('staff.meetings.shortlist.removeButton')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Notice>{moved?.message}</Notice>
      <p>
        <button type="submit" disabled={form.busy}>
          {t('staff.meetings.published.publish')}
        </button>
      </p>
      <Notice>{notice}</Notice>
    </form>
  );
}

function Published(props: { list: SpeakersList }) {
  const { publishedAt } = props.list;
  return (
    <div>
      <p>{publishedAt ? t('staff.meetings.published.at', { at: formatInstant(publishedAt) }) : t('staff.meetings.published.none')}</p>
      <ol>
        {props.list.speakers.map((speaker) => (
          <li>
            {speaker.name}, {speaker.organisationName} ({speaker.country}){speaker.topic ? `: ${speaker.topic}` : ''}
          </li>
        ))}
      </ol>
    </div>
  );
}
