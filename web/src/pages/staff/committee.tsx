import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type * as z from 'zod';
import { constituencies, type Constituency } from '#shared/steering-committee/slate.ts';
import { CreateCallBody, DecisionBody, ReviewBody, type Call, type Composition, type DecisionResult, type Member, type ReviewedCandidate, type Selection, type Slate } from '#shared/steering-committee/schemas.ts';
import { bindText, Field, Summary, useForm } from '../../form.tsx';
import { formatInstant, formatPercent, language, t, type MessageKey } from '../../i18n.ts';
import { problemOf, staffCall, staffMember, staffToken } from '../../staff/session.ts';
import { StaffShell } from '../../staff/shell.tsx';

type CompositionView = z.infer<typeof Composition>;
type SelectionView = z.infer<typeof Selection>;
type SlateView = z.infer<typeof Slate>;
type Notice = { text: string; problem: boolean } | null;

const callsPath = '/steering-committee/calls';
const percent = (share: number) => formatPercent(share);
const groupName = (group: string | null) => t(`staff.committee.group.${group ?? 'none'}` as MessageKey);

/** The four balances of a committee, as the API counts them, with the name of each value. */
const dimensions = [
  { key: 'byRegionalGroup', label: 'staff.committee.regionalGroup', name: groupName },
  { key: 'byGender', label: 'register.gender', name: (value: string) => t(`gender.${value}` as MessageKey) },
  { key: 'byAgeBracket', label: 'candidacy.ageBracket', name: (value: string) => t(`ageBracket.${value}` as MessageKey) },
  { key: 'byConstituency', label: 'candidacy.constituency', name: (value: string) => t(`constituency.${value}` as MessageKey) },
] as const;
type Dimension = (typeof dimensions)[number];
const [byRegionalGroup, byGender, byAgeBracket, byConstituency] = dimensions;
const imbalanceKinds: Record<string, { message: MessageKey; dimension: Dimension }> = {
  'regional-group-missing': { message: 'staff.committee.imbalance.missing', dimension: byRegionalGroup },
  'constituency-missing': { message: 'staff.committee.imbalance.missing', dimension: byConstituency },
  'gender-over-60': { message: 'staff.committee.imbalance.over60', dimension: byGender },
  'age-bracket-over-60': { message: 'staff.committee.imbalance.over60', dimension: byAgeBracket },
};

/** An imbalance the API named, in the page's language (the API's own English message for a kind this page does not know). */
function imbalanceText(imbalance: CompositionView['imbalances'][number], composition: CompositionView): string {
  if (imbalance.kind === 'over-seats') return t('staff.committee.imbalance.overSeats', { selected: composition.selected, seats: composition.seats });
  const known = imbalanceKinds[imbalance.kind];
  if (!known) return imbalance.message;
  const share = composition[known.dimension.key][imbalance.subject] ?? { count: 0, share: 0 };
  return t(known.message, { dimension: t(known.dimension.label), value: known.dimension.name(imbalance.subject), count: share.count, selected: composition.selected, share: percent(share.share) });
}

/** A selection's composition against the seats: each imbalance first and prominent, then the counts and shares. */
function CompositionPanel(props: { composition: CompositionView; live?: boolean }) {
  const { composition } = props;
  return (
    <>
      <div aria-live={props.live ? 'polite' : undefined}>
        <p>
          <strong>{t('staff.committee.seatsFilled', { selected: composition.selected, seats: composition.seats })}</strong>
        </p>
        {composition.imbalances.length > 0 ? (
          <div class="warning">
            <p>
              <strong>{t('staff.committee.imbalances', { count: composition.imbalances.length })}</strong>
            </p>
            <ul>
              {composition.imbalances.map((imbalance) => (
                <li>{imbalanceText(imbalance, composition)}</li>
              ))}
            </ul>
          </div>
        ) : (
          composition.selected > 0 && <p>{t('staff.committee.balanced')}</p>
        )}
      </div>
      <dl>
        {dimensions.map((dimension) => (
          <>
            <dt>{t(dimension.label)}</dt>
            <dd>
              {Object.entries(composition[dimension.key])
                .map(([value, share]) => `${dimension.name(value)}: ${share.count} (${percent(share.share)})`)
                .join(' · ') || t('staff.common.none')}
            </dd>
          </>
        ))}
      </dl>
    </>
  );
}

