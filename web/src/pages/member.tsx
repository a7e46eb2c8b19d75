import { useEffect, useRef, useState } from 'preact/hooks';
import type * as z from 'zod';
import { RecommendBody, type MemberPage as MemberPageSchema, type SpeakingCandidate as SpeakingCandidateSchema } from '#shared/steering-committee/schemas.ts';
import { ApiError, call, tokenFromLink } from '../api.ts';
import { bindText, Field, Summary, useForm } from '../form.tsx';
import { formatDate, formatInstant, t, type MessageKey } from '../i18n.ts';
import '../staff/member-messages.ts';
import { Loading, Notice, Problem, type Outcome } from '../staff/notice.tsx';
import { Table } from '../staff/table.tsx';
import { problemOf } from '../linked.tsx';

type Page = z.infer<typeof MemberPageSchema>;
type Meeting = Page['meetings'][number];
type SpeakingCandidate = z.infer<typeof SpeakingCandidateSchema>;

const datesOf = (dates: unknown) => {
  const { start, end } = (dates ?? {}) as { start?: string; end?: string };
  if (!start || !end) return t('meetings.tba');
  return start === end ? formatDate(start) : `${formatDate(start)} – ${formatDate(end)}`;
};
/** Past meetings are kept out of the way: a member recommends for what is to come. */
const isPast = (dates: unknown) => {
  const end = (dates as { end?: string } | null)?.end;
  return end !== undefined && end < new Date().toISOString().slice(0, 10);
};

/**
 * A member of the steering committee's page, opened from the link in their appointment e-mail: the
 * meetings with speaking slots, who asked to speak at each, and the member's recommendations.
 */
