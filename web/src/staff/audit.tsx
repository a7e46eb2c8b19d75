import type { ComponentChildren } from 'preact';
import { storedMoney } from '#shared/trust-fund/minor-units.ts';
import { formatInstant, formatMoney, t } from '../i18n.ts';
import { PagedFooter, usePaged } from './paging.tsx';
import { Table } from './table.tsx';

/**
 * The entities GET /audit/{entity}/{entityId} accepts (auditedEntities in shared/audit/audit.ts,
 * which the browser cannot import: it carries the DynamoDB client).
 */
export const auditedEntities = ['meeting', 'registration', 'member-state', 'organisation', 'notification', 'organisation-import', 'circulation', 'committee-call', 'committee-member', 'trust-fund-inquiry', 'trust-fund', 'application', 'accreditation-stage'] as const;
export type AuditedEntity = (typeof auditedEntities)[number];

export const auditLink = (entity: AuditedEntity, id: string) => `/staff/audit?${new URLSearchParams({ entity, id }).toString()}`;

/** The link to a record's audit trail; label names the record where several are linked side by side. */
export function AuditLink(props: { entity: AuditedEntity; id: string; label?: string }) {
  return (
    <a href={auditLink(props.entity, props.id)} aria-label={props.label}>
      {t('staff.common.auditTrail')}
    </a>
  );
}

interface AuditEntry {
  action: string;
  actorId: string;
  actorRole: string;
  actorName?: string;
  at: string;
  details: Record<string, unknown>;
}

/** An amount in an entry: { amount, currency, minorUnits }, or { amount: number, currency } in entries written before amounts were held in minor units. */
const isMoney = (value: unknown): value is { amount: number | string; currency: string } =>
  typeof value === 'object' && value !== null && ['number', 'string'].includes(typeof (value as { amount?: unknown }).amount) && typeof (value as { currency?: unknown }).currency === 'string';
const shown = (value: unknown) => (typeof value === 'string' ? value : isMoney(value) ? formatMoney(storedMoney(value)) : JSON.stringify(value));

/** The trail of one record, newest first as the API gives it. */
export function AuditTrail(props: { entity: AuditedEntity; id: string; caption: ComponentChildren }) {
  const list = usePaged<AuditEntry>(`/audit/${props.entity}/${encodeURIComponent(props.id)}?limit=50`);
  return (
    <>
      <Table caption={props.caption} columns={[t('staff.audit.when'), t('staff.audit.who'), t('staff.audit.what'), t('staff.audit.why'), t('staff.audit.details')]}>
        {list.items.map((entry) => {
          const { reason, note, ...rest } = entry.details;
          return (
            <tr>
              <td>{formatInstant(entry.at)}</td>
              <td>{entry.actorName ? t('staff.audit.actorNamed', { name: entry.actorName, id: entry.actorId, role: entry.actorRole }) : t('staff.audit.actor', { id: entry.actorId, role: entry.actorRole })}</td>
              <td>
                <code>{entry.action}</code>
              </td>
              <td class="prose">{[reason, note].filter((text) => text !== undefined && text !== null).map(shown).join('\n')}</td>
              <td>
                {Object.keys(rest).length > 0 && (
                  <dl>
                    {Object.entries(rest).map(([key, value]) => (
                      <>
                        <dt>{key}</dt>
                        <dd>{shown(value)}</dd>
                      </>
                    ))}
                  </dl>
                )}
              </td>
            </tr>
          );
        })}
      </Table>
      <PagedFooter list={list} />
    </>
  );
}
