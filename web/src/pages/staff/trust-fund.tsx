import { useState } from 'preact/hooks';
import type * as z from 'zod';
import { InquiryChange, inquiryStates, type Inquiry, type InquiryState, type Totals } from '#shared/trust-fund/schemas.ts';
import { moneyInput } from '#shared/trust-fund/minor-units.ts';
import { bindSelect, bindText, Field, Summary, useForm } from '../../form.tsx';
import { formatInstant, formatMoney, t, type MessageKey } from '../../i18n.ts';
import { AuditLink, AuditTrail } from '../../staff/audit.tsx';
import { Loading, Problem, Status } from '../../staff/notice.tsx';
import { PagedFooter, usePaged } from '../../staff/paging.tsx';
import { useResource } from '../../staff/resource.ts';
import { download, problemOf, staffCall } from '../../staff/session.ts';
import { StaffShell } from '../../staff/shell.tsx';
import { Table } from '../../staff/table.tsx';

const stateName = (state: string) => t(`staff.trustFund.state.${state}` as MessageKey);
const inquiryPath = (inquiryId: string) => `/staff/trust-fund/inquiries/${inquiryId}`;

/** Donor inquiries with their filters, the fund's totals and the CSV export. */
export function StaffTrustFund(_props: { params?: Record<string, string> }) {
  const [state, setState] = useState('');
  const [eligible, setEligible] = useState('');
  const query = new URLSearchParams({ limit: '50', ...(state ? { state } : {}), ...(eligible ? { eligible } : {}) });
  const list = usePaged<Inquiry>(`/trust-fund/inquiries?${query.toString()}`);
  const totals = useResource<z.infer<typeof Totals>>('/trust-fund/totals');
  const [problem, setProblem] = useState<string | null>(null);

  const exportCsv = () => {
    setProblem(null);
    download('/trust-fund/export', `trust-fund-inquiries-${new Date().toISOString().slice(0, 10)}.csv`).catch((error: unknown) => setProblem(problemOf(error)));
  };

  return (
    <StaffShell>
      <h1>{t('staff.trustFund.title')}</h1>
      <Problem message={problem ?? totals.problem} />
      <div class="toolbar">
        <Field label="staff.trustFund.filterState" name="state" error={undefined}>
          {(id) => (
            <select id={id} {...bindSelect(state, setState)}>
              <option value="">{t('staff.trustFund.anyState')}</option>
              {inquiryStates.map((option) => (
                <option value={option}>{stateName(option)}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="staff.trustFund.filterEligible" name="eligible" error={undefined}>
          {(id) => (
            <select id={id} {...bindSelect(eligible, setEligible)}>
              <option value="">{t('staff.trustFund.anyDonor')}</option>
              <option value="true">{t('staff.trustFund.review.eligible')}</option>
              <option value="false">{t('staff.trustFund.review.manual-review')}</option>
            </select>
          )}
        </Field>
        <button
          type="button"
          class="secondary"
          onClick={() => {
            void list.reload();
            void totals.reload();
          }}
        >
          {t('staff.common.refresh')}
        </button>
        <button type="button" class="secondary" onClick={exportCsv}>
          {t('staff.common.export')}
        </button>
      </div>
      <Table
        caption={t('staff.trustFund.inquiries')}
        columns={[t('staff.trustFund.donor'), t('staff.trustFund.type'), t('staff.trustFund.country'), t('staff.trustFund.intended'), t('staff.trustFund.earmarked'), t('staff.trustFund.state'), t('staff.trustFund.lastChange')]}
      >
        {list.items.map((inquiry) => (
          <tr>
            <td>
              <a href={inquiryPath(inquiry.inquiryId)}>{inquiry.donor.name}</a>
            </td>
            <td>
              {t(`donorType.${inquiry.donor.type}` as MessageKey)}
              {inquiry.review === 'manual-review' && ` (${t('staff.trustFund.review.manual-review')})`}
            </td>
            <td>{inquiry.donor.country}</td>
            <td>{formatMoney(inquiry.intended)}</td>
            <td>{inquiry.earmarked ? (inquiry.objectiveTitle ?? t('staff.trustFund.yes')) : t('staff.trustFund.no')}</td>
            <td class="state">{stateName(inquiry.state)}</td>
            <td>{formatInstant(inquiry.updatedAt)}</td>
          </tr>
        ))}
      </Table>
      <PagedFooter list={list} />
      {totals.value && <TotalsView totals={totals.value} />}
    </StaffShell>
  );
}

function TotalsView(props: { totals: z.infer<typeof Totals> }) {
  const { totals } = props;
  const sums = ['earmarked', 'unearmarked', 'total'] as const;
  const kinds = ['intended', 'received'] as const;
  return (
    <section aria-labelledby="totals">
      <h2 id="totals">{t('staff.trustFund.totals')}</h2>
      <ul class="figures">
        <li>{t('staff.trustFund.count', { count: totals.inquiries })}</li>
        {inquiryStates.map((state) => (
          <li>
            {stateName(state)}: <strong>{totals.byState[state] ?? 0}</strong>
          </li>
        ))}
      </ul>
      <Table caption={t('staff.trustFund.byCurrency')} columns={[t('staff.trustFund.currency'), ...kinds.flatMap((kind) => sums.map((sum) => t(`staff.trustFund.sum.${kind}.${sum}`)))]}>
        {Object.entries(totals.currencies).map(([currency, amounts]) => (
          <tr>
            <th scope="row">{currency}</th>
            {kinds.flatMap((kind) => sums.map((sum) => <td>{formatMoney({ amount: amounts[kind][sum], currency })}</td>))}
          </tr>
        ))}
      </Table>
    </section>
  );
}

/** One inquiry: what the donor said, moving it on with a note (and the amount received), its notes and its history. */
export function StaffInquiry(props: { params?: Record<string, string> }) {
  const resource = useResource<Inquiry>(`/trust-fund/inquiries/${encodeURIComponent(props.params?.inquiryId ?? '')}`);
  const inquiry = resource.value;

  return (
    <StaffShell>
      {!inquiry ? (
        <>
          <h1>{t('staff.trustFund.inquiry')}</h1>
          <Loading problem={resource.problem} />
        </>
      ) : (
        <>
          <p>
            <a href="/staff/trust-fund">{t('staff.trustFund.back')}</a>
          </p>
          <h1>{inquiry.donor.name}</h1>
          <p>
            {t('staff.trustFund.state')}: <span class="state">{stateName(inquiry.state)}</span>
          </p>
          <InquiryDetails inquiry={inquiry} />
          <ChangeForm inquiry={inquiry} onChanged={resource.set} />
          <h2>{t('staff.trustFund.notes')}</h2>
          {inquiry.notes.length === 0 ? (
            <p>{t('staff.common.none')}</p>
          ) : (
            <ul class="cards">
              {inquiry.notes.map((note) => (
                <li>
                  <p>{t('staff.trustFund.noteBy', { by: note.by, at: formatInstant(note.at) })}</p>
                  <p class="prose">{note.text}</p>
                </li>
              ))}
            </ul>
          )}
          <h2>{t('staff.trustFund.history')}</h2>
          <AuditTrail key={inquiry.version} entity="trust-fund-inquiry" id={inquiry.inquiryId} caption={t('staff.trustFund.historyCaption')} />
          <p>
            <AuditLink entity="trust-fund-inquiry" id={inquiry.inquiryId} />
          </p>
        </>
      )}
    </StaffShell>
  );
}

function InquiryDetails(props: { inquiry: Inquiry }) {
  const { inquiry } = props;
  return (
    <dl>
      <dt>{t('staff.trustFund.type')}</dt>
      <dd>
        {t(`donorType.${inquiry.donor.type}` as MessageKey)} ({t(`staff.trustFund.review.${inquiry.review}`)})
      </dd>
      <dt>{t('staff.trustFund.country')}</dt>
      <dd>{inquiry.donor.country}</dd>
      <dt>{t('staff.trustFund.contact')}</dt>
      <dd>
        {inquiry.contact.name} · <a href={`mailto:${inquiry.contact.email}`}>{inquiry.contact.email}</a> · {inquiry.language.toUpperCase()}
      </dd>
      <dt>{t('staff.trustFund.intended')}</dt>
      <dd>{formatMoney(inquiry.intended)}</dd>
      <dt>{t('staff.trustFund.earmarked')}</dt>
      <dd>{inquiry.earmarked ? (inquiry.objectiveTitle ?? inquiry.objectiveId) : t('staff.trustFund.no')}</dd>
      <dt>{t('staff.trustFund.received')}</dt>
      <dd>{inquiry.received ? formatMoney(inquiry.received) : t('staff.trustFund.notYet')}</dd>
      <dt>{t('staff.trustFund.message')}</dt>
      <dd class="prose">{inquiry.message ?? t('staff.trustFund.noMessage')}</dd>
      <dt>{t('staff.trustFund.submitted')}</dt>
      <dd>{formatInstant(inquiry.createdAt)}</dd>
      <dt>{t('staff.trustFund.lastChange')}</dt>
      <dd>{formatInstant(inquiry.updatedAt)}</dd>
    </dl>
  );
}

const nextState = (state: InquiryState): InquiryState | '' => inquiryStates[inquiryStates.indexOf(state) + 1] ?? '';

/** The API takes any state from any other (a donor can withdraw, a closed inquiry can reopen): the next one is suggested. */
function ChangeForm(props: { inquiry: Inquiry; onChanged: (inquiry: Inquiry) => void }) {
  const { inquiry } = props;
  const form = useForm(InquiryChange);
  const [target, setTarget] = useState<string>(nextState(inquiry.state));
  const [note, setNote] = useState('');
  const [received, setReceived] = useState({ amount: '', currency: inquiry.received?.currency ?? inquiry.intended.currency });
  const [saved, setSaved] = useState(false);
  const recordsAmount = target === 'contribution-received' || (target === '' && inquiry.state === 'contribution-received');

  const change = () => ({
    ...(target ? { state: target } : {}),
    ...(note.trim() ? { note } : {}),
    // An amount already recorded stands unless a new one is typed.
    ...(recordsAmount && (received.amount.trim() !== '' || !inquiry.received) ? { received: { amount: received.amount.trim() === '' ? undefined : received.amount.trim(), currency: received.currency.trim() } } : {}),
  });

  const submit = async (event: Event) => {
    event.preventDefault();
    setSaved(false);
    const after = await form.submit(change(), (parsed) => staffCall<Inquiry>('PATCH', `/trust-fund/inquiries/${inquiry.inquiryId}`, parsed.received ? { ...parsed, received: moneyInput(parsed.received) } : parsed));
    if (!after) return;
    setSaved(true);
    setNote('');
    setReceived({ amount: '', currency: after.received?.currency ?? received.currency });
    setTarget(nextState(after.state));
    props.onChanged(after);
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="change">
      <h2 id="change">{t('staff.trustFund.change')}</h2>
      <Summary message={form.summary === t('form.fixFields') ? (form.error('body') ?? form.summary) : form.summary} />
      <Status>{saved && t('staff.common.saved')}</Status>
      <Field label="staff.trustFund.moveTo" name="body.state" error={form.error('body.state')}>
        {(id, describedBy) => (
          <select id={id} aria-describedby={describedBy} {...bindSelect(target, setTarget)}>
            <option value="">{t('staff.trustFund.keepState', { state: stateName(inquiry.state) })}</option>
            {inquiryStates
              .filter((state) => state !== inquiry.state)
              .map((state) => (
                <option value={state}>{stateName(state)}</option>
              ))}
          </select>
        )}
      </Field>
      {recordsAmount && (
        <fieldset>
          <legend>{t('staff.trustFund.amountReceived')}</legend>
          <Field label="staff.trustFund.amount" name="body.received.amount" hint={inquiry.received ? 'staff.trustFund.amountKept' : undefined} error={form.error('body.received.amount') ?? form.error('body.received')}>
            {(id, describedBy) => <input id={id} type="number" inputMode="decimal" min="0" step="any" aria-describedby={describedBy} {...bindText(received.amount, (amount) => setReceived({ ...received, amount }))} />}
          </Field>
          <Field label="staff.trustFund.currency" name="body.received.currency" error={form.error('body.received.currency')}>
            {(id, describedBy) => <input id={id} maxLength={3} aria-describedby={describedBy} {...bindText(received.currency, (currency) => setReceived({ ...received, currency: currency.toUpperCase() }))} />}
          </Field>
        </fieldset>
      )}
      <Field label="staff.trustFund.note" name="body.note" error={form.error('body.note')}>
        {(id, describedBy) => <textarea id={id} aria-describedby={describedBy} {...bindText(note, setNote)} />}
      </Field>
      <button type="submit" disabled={form.busy}>
        {t('staff.trustFund.save')}
      </button>
    </form>
  );
}
