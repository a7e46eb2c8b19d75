import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import * as z from 'zod';
import { withheld } from '#shared/auth/link-tokens.ts';
import { RevokeLinksBody, Suppression, type Notification, type NotificationState, type RenderedMessage } from '#shared/email/schemas.ts';
import { bindText, Field, orNull, Summary, useForm } from '../../form.tsx';
import { formatInstant, t, type MessageKey } from '../../i18n.ts';
import { AuditLink } from '../../staff/audit.tsx';
import { useFocusOnShow } from '../../staff/focus.ts';
import { Loading, Problem, Status } from '../../staff/notice.tsx';
import { PagedFooter, usePaged } from '../../staff/paging.tsx';
import { useResource } from '../../staff/resource.ts';
import { problemOf, staffCall, staffMember } from '../../staff/session.ts';
import { StaffShell } from '../../staff/shell.tsx';
import { Table } from '../../staff/table.tsx';

// Failed first: the ones that need staff; then suppressed (retryable too), then the rest.
const tabOrder: NotificationState[] = ['failed', 'suppressed', 'pending', 'sending', 'sent'];
const stateName = (state: string) => t(`staff.notifications.state.${state}` as MessageKey);
const retryable = (notification: Notification) => notification.state === 'failed' || notification.state === 'suppressed';

/** PUT /suppressions/{email}: the address from the path, the detail from the body (shared/http/routes.ts, which the browser cannot import). */
const SuppressionRequest = z.object({ email: Suppression.shape.email, detail: z.string().trim().max(500).nullable() });

/** Every e-mail the system sends, one state at a time (failed first), and the suppression list. */
export function StaffNotifications(_props: { params?: Record<string, string> }) {
  const { query, route } = useLocation();
  const state = tabOrder.find((candidate) => candidate === query.state) ?? 'failed';
  const list = usePaged<Notification>(`/notifications?state=${state}&limit=50`);

  return (
    <StaffShell>
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
        <Table
          caption={t('staff.notifications.caption', { state: stateName(state) })}
          columns={[t('staff.notifications.recipient'), t('staff.notifications.template'), t('staff.notifications.state'), t('staff.notifications.attempts'), t('staff.notifications.lastError'), t('staff.notifications.when')]}
        >
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
        </Table>
        <PagedFooter list={list} />
      </div>
      {/* Lifting a suppression changes what each tab holds. */}
      <Suppressions onChange={list.reload} />
    </StaffShell>
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
      setProblem(problemOf(error));
    }
  };

  // The API names fields of the path "params.email": shown beside the address too.
  const emailError = form.error('body.email') ?? form.error('params.email');
  return (
    <section aria-labelledby="suppressions">
      <h2 id="suppressions">{t('staff.notifications.suppressions')}</h2>
      <p>{t('staff.notifications.suppressionsIntro')}</p>
      <Status>{notice}</Status>
      <Problem message={problem} />
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
      <Table
        caption={t('staff.notifications.suppressionsCaption')}
        columns={[t('staff.notifications.address'), t('staff.notifications.why'), t('staff.common.reason'), t('staff.notifications.since'), t('staff.notifications.by'), t('staff.notifications.action')]}
      >
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
      </Table>
      <PagedFooter list={list} />
    </section>
  );
}

/** One e-mail: where it went, how sending went, the text as rendered, and Retry when it failed or was suppressed. */
export function StaffNotification(props: { params?: Record<string, string> }) {
  const notificationId = props.params?.notificationId ?? '';
  const shown = useResource<{ notification: Notification; rendered: RenderedMessage }>(`/notifications/${encodeURIComponent(notificationId)}`);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const retry = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const notification = await staffCall<Notification>('POST', `/notifications/${encodeURIComponent(notificationId)}/retry`);
      shown.set((before) => before && { ...before, notification });
      setNotice(t('staff.notifications.requeued'));
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };

  if (!shown.value) {
    return (
      <StaffShell>
        <h1>{t('staff.notifications.one')}</h1>
        <Loading problem={shown.problem} />
      </StaffShell>
    );
  }
  const { notification, rendered } = shown.value;
  return (
    <StaffShell>
      <p>
        <a href={`/staff/notifications?state=${notification.state}`}>{t('staff.notifications.back')}</a>
      </p>
      <h1>{rendered.subject}</h1>
      <Status>{notice}</Status>
      <Problem message={problem ?? shown.problem} />
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
            void shown.reload();
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
      {carriesLinks(rendered) && <p class="hint">{t('staff.notifications.linksWithheld')}</p>}
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
      {notification.state === 'sent' && <Resend notificationId={notificationId} />}
      {carriesLinks(rendered) && staffMember.value?.role === 'admin' && <WithdrawLinks notificationId={notificationId} />}
      <p>
        <AuditLink entity="notification" id={notification.notificationId} />
      </p>
    </StaffShell>
  );
}

