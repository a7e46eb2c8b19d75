import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { bindSelect, bindText, Field } from '../../form.tsx';
import { t, type MessageKey } from '../../i18n.ts';
import { auditedEntities, auditLink, AuditTrail, type AuditedEntity } from '../../staff/audit.tsx';
import { StaffShell } from '../../staff/shell.tsx';

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