export function MemberPage(props: { params?: { memberId: string } }) {
  const memberId = props.params?.memberId ?? '';
  const token = tokenFromLink();
  const base = `/steering-committee/members/${encodeURIComponent(memberId)}`;
  const [page, setPage] = useState<Page | null>(null);
  const [linkProblem, setLinkProblem] = useState<string | null>(token ? null : t('staff.committee.member.noToken'));
  const [meeting, setMeeting] = useState<Meeting | null>(null);
  const [speakers, setSpeakers] = useState<SpeakingCandidate[] | null>(null);
  const [recommending, setRecommending] = useState<SpeakingCandidate | null>(null);
  const [notice, setNotice] = useState<Outcome>(null);
  const [showPast, setShowPast] = useState(false);

  /** An expired or refused link ends the page; any other problem is shown beside it. */
  const failed = (error: unknown) => {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) setLinkProblem(t('staff.committee.member.expired'));
    else setNotice({ text: problemOf(error), problem: true });
  };
  const send = <T,>(method: string, path: string, body?: unknown) => call<T>(method, `${base}${path}`, { token, ...(body !== undefined ? { body } : {}) });
  const loadPage = () => send<Page>('GET', '').then(setPage, failed);
  const loadSpeakers = (chosen: Meeting) =>
    send<{ items: SpeakingCandidate[] }>('GET', `/meetings/${encodeURIComponent(chosen.meetingId)}/speaking-candidates`).then((list) => setSpeakers(list.items), failed);
  useEffect(() => {
    if (token) void loadPage();
  }, [memberId]);

  if (linkProblem) return <Problem message={linkProblem} />;
  if (!page) return <Loading />;

  const withdraw = async (speaker: SpeakingCandidate) => {
    try {
      await send('DELETE', `/meetings/${encodeURIComponent(meeting!.meetingId)}/recommendations/${encodeURIComponent(speaker.speakerId)}`);
      setNotice({ text: t('staff.committee.member.withdrawn', { name: speaker.name }), problem: false });
      await Promise.all([loadSpeakers(meeting!), loadPage()]);
    } catch (error) {
      failed(error);
    }
  };

  const past = page.meetings.filter((entry) => isPast(entry.dates)).length;
  const shown = page.meetings.filter((entry) => showPast || !isPast(entry.dates));

  return (
    <section>
      <h1>{t('staff.committee.member.title', { name: page.member.name })}</h1>
      <p>{t('staff.committee.member.since', { organisation: page.member.organisation, since: formatInstant(page.member.since) })}</p>
      <p>{t('staff.committee.member.intro')}</p>
      {!meeting && <Notice notice={notice} />}
      <h2>{t('staff.committee.member.meetings')}</h2>
      {past > 0 && (
        <button type="button" class="secondary" aria-pressed={showPast} onClick={() => setShowPast(!showPast)}>
          {t('staff.committee.member.showPast', { count: past })}
        </button>
      )}
      {shown.length === 0 ? (
        <p>{t('staff.committee.member.noMeetings')}</p>
      ) : (
        <Table
          caption={t('staff.committee.member.meetingsCaption', { count: shown.length })}
          columns={[t('staff.committee.member.meeting'), t('staff.committee.member.dates'), t('staff.committee.member.askedToSpeak'), t('staff.committee.member.yourRecommendations'), t('staff.committee.member.actions')]}
        >
          {shown.map((entry) => (
            <tr aria-current={entry.meetingId === meeting?.meetingId ? 'true' : undefined}>
              <td>{entry.title}</td>
              <td>{datesOf(entry.dates)}</td>
              <td>{entry.speakingCandidates}</td>
              <td>{entry.recommendedByYou}</td>
              <td>
                <button
                  type="button"
                  class="secondary"
                  aria-label={t('staff.committee.member.showFor', { title: entry.title })}
                  disabled={entry.speakingCandidates === 0}
                  onClick={() => {
                    setMeeting(entry);
                    setSpeakers(null);
                    setRecommending(null);
                    setNotice(null);
                    void loadSpeakers(entry);
                  }}
                >
                  {t('staff.committee.member.show')}
                </button>
              </td>
            </tr>
          ))}
        </Table>
      )}
      {meeting && (
        <>
          <h2>{t('staff.committee.member.speakersAt', { title: meeting.title })}</h2>
          <Notice notice={notice} />
          {speakers === null ? (
            <Loading />
          ) : (
            <Table
              caption={t('staff.committee.member.speakersCaption', { count: speakers.length })}
              columns={[
                t('common.name'),
                t('staff.committee.organisation'),
                t('staff.committee.member.category'),
                t('staff.committee.member.country'),
                t('staff.committee.member.topic'),
                t('staff.committee.member.yourRecommendation'),
              ]}
            >
              {speakers.map((speaker) => (
                <tr>
                  <td>{speaker.name}</td>
                  <td>{speaker.organisationName}</td>
                  <td>{t(`staff.committee.member.category.${speaker.category}` as MessageKey)}</td>
                  <td>{speaker.country}</td>
                  <td>{speaker.topic ?? '–'}</td>
                  <td>
                    {speaker.recommendedByYou && <p>{t('staff.committee.member.recommended', { reason: speaker.reason ?? '' })}</p>}
                    <div class="toolbar">
                      <button type="button" class="secondary" aria-label={t(speaker.recommendedByYou ? 'staff.committee.member.changeName' : 'staff.committee.member.recommendName', { name: speaker.name })} onClick={() => setRecommending(speaker)}>
                        {t(speaker.recommendedByYou ? 'staff.committee.member.change' : 'staff.committee.member.recommend')}
                      </button>
                      {speaker.recommendedByYou && (
                        <button type="button" class="secondary" aria-label={t('staff.committee.member.withdrawName', { name: speaker.name })} onClick={() => void withdraw(speaker)}>
                          {t('staff.committee.member.withdraw')}
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </Table>
          )}
          {recommending && (
            <RecommendForm
              speaker={recommending}
              send={(body) => send<{ reason: string }>('PUT', `/meetings/${encodeURIComponent(meeting.meetingId)}/recommendations/${encodeURIComponent(recommending.speakerId)}`, body)}
              onDone={async (saved) => {
                setRecommending(null);
                if (!saved) return;
                setNotice({ text: t('staff.committee.member.saved', { name: recommending.name }), problem: false });
                await Promise.all([loadSpeakers(meeting), loadPage()]);
              }}
            />
          )}
        </>
      )}
    </section>
  );
}

function RecommendForm(props: { speaker: SpeakingCandidate; send: (body: z.output<typeof RecommendBody>) => Promise<unknown>; onDone: (saved: boolean) => void }) {
  const form = useForm(RecommendBody);
  const [reason, setReason] = useState(props.speaker.reason ?? '');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [props.speaker.speakerId]);
  return (
    <form
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const saved = await form.submit({ reason }, props.send);
        if (saved) props.onDone(true);
      }}
    >
      <h3 ref={heading} tabIndex={-1}>
        {t('staff.committee.member.recommendName', { name: props.speaker.name })}
      </h3>
      <Summary message={form.summary} />
      <Field label="staff.committee.member.reason" name="body.reason" hint="staff.committee.member.reasonHint" error={form.error('body.reason')}>
        {(id, describedBy) => <textarea id={id} aria-describedby={describedBy} {...bindText(reason, setReason)} />}
      </Field>
      <div class="toolbar">
        <button type="submit" disabled={form.busy}>
          {t('staff.committee.member.recommend')}
        </button>
        <button type="button" class="secondary" onClick={() => props.onDone(false)}>
          {t('staff.committee.cancel')}
        </button>
      </div>
    </form>
  );
}