/** Staff read a link with its token withheld (shared/http/handler.ts): then the e-mail carries a link. */
const carriesLinks = (rendered: RenderedMessage) => rendered.text.includes(withheld);

type Queued = { notifications: Notification[] };
const queuedTo = (answer: Queued) => answer.notifications.map((notification) => notification.to.join(', ')).join('; ');

/** The same e-mail again, to the same addresses, with fresh links: for a holder who lost it. */
function Resend(props: { notificationId: string }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const confirmation = useFocusOnShow<HTMLDivElement>(confirming);
  const resend = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const answer = await staffCall<Queued>('POST', `/notifications/${encodeURIComponent(props.notificationId)}/resend`);
      setNotice(t('staff.notifications.resent', { to: queuedTo(answer) }));
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  return (
    <section aria-labelledby="resend">
      <h2 id="resend">{t('staff.notifications.resend')}</h2>
      <p>{t('staff.notifications.resendIntro')}</p>
      <Status>{notice}</Status>
      <Problem message={problem} />
      {confirming ? (
        <div class="warning" ref={confirmation} tabIndex={-1}>
          <p>{t('staff.notifications.resendConfirm')}</p>
          <div class="toolbar">
            <button type="button" disabled={busy} onClick={resend}>
              {t('staff.notifications.resendSubmit')}
            </button>
            <button type="button" class="secondary" onClick={() => setConfirming(false)}>
              {t('staff.common.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" class="secondary" onClick={() => setConfirming(true)}>
          {t('staff.notifications.resend')}
        </button>
      )}
    </section>
  );
}

/** An admin withdraws the links of an e-mail that went to the wrong person, and (unless unticked) fresh ones go to their holders. */
function WithdrawLinks(props: { notificationId: string }) {
  const form = useForm(RevokeLinksBody);
  const [reason, setReason] = useState('');
  const [sendFresh, setSendFresh] = useState(true);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const confirmation = useFocusOnShow<HTMLDivElement>(confirming);
  const body = () => ({ reason, sendFresh });
  return (
    <form
      noValidate
      aria-labelledby="withdraw"
      onSubmit={async (event) => {
        event.preventDefault();
        setNotice(null);
        if (!confirming) {
          await form.submit(body(), async () => setConfirming(true));
          return;
        }
        const answer = await form.submit(body(), (parsed) => staffCall<Queued & { withdrawn: unknown[] }>('POST', `/notifications/${encodeURIComponent(props.notificationId)}/revoke-links`, parsed));
        setConfirming(false);
        if (!answer) return;
        setReason('');
        setNotice(answer.notifications.length > 0 ? t('staff.notifications.withdrawnAndSent', { to: queuedTo(answer) }) : t('staff.notifications.withdrawnOnly'));
      }}
    >
      <h2 id="withdraw">{t('staff.notifications.withdraw')}</h2>
      <p>{t('staff.notifications.withdrawIntro')}</p>
      <Status>{notice}</Status>
      <Summary message={form.summary} />
      <Field label="staff.common.reason" name="body.reason" error={form.error('body.reason')}>
        {(id, describedBy) => <input id={id} aria-describedby={describedBy} {...bindText(reason, setReason)} />}
      </Field>
      <div class="field">
        <label>
          <input type="checkbox" checked={sendFresh} onChange={(event) => setSendFresh((event.target as HTMLInputElement).checked)} /> {t('staff.notifications.sendFresh')}
        </label>
      </div>
      {confirming ? (
        <div class="warning" ref={confirmation} tabIndex={-1}>
          <p>{t(sendFresh ? 'staff.notifications.withdrawConfirm' : 'staff.notifications.withdrawOnlyConfirm')}</p>
          <div class="toolbar">
            <button type="submit" disabled={form.busy}>
              {t('staff.notifications.withdrawSubmit')}
            </button>
            <button type="button" class="secondary" onClick={() => setConfirming(false)}>
              {t('staff.common.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button type="submit">{t('staff.notifications.withdraw')}</button>
      )}
    </form>
  );
}
