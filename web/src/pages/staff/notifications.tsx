import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import * as z from 'zod';
import { notificationStates, Suppression, type Notification, type NotificationState, type RenderedMessage } from '#shared/email/schemas.ts';
import { bindText, Field, orNull, Summary, useForm } from '../../form.tsx';
import { formatInstant, t, type MessageKey } from '../../i18n.ts';
import { problemOf, staffCall } from '../../staff/session.ts';
import { StaffShell } from '../../staff/shell.tsx';
import { auditLink, PagedFooter, usePaged } from './audit.tsx';

// Failed first: the ones that need staff; then suppressed (retryable too), then the rest.
const tabOrder: NotificationState[] = ['failed', 'suppressed', 'pending', 'sending', 'sent'];
const stateName = (state: string) => t(`staff.notifications.state.${state}` as MessageKey);
const retryable = (notification: Notification) => notification.state === 'failed' || notification.state === 'suppressed';

/** PUT /suppressions/{email}: the address from the path, the detail from the body (shared/http/routes.ts, which the browser cannot import). */
const SuppressionRequest = z.object({ email: Suppression.shape.email, detail: z.string().trim().max(500).nullable() });

/** Every e-mail the system sends, one state at a time (failed first), and the suppression list. */
export function StaffNotifications(_props: { params?: Record<string, string> }) {
  return (
    <StaffShell>
      <Notifications />
    </StaffShell>
  );
}