/** Side by side where the screen is wide enough; one under the other where it is not. */
const sideBySide = { display: 'flex', flexWrap: 'wrap', gap: '1rem 2rem', alignItems: 'flex-start' } as const;

function NoticeLine(props: { notice: Notice }) {
  if (!props.notice) return null;
  return props.notice.problem ? <p role="alert" class="error">{props.notice.text}</p> : <p role="status">{props.notice.text}</p>;
}

/** Who a candidate or member is, as the balance counts them: one cell, the same in every table. */
function ProfileCell(props: { person: Pick<Member, 'constituency' | 'country' | 'regionalGroup' | 'gender' | 'ageBracket'> }) {
  const { person } = props;
  return (
    <td>
      {t(`constituency.${person.constituency}` as MessageKey)}
      <br />
      {person.country} ({groupName(person.regionalGroup)})
      <br />
      {t(`gender.${person.gender}` as MessageKey)}, {t(`ageBracket.${person.ageBracket}` as MessageKey)}
    </td>
  );
}

const callState = (call: Call) => {
  if (call.state === 'decided') return t('staff.committee.state.decided', { date: formatInstant(call.decidedAt ?? call.deadline) });
  return t(Date.now() < new Date(call.deadline).getTime() ? 'staff.committee.state.open' : 'staff.committee.state.closed');
};

