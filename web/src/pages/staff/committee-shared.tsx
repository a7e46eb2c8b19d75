import type { Call, Member } from '#shared/steering-committee/schemas.ts';
import { formatInstant, t, type MessageKey } from '../../i18n.ts';

export const callsPath = '/steering-committee/calls';
export const groupName = (group: string | null) => t(`staff.committee.group.${group ?? 'none'}` as MessageKey);

/** Who a candidate or member is, as the balance counts them: one cell, the same in every table. */
export function ProfileCell(props: { person: Pick<Member, 'constituency' | 'country' | 'regionalGroup' | 'gender' | 'ageBracket'> }) {
  const { person } = props;
  return (
    <td>
      {t(`constituency.${person.constituency}` as MessageKey)}
      <br />
      {person.country} ({groupName(person.regionalGroup)})
      <br />
      {t(`gender.${person.gender}` as MessageKey)}, {t(`ageBracket.${person.ageBracket}` as MessageKey)}
    </td>
  );
}

export const callState = (call: Call) => {
  if (call.state === 'decided') return t('staff.committee.state.decided', { date: formatInstant(call.decidedAt ?? call.deadline) });
  return t(Date.now() < new Date(call.deadline).getTime() ? 'staff.committee.state.open' : 'staff.committee.state.closed');
};

