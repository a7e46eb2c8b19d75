import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { bindSelect, bindText, Field } from '../../form.tsx';
import { formatInstant, formatMoney, t, type MessageKey } from '../../i18n.ts';
import { problemOf, staffCall } from '../../staff/session.ts';
import { StaffShell } from '../../staff/shell.tsx';

/**
 * The entities GET /audit/{entity}/{entityId} accepts (auditedEntities in shared/audit/audit.ts,
 * which the browser cannot import: it carries the DynamoDB client).
 */
export const auditedEntities = ['meeting', 'registration', 'member-state', 'organisation', 'notification', 'organisation-import', 'circulation', 'committee-call', 'committee-member', 'trust-fund-inquiry', 'trust-fund', 'application', 'accreditation-stage'] as const;
export type AuditedEntity = (typeof auditedEntities)[number];

export const auditLink = (entity: AuditedEntity, id: string) => `/staff/audit?${new URLSearchParams({ entity, id }).toString()}`;

interface AuditEntry {
  action: string;
  actorId: string;
  actorRole: string;
  at: string;
  details: Record<string, unknown>;
}

/** A listing the API pages with nextCursor: the items so far, and the next page on request. */
export function usePaged<T>(path: string | null) {
  const [items, setItems] = useState<T[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  // Answers to an earlier path (the filters changed meanwhile) are dropped.
  const current = useRef(path);

  const load = async (cursor: string | null) => {
    if (!path) return;
    setLoading(true);
    setProblem(null);
    try {
      const page = await staffCall<{ items: T[]; nextCursor: string | null }>('GET', cursor ? `${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}` : path);
      if (current.current !== path) return;
      setItems((before) => (cursor ? [...before, ...page.items] : page.items));
      setNextCursor(page.nextCursor);
    } catch (error) {
      if (current.current === path) setProblem(problemOf(error, t('form.network')));
    } finally {
      if (current.current === path) setLoading(false);
    }
  };

  useEffect(() => {
    current.current = path;
    setItems([]);
    setNextCursor(null);
    void load(null);
  }, [path, reloads]);

  return { items, nextCursor, loading, problem, more: () => load(nextCursor), reload: () => setReloads((count) => count + 1) };
}

/** Under a paged table: loading, the API's problem, nothing found, or the Show more button. */
export function PagedFooter(props: { list: ReturnType<typeof usePaged<unknown>> }) {
  const { list } = props;
  return (
    <>
      {list.problem && <p role="alert">{list.problem}</p>}
      <p aria-live="polite">{list.loading ? t('common.loading') : !list.problem && list.items.length === 0 && !list.nextCursor ? t('staff.common.none') : ''}</p>
      {list.nextCursor && !list.loading && (
        <button type="button" class="secondary" onClick={list.more}>
          {t('staff.common.more')}
        </button>
      )}
    </>
  );
}

const isMoney = (value: unknown): value is { amount: number; currency: string } =>
  typeof value === 'object' && value !== null && typeof (value as { amount?: unknown }).amount === 'number' && typeof (value as { currency?: unknown }).currency === 'string';
const shown = (value: unknown) => (typeof value === 'string' ? value : isMoney(value) ? formatMoney(value) : JSON.stringify(value));

/** The trail of one record, newest first as the API gives it. */
export function AuditTrail(props: { entity: AuditedEntity; id: string; caption: ComponentChildren }) {
  const list = usePaged<AuditEntry>(`/audit/${props.entity}/${encodeURIComponent(props.id)}?limit=50`);
  return (
    <>
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('staff.audit.when')}</th>
            <th scope="col">{t('staff.audit.who')}</th>
            <th scope="col">{t('staff.audit.what')}</th>
            <th scope="col">{t('staff.audit.why')}</th>
            <th scope="col">{t('staff.audit.details')}</th>
          </tr>
        </thead>
        <tbody>
          {list.items.map((entry) => {
            const { reason, note, ...rest } = entry.details;
            return (
              <tr>
                <td>{formatInstant(entry.at)}</td>
                <td>{t('staff.audit.actor', { id: entry.actorId, role: entry.actorRole })}</td>
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
        </tbody>
      </table>
      <PagedFooter list={list} />
    </>
  );
}

/** Who did what, when and why to any record: /staff/audit?entity=…&id=…, so a trail can be bookmarked and linked to. */
export function StaffAudit(_props: { params?: Record<string, string> }) {
  const { query, route } = useLocation();
  const chosen = auditedEntities.find((entity) => entity === query.entity) ?? null;
  const chosenId = query.id?.trim() ?? '';
  const [entity, setEntity] = useState<string>(chosen ?? '');
  const [id, setId] = useState(chosenId);
  const [problems, setProblems] = useState<{ entity?: string; id?: string }>({});

  // Back and forward move through the trails looked at: the form follows the address.
  useEffect(() => {
    setEntity(chosen ?? '');
    setId(chosenId);
  }, [chosen, chosenId]);

  const submit = (event: Event) => {
    event.preventDefault();
    const found = { ...(entity ? {} : { entity: t('staff.audit.chooseEntity') }), ...(id.trim() ? {} : { id: t('staff.audit.enterId') }) };
    setProblems(found);
    if (Object.keys(found).length === 0) route(auditLink(entity as AuditedEntity, id.trim()));
  };

  return (
    <StaffShell>
      <h1>{t('staff.audit.title')}</h1>
      <p>{t('staff.audit.intro')}</p>
      <form class="toolbar" onSubmit={submit} noValidate>
        <Field label="staff.audit.entity" name="entity" error={problems.entity}>
          {(fieldId, describedBy) => (
            <select id={fieldId} aria-describedby={describedBy} {...bindSelect(entity, setEntity)}>
              <option value="">{t('common.choose')}</option>
              {auditedEntities.map((option) => (
                <option value={option}>{t(`staff.audit.entity.${option}` as MessageKey)}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="staff.audit.id" name="id" error={problems.id}>
          {(fieldId, describedBy) => <input id={fieldId} aria-describedby={describedBy} spellcheck={false} {...bindText(id, setId)} />}
        </Field>
        <button type="submit">{t('staff.audit.show')}</button>
      </form>
      {chosen && chosenId ? (
        <AuditTrail entity={chosen} id={chosenId} caption={t('staff.audit.caption', { entity: t(`staff.audit.entity.${chosen}` as MessageKey), id: chosenId })} />
      ) : (
        <p>{t('staff.audit.pick')}</p>
      )}
    </StaffShell>
  );
}