// The calls start once someone is signed in: the shell mounts its children only then.
function Notifications() {
  const { query, route } = useLocation();
  const state = tabOrder.find((candidate) => candidate === query.state) ?? 'failed';
  const list = usePaged<Notification>(`/notifications?state=${state}&limit=50`);
  // Retrying or lifting a suppression changes what each tab holds.
  const [changes, setChanges] = useState(0);
  useEffect(() => {
    if (changes) list.reload();
  }, [changes]);

  return (
    <>
      <h1>{t('staff.notifications.title')}</h1>
      <div role="tablist" aria-label={t('staff.notifications.byState')} class="tabs">
        {tabOrder.map((candidate) => (
          <button type="button" role="tab" id={`tab-${candidate}`} aria-controls="notifications" aria-selected={candidate === state} onClick={() => route(`/staff/notifications?state=${candidate}`, true)}>
            {stateName(candidate)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="notifications" aria-labelledby={`tab-${state}`}>
        <div class="toolbar">
          <button type="button" class="secondary" onClick={list.reload}>
            {t('staff.common.refresh')}
          </button>
        </div>
        <table>
          <caption>{t('staff.notifications.caption', { state: stateName(state) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staff.notifications.recipient')}</th>
              <th scope="col">{t('staff.notifications.template')}</th>
              <th scope="col">{t('staff.notifications.state')}</th>
              <th scope="col">{t('staff.notifications.attempts')}</th>
              <th scope="col">{t('staff.notifications.lastError')}</th>
              <th scope="col">{t('staff.notifications.when')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((notification) => (
              <tr>
                <td>
                  <a href={`/staff/notifications/${notification.notificationId}`}>{notification.to.join(', ')}</a>
                </td>
                <td>{notification.template}</td>
                <td class="state">{stateName(notification.state)}</td>
                <td>{notification.attempts}</td>
                <td>{notification.lastError ?? ''}</td>
                <td>{formatInstant(notification.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <PagedFooter list={list} />
      </div>
      <Suppressions onChange={() => setChanges((count) => count + 1)} />
    </>
  );
}

function Suppressions(props: { onChange: () => void }) {
  const list = usePaged<Suppression>('/suppressions?limit=50');
  const form = useForm(SuppressionRequest, 'body');
  const [email, setEmail] = useState('');
  const [detail, setDetail] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const add = async (event: Event) => {
    event.preventDefault();
    setNotice(null);
    const added = await form.submit({ email: email.trim(), detail: orNull(detail) }, (parsed) => staffCall<Suppression>('PUT', `/suppressions/${encodeURIComponent(parsed.email)}`, { detail: parsed.detail }));
    if (!added) return;
    setEmail('');
    setDetail('');
    setNotice(t('staff.notifications.suppressed', { email: added.email }));
    list.reload();
  };

  const lift = async (address: string) => {
    setNotice(null);
    setProblem(null);
    try {
      await staffCall('DELETE', `/suppressions/${encodeURIComponent(address)}`);
      setNotice(t('staff.notifications.lifted', { email: address }));
      list.reload();
      props.onChange();
    } catch (error) {
      setProblem(problemOf(error, t('form.network')));
    }
  };

  // The API names fields of the path "params.email": shown beside the address too.
  const emailError = form.error('body.email') ?? form.error('params.email');
  return (
    <section aria-labelledby="suppressions">
      <h2 id="suppressions">{t('staff.notifications.suppressions')}</h2>
      <p>{t('staff.notifications.suppressionsIntro')}</p>
      <p role="status">{notice ?? ''}</p>
      {problem && <p role="alert">{problem}</p>}
      <form onSubmit={add} noValidate aria-labelledby="suppress">
        <h3 id="suppress">{t('staff.notifications.suppress')}</h3>
        <Summary message={form.summary} />
        <Field label="staff.notifications.address" name="body.email" error={emailError}>
          {(id, describedBy) => <input id={id} type="email" aria-describedby={describedBy} {...bindText(email, setEmail)} />}
        </Field>
        <Field label="staff.common.reason" name="body.detail" error={form.error('body.detail')}>
          {(id, describedBy) => <input id={id} aria-describedby={describedBy} {...bindText(detail, setDetail)} />}
        </Field>
        <button type="submit" disabled={form.busy}>
          {t('staff.notifications.suppressSubmit')}
        </button>
      </form>
      <table>
        <caption>{t('staff.notifications.suppressionsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('staff.notifications.address')}</th>
            <th scope="col">{t('staff.notifications.why')}</th>
            <th scope="col">{t('staff.common.reason')}</th>
            <th scope="col">{t('staff.notifications.since')}</th>
            <th scope="col">{t('staff.notifications.by')}</th>
            <th scope="col">{t('staff.notifications.action')}</th>
          </tr>
        </thead>
        <tbody>
          {list.items.map((suppression) => (
            <tr>
              <td>{suppression.email}</td>
              <td>{t(`staff.notifications.reason.${suppression.reason}`)}</td>
              <td>{suppression.detail ?? ''}</td>
              <td>{formatInstant(suppression.suppressedAt)}</td>
              <td>{suppression.suppressedBy}</td>
              <td>
                <button type="button" class="secondary" aria-label={t('staff.notifications.liftFor', { email: suppression.email })} onClick={() => lift(suppression.email)}>
                  {t('staff.notifications.lift')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <PagedFooter list={list} />
    </section>
  );
}

/** One e-mail: where it went, how sending went, the text as rendered, and Retry when it failed or was suppressed. */
export function StaffNotification(props: { params?: Record<string, string> }) {
  return (
    <StaffShell>
      <NotificationPage notificationId={props.params?.notificationId ?? ''} />
    </StaffShell>
  );
}

function NotificationPage({ notificationId }: { notificationId: string }) {
  const [shown, setShown] = useState<{ notification: Notification; rendered: RenderedMessage } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = () => staffCall<{ notification: Notification; rendered: RenderedMessage }>('GET', `/notifications/${encodeURIComponent(notificationId)}`).then(setShown, (error: unknown) => setProblem(problemOf(error, t('form.network'))));
  useEffect(() => {
    void load();
  }, [notificationId]);

  const retry = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const notification = await staffCall<Notification>('POST', `/notifications/${encodeURIComponent(notificationId)}/retry`);
      setShown((before) => before && { ...before, notification });
      setNotice(t('staff.notifications.requeued'));
    } catch (error) {
      setProblem(problemOf(error, t('form.network')));
    } finally {
      setBusy(false);
    }
  };

  if (!shown) {
    return (
      <>
        <h1>{t('staff.notifications.one')}</h1>
        {problem ? <p role="alert">{problem}</p> : <p aria-live="polite">{t('common.loading')}</p>}
      </>
    );
  }
  const { notification, rendered } = shown;
  return (
    <>
      <p>
        <a href={`/staff/notifications?state=${notification.state}`}>{t('staff.notifications.back')}</a>
      </p>
      <h1>{rendered.subject}</h1>
      <p role="status">{notice ?? ''}</p>
      {problem && <p role="alert">{problem}</p>}
      <div class="toolbar">
        {retryable(notification) && (
          <button type="button" disabled={busy} onClick={retry}>
            {t('staff.notifications.retry')}
          </button>
        )}
        <button
          type="button"
          class="secondary"
          onClick={() => {
            setNotice(null);
            void load();
          }}
        >
          {t('staff.common.refresh')}
        </button>
      </div>
      {notification.state === 'suppressed' && <p class="warning">{t('staff.notifications.liftFirst')}</p>}
      <dl>
        <dt>{t('staff.notifications.recipient')}</dt>
        <dd>{notification.to.join(', ')}</dd>
        <dt>{t('staff.notifications.template')}</dt>
        <dd>
          {notification.template} ({notification.language.toUpperCase()})
        </dd>
        <dt>{t('staff.notifications.state')}</dt>
        <dd class="state">{stateName(notification.state)}</dd>
        <dt>{t('staff.notifications.attempts')}</dt>
        <dd>{notification.attempts}</dd>
        {notification.lastError && (
          <>
            <dt>{t('staff.notifications.lastError')}</dt>
            <dd>{notification.lastError}</dd>
          </>
        )}
        {notification.suppressedRecipients.length > 0 && (
          <>
            <dt>{t('staff.notifications.suppressedRecipients')}</dt>
            <dd>{notification.suppressedRecipients.join(', ')}</dd>
          </>
        )}
        <dt>{t('staff.notifications.created')}</dt>
        <dd>{formatInstant(notification.createdAt)}</dd>
        <dt>{t('staff.notifications.when')}</dt>
        <dd>{formatInstant(notification.updatedAt)}</dd>
        {notification.sentAt && (
          <>
            <dt>{t('staff.notifications.sentAt')}</dt>
            <dd>{formatInstant(notification.sentAt)}</dd>
          </>
        )}
        {notification.state === 'pending' && (
          <>
            <dt>{t('staff.notifications.nextAttempt')}</dt>
            <dd>{formatInstant(notification.nextAttemptAt)}</dd>
          </>
        )}
      </dl>
      <h2>{t('staff.notifications.text')}</h2>
      <div class="prose">{rendered.text}</div>
      {rendered.attachments.length > 0 && (
        <>
          <h2>{t('staff.notifications.attachments')}</h2>
          <ul>
            {rendered.attachments.map((attachment) => (
              <li>
                {attachment.filename} ({attachment.contentType})
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <a href={auditLink('notification', notification.notificationId)}>{t('staff.common.auditTrail')}</a>
      </p>
    </>
  );
}
