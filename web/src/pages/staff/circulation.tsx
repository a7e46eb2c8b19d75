import { useEffect, useRef, useState } from 'preact/hooks';
import type * as z from 'zod';
import { AnswerBody, CirculateBody, ExtendDeadlineBody, defaultNonObjectionDays, type Circulation, type CirculationDetail, type InformationRequest, type ObjectionsView } from '#shared/circulations/schemas.ts';
import { bindText, Field, Summary, useForm } from '../../form.tsx';
import { formatInstant, formatTime, t, type MessageKey } from '../../i18n.ts';
import { AuditLink } from '../../staff/audit.tsx';
import { Loading, Problem, Status } from '../../staff/notice.tsx';
import { download, problemOf, staffCall } from '../../staff/session.ts';
import { StaffShell } from '../../staff/shell.tsx';
import { Row, Table } from '../../staff/table.tsx';
import { applicationState, circulationState, DeadlineForm, genderName, groupName, stageName, typeName } from './accreditation-shared.tsx';

type Detail = z.infer<typeof CirculationDetail>;
type Objections = z.infer<typeof ObjectionsView>;

/** How often an open list's objections are fetched again. */
const pollMs = 5000;

/** /staff/circulations/:circulationId: a list, circulated or extended or discarded here, with the objections and requests as they arrive, its notices and exports. */
export function StaffCirculation(props: { params?: Record<string, string> }) {
  const path = `/circulations/${encodeURIComponent(props.params?.circulationId ?? '')}`;
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
      setProblem(problemOf(error));
    }
  };
  useEffect(() => void load(), [path]);
  const open = detail?.circulation.state === 'circulated' || detail?.circulation.state === 'closing';
  useEffect(() => {
    if (!open) return undefined;
    const timer = setInterval(() => void load(), pollMs);
    return () => clearInterval(timer);
  }, [open, path]);

  if (!detail) {
    return (
      <StaffShell>
        <Loading problem={problem} />
      </StaffShell>
    );
  }
  const { circulation, entries, notices } = detail;
  const stateNames = new Map((objections?.byMemberState ?? []).map((state) => [state.memberState, state.name]));
  const names = new Map(entries.map((entry) => [entry.applicationId, entry.name]));
  const standing = new Map((objections?.byApplicant ?? []).map((applicant) => [applicant.applicationId, applicant.standing.length]));
  const done = (message: string) => async () => {
    setNotice(message);
    await load();
  };

  return (
    <StaffShell>
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
      {notice && <Status>{notice}</Status>}
      <Problem message={problem} />

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
              onClick={() => staffCall('DELETE', path).then(done(t('staff.accreditation.discarded')), (error: unknown) => setProblem(problemOf(error)))}
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

      <Table
        caption={t('staff.accreditation.namesOnList', { count: entries.length })}
        columns={[t('staff.accreditation.organisation'), t('staff.accreditation.country'), t('staff.accreditation.type'), t('staff.accreditation.gender'), t('staff.accreditation.standing'), t('staff.accreditation.outcome')]}
        count={entries.length}
      >
        {entries.map((entry) => (
          <Row
            cells={[
              entry.name,
              `${entry.country} (${groupName(entry.regionalGroup)})`,
              typeName(entry.organisationType),
              genderName(entry.representativeGender),
              entry.standingObjections ?? standing.get(entry.applicationId) ?? 0,
              <span class="state">{entry.outcome ? applicationState(entry.outcome) : t('staff.accreditation.pending')}</span>,
            ]}
          />
        ))}
      </Table>

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
    </StaffShell>
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
  const objected = byApplicant.filter((applicant) => applicant.standing.length + applicant.withdrawn.length > 0);
  return (
    <>
      <Table caption={t('staff.accreditation.byApplicant')} columns={[t('staff.accreditation.organisation'), t('staff.accreditation.standingStates'), t('staff.accreditation.withdrawnStates')]} count={objected.length}>
        {objected.map((applicant) => (
          <Row cells={[applicant.name, states(applicant.standing), states(applicant.withdrawn)]} />
        ))}
      </Table>
      <Table caption={t('staff.accreditation.byMemberState')} columns={[t('staff.accreditation.memberState'), t('staff.accreditation.standingNames'), t('staff.accreditation.withdrawnNames')]} count={byMemberState.length}>
        {byMemberState.map((state) => (
          <Row cells={[state.name, applicants(state.standing), applicants(state.withdrawn)]} />
        ))}
      </Table>
      <Table caption={t('staff.accreditation.events')} columns={[t('staff.accreditation.when'), t('staff.accreditation.memberState'), t('staff.accreditation.event'), t('staff.accreditation.names'), t('staff.accreditation.basis')]} count={events.length}>
        {events.map((event) => (
          <Row cells={[formatInstant(event.at), event.memberStateName, t(`staff.accreditation.eventKind.${event.event}` as MessageKey), applicants(event.applicationIds), event.basis ?? '—']} />
        ))}
      </Table>
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
      <Table caption={t('staff.accreditation.noticesCaption')} columns={[t('staff.accreditation.noticeKind'), t('staff.accreditation.when'), t('staff.accreditation.progress'), t('staff.accreditation.withoutAddress')]} count={props.notices.length}>
        {props.notices.map((notice) => (
          <Row
            cells={[
              t(`staff.accreditation.noticeKindName.${notice.kind}` as MessageKey),
              formatInstant(notice.createdAt),
              t(notice.state === 'done' ? 'staff.accreditation.noticesDone' : 'staff.accreditation.noticesPending', { states: notice.memberStatesNotified, messages: notice.notifications }),
              notice.withoutAddress.length > 0 ? <span class="warning">{notice.withoutAddress.join(', ')}</span> : t('staff.accreditation.everyState'),
            ]}
          />
        ))}
      </Table>
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
                download(`/circulations/${props.circulation.circulationId}/list?version=${version}&format=${format}`, `${props.circulation.circulationId}-${version}.${format}`).catch((error: unknown) => props.onProblem(problemOf(error)))
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
