import { useEffect, useState } from 'preact/hooks';
import { constituencies, type Constituency } from '#shared/steering-committee/slate.ts';
import { CreateCallBody, type Call, type Member } from '#shared/steering-committee/schemas.ts';
import { bindText, Field, Summary, useForm } from '../../form.tsx';
import { formatInstant, t, type MessageKey } from '../../i18n.ts';
import { Loading, Notice, Problem, type Outcome } from '../../staff/notice.tsx';
import { problemOf, staffCall } from '../../staff/session.ts';
import { StaffShell } from '../../staff/shell.tsx';
import { Table } from '../../staff/table.tsx';
import { callsPath, callState, ProfileCell } from './committee-shared.tsx';

/** The calls for membership, the form to open one, and the members appointed so far. */
export function StaffCommittee(_props: { params?: Record<string, string> }) {
  const [calls, setCalls] = useState<Call[] | null>(null);
  const [members, setMembers] = useState<Member[] | null>(null);
  const [notice, setNotice] = useState<Outcome>(null);
  const load = async () => {
    try {
      const [callList, memberList] = await Promise.all([staffCall<{ items: Call[] }>('GET', `${callsPath}?includeClosed=true`), staffCall<{ items: Member[] }>('GET', '/steering-committee/members')]);
      setCalls(callList.items);
      setMembers(memberList.items);
    } catch (error) {
      setNotice({ text: problemOf(error), problem: true });
    }
  };
  useEffect(() => void load(), []);

  return (
    <StaffShell>
      <h1>{t('staff.nav.committee')}</h1>
      <div class="toolbar">
        <button type="button" class="secondary" onClick={() => void load()}>
          {t('staff.common.refresh')}
        </button>
      </div>
      <Notice notice={notice} />
      <h2>{t('staff.committee.calls')}</h2>
      {calls === null ? (
        <Loading />
      ) : (
        <Table
          caption={t('staff.committee.callsCaption', { count: calls.length })}
          columns={[t('staff.committee.callTitle'), t('staff.committee.state'), t('staff.committee.seats'), t('staff.committee.deadline'), t('staff.committee.applications')]}
        >
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
        </Table>
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
          <Table caption={t('staff.committee.membersCaption', { count: members.length })} columns={[t('common.name'), t('staff.committee.organisation'), t('staff.committee.profile'), t('staff.committee.since')]}>
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
          </Table>
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
        <Problem message={soughtError} />
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
