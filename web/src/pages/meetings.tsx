import { useEffect, useState } from 'preact/hooks';
import { call } from '../api.ts';
import { formatDate, t, type MessageKey } from '../i18n.ts';

export interface Meeting {
  meetingId: string;
  kind: string;
  title: string;
  venue: string | null;
  city: string | null;
  dates: { start: string; end: string } | null;
  expectedPeriod?: string | null;
  timeZone: string;
  registration: { opensAt: string; closesAt: string } | null;
  hasSpeakingSlots: boolean;
  representativesPerOrganisation: number;
  eligibleCategories: string[];
}

const tabs = [
  { id: 'open', label: 'meetings.tab.open', query: 'registrationOpen=true' },
  { id: 'upcoming', label: 'meetings.tab.upcoming', query: 'upcoming=true' },
  { id: 'past', label: 'meetings.tab.past', query: 'upcoming=false' },
] as const satisfies readonly { id: string; label: MessageKey; query: string }[];

export const when = (meeting: Meeting) => (meeting.dates ? (meeting.dates.start === meeting.dates.end ? formatDate(meeting.dates.start) : `${formatDate(meeting.dates.start)} – ${formatDate(meeting.dates.end)}`) : t('meetings.tba'));

/** The meetings, as tabs: registration open now, upcoming, past. */
export function Meetings() {
  const [tab, setTab] = useState<(typeof tabs)[number]['id']>(() => (new URLSearchParams(location.search).get('show') as 'open' | 'upcoming' | 'past' | null) ?? 'open');
  const [meetings, setMeetings] = useState<Meeting[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const chosen = tabs.find((candidate) => candidate.id === tab)!;
    setMeetings(null);
    setFailed(false);
    call<{ items: Meeting[] }>('GET', `/meetings?${chosen.query}&limit=100`).then(
      (page) => setMeetings(page.items),
      () => setFailed(true),
    );
  }, [tab]);

  return (
    <section>
      <h1>{t('meetings.title')}</h1>
      <div role="tablist" aria-label={t('meetings.title')} class="tabs">
        {tabs.map((candidate) => (
          <button type="button" role="tab" aria-selected={tab === candidate.id} onClick={() => setTab(candidate.id)}>
            {t(candidate.label)}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {failed && <p role="alert">{t('form.network')}</p>}
        {!failed && meetings === null && <p aria-live="polite">{t('common.loading')}</p>}
        {meetings?.length === 0 && <p>{t('meetings.none')}</p>}
        <ul class="cards">
          {meetings?.map((meeting) => (
            <li>
              <h2>
                <a href={`/meetings/${meeting.meetingId}`}>{meeting.title}</a>
              </h2>
              <p>
                {when(meeting)}
                {meeting.city ? ` · ${meeting.city}` : ''}
              </p>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
