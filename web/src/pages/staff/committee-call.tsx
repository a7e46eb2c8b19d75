import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type * as z from 'zod';
import { DecisionBody, ReviewBody, type Call, type Composition, type DecisionResult, type ReviewedCandidate, type Selection, type Slate } from '#shared/steering-committee/schemas.ts';
import { bindText, Field, Summary, useForm } from '../../form.tsx';
import { formatInstant, formatPercent, t, type MessageKey } from '../../i18n.ts';
import { AuditLink } from '../../staff/audit.tsx';
import { useFocusOnShow } from '../../staff/focus.ts';
import { Loading, Notice, Problem, type Outcome } from '../../staff/notice.tsx';
import { problemOf, staffCall, staffMember } from '../../staff/session.ts';
import { StaffShell } from '../../staff/shell.tsx';
import { Table } from '../../staff/table.tsx';
import { callsPath, callState, groupName, ProfileCell } from './committee-shared.tsx';

type CompositionView = z.infer<typeof Composition>;
type SelectionView = z.infer<typeof Selection>;
type SlateView = z.infer<typeof Slate>;

const percent = (share: number) => formatPercent(share);

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
  const [notice, setNotice] = useState<Outcome>(null);
  // Only the answer to the latest change of the selection is shown, whatever order the answers arrive in.
  const selectionChange = useRef(0);
  const fail = (error: unknown) => setNotice({ text: problemOf(error), problem: true });

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
  useEffect(() => void load(), [callId]);

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
        {notice ? <Notice notice={notice} /> : <Loading />}
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
        <AuditLink entity="committee-call" id={call.callId} />
      </div>
      <Notice notice={notice} />
      {!open && (
        <div class="confirmation">
          <h2>{t('staff.committee.decision.recorded')}</h2>
          <p class="prose">{decisionReasons ?? t('staff.committee.decision.reasonsInTrail')}</p>
        </div>
      )}

      <h2>{t(open ? 'staff.committee.candidatesAndSelection' : 'staff.committee.candidates')}</h2>
      <div class="split">
        <div class="split-main">
          <Table
            caption={t('staff.committee.candidatesCaption', { count: candidates.length })}
            columns={[
              ...(open ? [t('staff.committee.inSelection')] : []),
              t('staff.committee.candidate'),
              t('staff.committee.profile'),
              t('staff.committee.reviews'),
              t('staff.committee.mean'),
              t(open ? 'staff.committee.yourScore' : 'staff.committee.decision'),
            ]}
          >
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
          </Table>
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
        <aside class="split-side" aria-labelledby="composition-heading">
          <h3 id="composition-heading">{t(open ? 'staff.committee.composition' : 'staff.committee.decidedComposition')}</h3>
          <CompositionPanel composition={selection.composition} live />
          {open && selection.updatedAt && <p class="hint">{t('staff.committee.selectionSaved', { by: selection.updatedBy ?? '', at: formatInstant(selection.updatedAt) })}</p>}
        </aside>
      </div>

      {open && slate && (
        <>
          <h2>{t('staff.committee.slate')}</h2>
          <p>{t('staff.committee.slateIntro')}</p>
          <div class="columns">
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
    <section>
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
      <Problem message={form.error('body.candidateIds')} />
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
