import { useEffect, useState } from 'preact/hooks';
import { InformationRequestBody, ObjectBody } from '#shared/circulations/schemas.ts';
import { call, tokenFromLink } from '../api.ts';
import { Field, Summary, useForm } from '../form.tsx';
import { formatInstant, t } from '../i18n.ts';
import { problemOf } from '../linked.tsx';

interface Ballot {
  circulationId: string;
  title: string;
  deadline: string;
  memberState: { code: string; name: string };
  applicants: { applicationId: string; name: string; country: string; organisationType: string; objectedByYou: boolean }[];
  objections: { applicationId: string; state: 'standing' | 'withdrawn'; objectedAt: string; withdrawnAt: string | null }[];
  informationRequests: { requestId: string; question: string | null; state: string; askedAt: string; answer: string | null }[];
}

/** A Member State's ballot, opened from the link in the non-objection note: the deadline always in view. */
export function BallotPage(props: { params?: { circulationId: string } }) {
  const circulationId = props.params?.circulationId ?? '';
  const token = tokenFromLink();
  const path = `/circulations/${encodeURIComponent(circulationId)}`;
  const [ballot, setBallot] = useState<Ballot | null>(null);
  const [problem, setProblem] = useState<string | null>(token ? null : t('ballot.noToken'));
  const [notice, setNotice] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [basis, setBasis] = useState('');
  const [question, setQuestion] = useState('');
  const objectForm = useForm(ObjectBody);
  const requestForm = useForm(InformationRequestBody);

  const load = () =>
    call<Ballot>('GET', `${path}/ballot`, { token }).then(setBallot, (error: unknown) => setProblem(problemOf(error)));
  useEffect(() => {
    if (token) void load();
  }, [circulationId]);

  if (problem) return <p role="alert">{problem}</p>;
  if (!ballot) return <p aria-live="polite">{t('common.loading')}</p>;
  const closed = new Date(ballot.deadline).getTime() < Date.now();
  const names = new Map(ballot.applicants.map((applicant) => [applicant.applicationId, applicant.name]));

  return (
    <section>
      <p class="deadline" role="note">
        {t(closed ? 'ballot.closed' : 'ballot.deadline', { deadline: formatInstant(ballot.deadline) })}
      </p>
      <h1>{ballot.title}</h1>
      <p>{t('ballot.for', { state: ballot.memberState.name })}</p>
      <p>{t('ballot.silence')}</p>
      {notice && <p role="status">{notice}</p>}
      <form
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          const result = await objectForm.submit({ applicationIds: chosen, basis: basis.trim() ? basis : null }, (body) => call<{ recorded: string[] }>('POST', `${path}/objections`, { token, body }));
          if (result) {
            setNotice(t('ballot.recorded', { count: result.recorded.length }));
            setChosen([]);
            setBasis('');
            await load();
          }
        }}
      >
        <Summary message={objectForm.summary} />
        <table>
          <caption>{t('ballot.list', { count: ballot.applicants.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ballot.object')}</th>
              <th scope="col">{t('ballot.organisation')}</th>
              <th scope="col">{t('ballot.country')}</th>
              <th scope="col">{t('ballot.yourObjection')}</th>
            </tr>
          </thead>
          <tbody>
            {ballot.applicants.map((applicant) => (
              <tr>
                <td>
                  {!applicant.objectedByYou && (
                    <input
                      type="checkbox"
                      aria-label={t('ballot.objectTo', { name: applicant.name })}
                      checked={chosen.includes(applicant.applicationId)}
                      disabled={closed}
                      onChange={(event) => setChosen((event.currentTarget as HTMLInputElement).checked ? [...chosen, applicant.applicationId] : chosen.filter((id) => id !== applicant.applicationId))}
                    />
                  )}
                </td>
                <td>{applicant.name}</td>
                <td>{applicant.country}</td>
                <td>
                  {applicant.objectedByYou && (
                    <button
                      type="button"
                      class="secondary"
                      disabled={closed}
                      onClick={async () => {
                        try {
                          await call('DELETE', `${path}/objections/${applicant.applicationId}`, { token });
                          setNotice(t('ballot.withdrawn', { name: applicant.name }));
                          await load();
                        } catch (error) {
                          setNotice(problemOf(error));
                        }
                      }}
                    >
                      {t('ballot.withdraw', { name: applicant.name })}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {objectForm.error('body.applicationIds') && <p class="error">{objectForm.error('body.applicationIds')}</p>}
        <Field label="ballot.basis" name="body.basis" hint="ballot.basisHint" error={objectForm.error('body.basis')}>
          {(id, describedBy) => <textarea id={id} aria-describedby={describedBy} value={basis} disabled={closed} onInput={(event) => setBasis((event.currentTarget as HTMLTextAreaElement).value)} />}
        </Field>
        <button type="submit" disabled={closed || objectForm.busy}>
          {t('ballot.submit')}
        </button>
      </form>
      <h2>{t('ballot.requestTitle')}</h2>
      <form
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          const result = await requestForm.submit({ question: question.trim() ? question : null }, (body) => call('POST', `${path}/information-requests`, { token, body }));
          if (result) {
            setNotice(t('ballot.requested'));
            setQuestion('');
            await load();
          }
        }}
      >
        <Summary message={requestForm.summary} />
        <Field label="ballot.question" name="body.question" error={requestForm.error('body.question')}>
          {(id, describedBy) => <textarea id={id} aria-describedby={describedBy} value={question} disabled={closed} onInput={(event) => setQuestion((event.currentTarget as HTMLTextAreaElement).value)} />}
        </Field>
        <button type="submit" class="secondary" disabled={closed || requestForm.busy}>
          {t('ballot.request')}
        </button>
      </form>
      {ballot.informationRequests.length > 0 && (
        <ul>
          {ballot.informationRequests.map((request) => (
            <li>
              {formatInstant(request.askedAt)}: {request.question ?? t('ballot.noQuestion')} · {t(request.state === 'answered' ? 'ballot.answered' : 'ballot.open')}
            </li>
          ))}
        </ul>
      )}
      {ballot.objections.some((objection) => objection.state === 'withdrawn') && (
        <p>
          {t('ballot.withdrawnList')} {ballot.objections.filter((objection) => objection.state === 'withdrawn').map((objection) => names.get(objection.applicationId)).join(', ')}
        </p>
      )}
    </section>
  );
}