/** The calls for membership, the form to open one, and the members appointed so far. */
export function StaffCommittee(_props: { params?: Record<string, string> }) {
  const [calls, setCalls] = useState<Call[] | null>(null);
  const [members, setMembers] = useState<Member[] | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const load = async () => {
    try {
      const [callList, memberList] = await Promise.all([staffCall<{ items: Call[] }>('GET', `${callsPath}?includeClosed=true`), staffCall<{ items: Member[] }>('GET', '/steering-committee/members')]);
      setCalls(callList.items);
      setMembers(memberList.items);
    } catch (error) {
      setNotice({ text: problemOf(error, t('form.network')), problem: true });
    }
  };
  const signedIn = staffToken.value !== null;
  useEffect(() => {
    if (signedIn) void load();
  }, [signedIn]);

  return (
    <StaffShell>
      <h1>{t('staff.nav.committee')}</h1>
      <div class="toolbar">
        <button type="button" class="secondary" onClick={() => void load()}>
          {t('staff.common.refresh')}
        </button>
      </div>
      <NoticeLine notice={notice} />
      <h2>{t('staff.committee.calls')}</h2>
      {calls === null ? (
        <p aria-live="polite">{t('common.loading')}</p>
      ) : (
        <table>
          <caption>{t('staff.committee.callsCaption', { count: calls.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staff.committee.callTitle')}</th>
              <th scope="col">{t('staff.committee.state')}</th>
              <th scope="col">{t('staff.committee.seats')}</th>
              <th scope="col">{t('staff.committee.deadline')}</th>
              <th scope="col">{t('staff.committee.applications')}</th>
            </tr>
          </thead>
          <tbody>
            {calls.map((call) => (
              <tr>
                <td>
                  <a href={`/staff/steering-committee/calls/${call.callId}`}>{call.title}</a>
                </td>
                <td class="state">{callState(call)}</td>
                <td>{call.seats}</td>
                <td>{formatInstant(call.deadline)}</td>
                <td>{call.maxApplications === null ? call.applications : t('staff.committee.applicationsOf', { count: call.applications, max: call.maxApplications })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <OpenCallForm
        onOpened={(call) => {
          setNotice({ text: t('staff.committee.opened', { title: call.title }), problem: false });
          void load();
        }}
      />
      <h2>{t('staff.committee.members')}</h2>
      {members !== null &&
        (members.length === 0 ? (
          <p>{t('staff.committee.noMembers')}</p>
        ) : (
          <table>
            <caption>{t('staff.committee.membersCaption', { count: members.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.name')}</th>
                <th scope="col">{t('staff.committee.organisation')}</th>
                <th scope="col">{t('staff.committee.profile')}</th>
                <th scope="col">{t('staff.committee.since')}</th>
              </tr>
            </thead>
            <tbody>
              {members.map((member) => (
                <tr>
                  <td>
                    {member.name}
                    <br />
                    <a href={`mailto:${member.email}`}>{member.email}</a>
                  </td>
                  <td>{member.organisation}</td>
                  <ProfileCell person={member} />
                  <td>{formatInstant(member.since)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </StaffShell>
  );
}

/** A datetime-local value (the staff member's own time) as an instant; left as typed when it is not one, for the schema to name. */
const instantOf = (local: string) => {
  const instant = new Date(local);
  return Number.isNaN(instant.getTime()) ? local : instant.toISOString();
};

function OpenCallForm(props: { onOpened: (call: Call) => void }) {
  const form = useForm(CreateCallBody);
  const blank = { title: '', description: '', seats: '', deadline: '', maxApplications: '' };
  const [draft, setDraft] = useState(blank);
  const [sought, setSought] = useState<Constituency[]>([]);
  const field = (key: keyof typeof blank) => (value: string) => setDraft({ ...draft, [key]: value });
  const body = () => ({
    title: draft.title,
    description: draft.description,
    constituencies: sought,
    seats: draft.seats === '' ? undefined : Number(draft.seats),
    deadline: instantOf(draft.deadline),
    maxApplications: draft.maxApplications === '' ? null : Number(draft.maxApplications),
  });
  const soughtError = form.error('body.constituencies') ?? Object.entries(form.errors).find(([name]) => name.startsWith('body.constituencies['))?.[1];

  return (
    <form
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const call = await form.submit(body(), (parsed) => staffCall<Call>('POST', callsPath, parsed));
        if (call) {
          setDraft(blank);
          setSought([]);
          props.onOpened(call);
        }
      }}
    >
      <h2>{t('staff.committee.open')}</h2>
      <Summary message={form.summary} />
      <Field label="staff.committee.callTitle" name="body.title" error={form.error('body.title')}>
        {(id, describedBy) => <input id={id} aria-describedby={describedBy} {...bindText(draft.title, field('title'))} />}
      </Field>
      <Field label="staff.committee.description" name="body.description" hint="accreditation.atLeast20" error={form.error('body.description')}>
        {(id, describedBy) => <textarea id={id} aria-describedby={describedBy} {...bindText(draft.description, field('description'))} />}
      </Field>
      <fieldset class={soughtError ? 'invalid' : undefined}>
        <legend>{t('committee.sought')}</legend>
        {constituencies.map((constituency) => (
          <div class="field checkbox">
            <label>
              <input
                type="checkbox"
                checked={sought.includes(constituency)}
                onChange={(event) => setSought((event.currentTarget as HTMLInputElement).checked ? [...sought, constituency] : sought.filter((value) => value !== constituency))}
              />
              {t(`constituency.${constituency}` as MessageKey)}
            </label>
          </div>
        ))}
        {soughtError && (
          <p class="error" role="alert">
            {soughtError}
          </p>
        )}
      </fieldset>
      <Field label="staff.committee.seats" name="body.seats" error={form.error('body.seats')}>
        {(id, describedBy) => <input id={id} type="number" min={1} max={100} aria-describedby={describedBy} {...bindText(draft.seats, field('seats'))} />}
      </Field>
      <Field label="staff.committee.deadline" name="body.deadline" hint="staff.committee.deadlineHint" error={form.error('body.deadline')}>
        {(id, describedBy) => <input id={id} type="datetime-local" aria-describedby={describedBy} {...bindText(draft.deadline, field('deadline'))} />}
      </Field>
      <Field label="staff.committee.maxApplications" name="body.maxApplications" hint="staff.committee.maxApplicationsHint" error={form.error('body.maxApplications')}>
        {(id, describedBy) => <input id={id} type="number" min={1} aria-describedby={describedBy} {...bindText(draft.maxApplications, field('maxApplications'))} />}
      </Field>
      <button type="submit" disabled={form.busy}>
        {t('staff.committee.openSubmit')}
      </button>
    </form>
  );
}

/** Moves the keyboard focus to a panel when it appears, so that it is read and used next. */
function useFocusOnShow<T extends HTMLElement>(key: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [key]);
  return ref;
}

/**
 * One call: the candidates with their reviews, scored here; the working selection with its
 * composition beside it; the suggested slate; and the decision, after which it is read-only.
 */
export function StaffCommitteeCall(props: { params?: Record<string, string> }) {
  const callId = props.params?.callId ?? '';
  const path = `${callsPath}/${encodeURIComponent(callId)}`;
  const [call, setCall] = useState<Call | null>(null);
  const [candidates, setCandidates] = useState<ReviewedCandidate[]>([]);
  const [selection, setSelection] = useState<SelectionView | null>(null);
  const [slate, setSlate] = useState<SlateView | null>(null);
  const [decisionReasons, setDecisionReasons] = useState<string | null>(null);
  const [reviewing, setReviewing] = useState<ReviewedCandidate | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  // Only the answer to the latest change of the selection is shown, whatever order the answers arrive in.
  const selectionChange = useRef(0);
  const fail = (error: unknown) => setNotice({ text: problemOf(error, t('form.network')), problem: true });

  const load = async () => {
    try {
      const [found, list, working] = await Promise.all([staffCall<Call>('GET', path), staffCall<{ items: ReviewedCandidate[] }>('GET', `${path}/candidates`), staffCall<SelectionView>('GET', `${path}/selection`)]);
      setCall(found);
      setCandidates(list.items);
      setSelection(working);
      if (found.state === 'open') setSlate(await staffCall<SlateView>('GET', `${path}/slate`));
      else {
        const trail = await staffCall<{ items: { action: string; details: { reasons?: string } }[] }>('GET', `/audit/committee-call/${encodeURIComponent(callId)}?limit=50`);
        setDecisionReasons(trail.items.find((entry) => entry.action === 'call.decided')?.details.reasons ?? null);
      }
    } catch (error) {
      fail(error);
    }
  };
  const signedIn = staffToken.value !== null;
  useEffect(() => {
    if (signedIn) void load();
  }, [callId, signedIn]);

  const choose = async (candidateIds: string[], confirmation?: string) => {
    const change = (selectionChange.current += 1);
    if (selection) setSelection({ ...selection, candidateIds });
    try {
      const saved = await staffCall<SelectionView>('PUT', `${path}/selection`, { candidateIds });
      if (change !== selectionChange.current) return;
      setSelection(saved);
      setNotice(confirmation ? { text: confirmation, problem: false } : null);
    } catch (error) {
      fail(error);
      setSelection(await staffCall<SelectionView>('GET', `${path}/selection`).catch(() => selection));
    }
  };

  if (!call || !selection) {
    return (
      <StaffShell>
        <NoticeLine notice={notice} />
        {!notice && <p aria-live="polite">{t('common.loading')}</p>}
      </StaffShell>
    );
  }
  const open = call.state === 'open';
  const names = new Map(candidates.map((candidate) => [candidate.candidateId, candidate.name]));
  const me = staffMember.value?.sub;

  return (
    <StaffShell>
      <p>
        <a href="/staff/steering-committee">{t('staff.committee.back')}</a>
      </p>
      <h1>{call.title}</h1>
      <ul class="figures">
        <li class="state">{callState(call)}</li>
        <li>{t('staff.committee.seatsCount', { count: call.seats })}</li>
        <li>{t('staff.committee.deadlineAt', { deadline: formatInstant(call.deadline) })}</li>
        <li>{t('staff.committee.applicationsCount', { count: call.applications })}</li>
      </ul>
      <div class="toolbar">
        <button type="button" class="secondary" onClick={() => void load()}>
          {t('staff.common.refresh')}
        </button>
        <a href={`/staff/audit?entity=committee-call&id=${encodeURIComponent(call.callId)}`}>{t('staff.common.auditTrail')}</a>
      </div>
      <NoticeLine notice={notice} />
      {!open && (
        <div class="confirmation">
          <h2>{t('staff.committee.decision.recorded')}</h2>
          <p class="prose">{decisionReasons ?? t('staff.committee.decision.reasonsInTrail')}</p>
        </div>
      )}

      <h2>{t(open ? 'staff.committee.candidatesAndSelection' : 'staff.committee.candidates')}</h2>
      <div style={sideBySide}>
        <div style={{ flex: '3 1 40rem' }}>
          <table>
            <caption>{t('staff.committee.candidatesCaption', { count: candidates.length })}</caption>
            <thead>
              <tr>
                {open && <th scope="col">{t('staff.committee.inSelection')}</th>}
                <th scope="col">{t('staff.committee.candidate')}</th>
                <th scope="col">{t('staff.committee.profile')}</th>
                <th scope="col">{t('staff.committee.reviews')}</th>
                <th scope="col">{t('staff.committee.mean')}</th>
                <th scope="col">{t(open ? 'staff.committee.yourScore' : 'staff.committee.decision')}</th>
              </tr>
            </thead>
            <tbody>
              {candidates.map((candidate) => {
                const selected = selection.candidateIds.includes(candidate.candidateId);
                const mine = candidate.reviews.find((review) => review.reviewer === me);
                return (
                  <tr key={candidate.candidateId}>
                    {open && (
                      <td>
                        <input
                          type="checkbox"
                          aria-label={t('staff.common.select', { name: candidate.name })}
                          checked={selected}
                          onChange={(event) =>
                            void choose((event.currentTarget as HTMLInputElement).checked ? [...selection.candidateIds, candidate.candidateId] : selection.candidateIds.filter((id) => id !== candidate.candidateId))
                          }
                        />
                      </td>
                    )}
                    <td>
                      <strong>{candidate.name}</strong>
                      <br />
                      {candidate.organisation}
                    </td>
                    <ProfileCell person={candidate} />
                    <td>
                      {candidate.reviews.length === 0
                        ? t('staff.committee.noReviews')
                        : candidate.reviews.map((review) => (
                            <p>
                              {t('staff.committee.review', { reviewer: review.reviewer, score: review.score })}
                              {review.note && ` · ${review.note}`}
                            </p>
                          ))}
                    </td>
                    <td>{candidate.meanScore ?? '–'}</td>
                    <td>
                      {open ? (
                        <>
                          {mine && <p>{t('staff.committee.yourScoreIs', { score: mine.score })}</p>}
                          <button type="button" class="secondary" aria-label={t('staff.committee.scoreName', { name: candidate.name })} onClick={() => setReviewing(candidate)}>
                            {t('staff.committee.score')}
                          </button>
                        </>
                      ) : (
                        <>
                          <span class="state">{t(candidate.decision === 'selected' ? 'staff.committee.selected' : 'staff.committee.notSelected')}</span>
                          {candidate.decisionReason && <p>{candidate.decisionReason}</p>}
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {open && reviewing && (
            <ReviewForm
              path={`${path}/candidates/${reviewing.candidateId}/review`}
              candidate={reviewing}
              mine={reviewing.reviews.find((review) => review.reviewer === me)}
              onDone={(saved) => {
                setReviewing(null);
                if (saved) {
                  setNotice({ text: t('staff.committee.scored', { name: saved.name }), problem: false });
                  void load();
                }
              }}
            />
          )}
        </div>
        <aside style={{ flex: '1 1 18rem' }} aria-labelledby="composition-heading">
          <h3 id="composition-heading">{t(open ? 'staff.committee.composition' : 'staff.committee.decidedComposition')}</h3>
          <CompositionPanel composition={selection.composition} live />
          {open && selection.updatedAt && <p class="hint">{t('staff.committee.selectionSaved', { by: selection.updatedBy ?? '', at: formatInstant(selection.updatedAt) })}</p>}
        </aside>
      </div>

      {open && slate && (
        <>
          <h2>{t('staff.committee.slate')}</h2>
          <p>{t('staff.committee.slateIntro')}</p>
          <div style={sideBySide}>
            <SlateColumn heading="staff.committee.suggested" candidateIds={slate.candidateIds} composition={slate.composition} names={names}>
              <button type="button" onClick={() => void choose(slate.candidateIds, t('staff.committee.slateAccepted'))}>
                {t('staff.committee.acceptSlate')}
              </button>
            </SlateColumn>
            <SlateColumn heading="staff.committee.topScored" candidateIds={slate.topScored.candidateIds} composition={slate.topScored.composition} names={names} />
          </div>
          <DecisionForm path={path} call={call} candidates={candidates} selection={selection.candidateIds} names={names} onDecided={() => void load()} />
        </>
      )}
    </StaffShell>
  );
}

function SlateColumn(props: { heading: MessageKey; candidateIds: string[]; composition: CompositionView; names: Map<string, string>; children?: ComponentChildren }) {
  return (
    <section style={{ flex: '1 1 20rem' }}>
      <h3>{t(props.heading)}</h3>
      <ol>
        {props.candidateIds.map((id) => (
          <li>{props.names.get(id) ?? id}</li>
        ))}
      </ol>
      <CompositionPanel composition={props.composition} />
      {props.children}
    </section>
  );
}

/** The signed-in reviewer's score (1 to 5) and note for one candidate, beside what the candidate wrote. */
function ReviewForm(props: { path: string; candidate: ReviewedCandidate; mine: ReviewedCandidate['reviews'][number] | undefined; onDone: (saved: ReviewedCandidate | null) => void }) {
  const { candidate } = props;
  const form = useForm(ReviewBody);
  const [score, setScore] = useState(props.mine ? String(props.mine.score) : '');
  const [note, setNote] = useState(props.mine?.note ?? '');
  const heading = useFocusOnShow<HTMLHeadingElement>(candidate.candidateId);
  return (
    <form
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const saved = await form.submit({ score: score === '' ? undefined : Number(score), note: note.trim() === '' ? null : note }, (parsed) => staffCall<ReviewedCandidate>('PUT', props.path, parsed));
        if (saved) props.onDone(saved);
      }}
    >
      <h3 ref={heading} tabIndex={-1}>
        {t('staff.committee.reviewOf', { name: candidate.name })}
      </h3>
      <dl>
        <dt>{t('common.email')}</dt>
        <dd>{candidate.email}</dd>
        <dt>{t('staff.committee.languages')}</dt>
        <dd>{candidate.languages.join(', ')}</dd>
        <dt>{t('candidacy.expertise')}</dt>
        <dd class="prose">{candidate.expertise}</dd>
        <dt>{t('candidacy.motivation')}</dt>
        <dd class="prose">{candidate.motivation}</dd>
      </dl>
      <Summary message={form.summary} />
      <Field label="staff.committee.scoreLabel" name="body.score" error={form.error('body.score')}>
        {(id, describedBy) => (
          <select id={id} aria-describedby={describedBy} value={score} onChange={(event) => setScore((event.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t('common.choose')}</option>
            {[5, 4, 3, 2, 1].map((value) => (
              <option value={String(value)}>{t(`staff.committee.scale.${value}` as MessageKey)}</option>
            ))}
          </select>
        )}
      </Field>
      <Field label="staff.committee.note" name="body.note" error={form.error('body.note')}>
        {(id, describedBy) => <textarea id={id} aria-describedby={describedBy} {...bindText(note, setNote)} />}
      </Field>
      <div class="toolbar">
        <button type="submit" disabled={form.busy}>
          {t('staff.committee.saveScore')}
        </button>
        <button type="button" class="secondary" onClick={() => props.onDone(null)}>
          {t('staff.committee.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The decision: the working selection with the reasons, and a reason for any candidate; confirmed before it is sent. */
function DecisionForm(props: { path: string; call: Call; candidates: ReviewedCandidate[]; selection: string[]; names: Map<string, string>; onDecided: (result: z.infer<typeof DecisionResult>) => void }) {
  const form = useForm(DecisionBody);
  const [reasons, setReasons] = useState('');
  const [perCandidate, setPerCandidate] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState(false);
  const confirmation = useFocusOnShow<HTMLDivElement>(confirming);
  useEffect(() => setConfirming(false), [props.selection.join()]);
  const body = () => ({ candidateIds: props.selection, reasons, candidateReasons: Object.fromEntries(Object.entries(perCandidate).filter(([, reason]) => reason.trim() !== '')) });

  return (
    <form
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        if (!confirming) {
          await form.submit(body(), async () => setConfirming(true));
          return;
        }
        const result = await form.submit(body(), (parsed) => staffCall<z.infer<typeof DecisionResult>>('POST', `${props.path}/decision`, parsed));
        setConfirming(false);
        if (result) props.onDecided(result);
      }}
    >
      <h2>{t('staff.committee.decision')}</h2>
      <Summary message={form.summary} />
      <p>
        {t('staff.committee.decision.selection', { count: props.selection.length, seats: props.call.seats })} {props.selection.map((id) => props.names.get(id) ?? id).join(', ')}
      </p>
      {form.error('body.candidateIds') && (
        <p class="error" role="alert">
          {form.error('body.candidateIds')}
        </p>
      )}
      <Field label="staff.committee.decision.reasons" name="body.reasons" hint="staff.committee.decision.reasonsHint" error={form.error('body.reasons')}>
        {(id, describedBy) => <textarea id={id} aria-describedby={describedBy} {...bindText(reasons, setReasons)} />}
      </Field>
      <details open={Object.keys(form.errors).some((name) => name.startsWith('body.candidateReasons'))}>
        <summary>{t('staff.committee.decision.perCandidate')}</summary>
        {props.candidates.map((candidate) => {
          const id = `reason-${candidate.candidateId}`;
          const error = form.error(`body.candidateReasons.${candidate.candidateId}`);
          const chosen = props.selection.includes(candidate.candidateId);
          return (
            <div class={`field${error ? ' invalid' : ''}`}>
              <label for={id}>{t(chosen ? 'staff.committee.decision.reasonSelected' : 'staff.committee.decision.reasonNotSelected', { name: candidate.name })}</label>
              <input
                id={id}
                aria-describedby={error ? `${id}-error` : undefined}
                {...bindText(perCandidate[candidate.candidateId] ?? '', (value) => setPerCandidate({ ...perCandidate, [candidate.candidateId]: value }))}
              />
              {error && (
                <p class="error" id={`${id}-error`} role="alert">
                  {error}
                </p>
              )}
            </div>
          );
        })}
      </details>
      {confirming ? (
        <div class="warning" ref={confirmation} tabIndex={-1}>
          <p>{t('staff.committee.decision.confirmText', { count: props.selection.length, others: props.candidates.length - props.selection.length })}</p>
          <div class="toolbar">
            <button type="submit" disabled={form.busy}>
              {t('staff.committee.decision.confirm')}
            </button>
            <button type="button" class="secondary" onClick={() => setConfirming(false)}>
              {t('staff.committee.decision.back')}
            </button>
          </div>
        </div>
      ) : (
        <button type="submit">{t('staff.committee.decision.record')}</button>
      )}
    </form>
  );
}
