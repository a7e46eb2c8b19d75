import { useLayoutEffect, useState } from 'preact/hooks';
import { PublishSpeakers, type Speaker, type SpeakersList } from '#shared/registrations/speakers-schemas.ts';
import type { StaffSpeakingCandidate } from '#shared/steering-committee/schemas.ts';
import type * as z from 'zod';
import { Summary, useForm } from '../../form.tsx';
import { formatInstant, t } from '../../i18n.ts';
import { Loading, Problem, Status } from '../../staff/notice.tsx';
import { useResource } from '../../staff/resource.ts';
import { problemOf, staffCall } from '../../staff/session.ts';
import { StaffShell } from '../../staff/shell.tsx';
import { Table } from '../../staff/table.tsx';
import { label, MeetingHeader, type Params } from './meeting-header.tsx';

type Candidate = z.infer<typeof StaffSpeakingCandidate>;

/** /staff/meetings/:meetingId/speakers: candidates with the committee's recommendations, the shortlist, the final order and its publication. */
export function MeetingSpeakers(props: Params) {
  const meetingId = props.params?.meetingId ?? '';
  const base = `/meetings/${meetingId}`;
  const candidates = useResource<{ items: Candidate[] }>(`${base}/speaking-candidates`);
  const shortlist = useResource<{ items: Speaker[] }>(`${base}/speakers/shortlist`);
  const published = useResource<SpeakersList>(`${base}/speakers`);
  const changed = () => {
    void candidates.reload();
    void shortlist.reload();
  };
  return (
    <StaffShell>
      <MeetingHeader meetingId={meetingId} heading="staff.meetings.speakers.title" />
      <section aria-labelledby="candidates">
        <h2 id="candidates">{t('staff.meetings.candidates.heading')}</h2>
        <p>{t('staff.meetings.candidates.intro')}</p>
        {candidates.value ? <Candidates meetingId={meetingId} candidates={candidates.value.items} onChange={changed} /> : <Loading problem={candidates.problem} />}
      </section>
      <section aria-labelledby="shortlist">
        <h2 id="shortlist">{t('staff.meetings.shortlist.heading')}</h2>
        {shortlist.value && published.value ? (
          <FinalOrder meetingId={meetingId} shortlist={shortlist.value.items} published={published.value} onChange={changed} onPublished={() => void published.reload()} />
        ) : (
          <Loading problem={shortlist.problem ?? published.problem} />
        )}
      </section>
      <section aria-labelledby="published">
        <h2 id="published">{t('staff.meetings.published.heading')}</h2>
        {published.value ? <Published list={published.value} /> : <Loading problem={published.problem} />}
      </section>
    </StaffShell>
  );
}

function Candidates(props: { meetingId: string; candidates: Candidate[]; onChange: () => void }) {
  const [refusals, setRefusals] = useState<Record<string, string>>({});
  const shortlist = async (candidate: Candidate) => {
    try {
      await staffCall('POST', `/meetings/${props.meetingId}/speakers/shortlist`, { registrationId: candidate.registrationId, email: candidate.email });
      setRefusals({ ...refusals, [candidate.speakerId]: '' });
    } catch (error) {
      setRefusals({ ...refusals, [candidate.speakerId]: problemOf(error) });
    }
    props.onChange(); // after a refusal too: the page may have been out of date
  };
  return (
    <Table
      caption={t('staff.meetings.candidates.caption', { count: props.candidates.length })}
      columns={[t('common.name'), t('staff.meetings.organisation'), t('staff.meetings.topic'), t('staff.meetings.state'), t('staff.meetings.recommendations'), t('staff.meetings.shortlist.action')]}
      count={props.candidates.length}
    >
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
    </Table>
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
      setRefusal(problemOf(error));
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
      <Table caption={t('staff.meetings.shortlist.caption')} columns={[t('staff.meetings.position'), t('common.name'), t('staff.meetings.organisation'), t('staff.meetings.topic'), t('staff.meetings.shortlist.order')]}>
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
      </Table>
      <Status>{moved?.message}</Status>
      <p>
        <button type="submit" disabled={form.busy}>
          {t('staff.meetings.published.publish')}
        </button>
      </p>
      <Status>{notice}</Status>
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
