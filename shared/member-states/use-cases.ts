import { ConflictError, NotFoundError } from '#shared/errors.ts';
import type { StaffContext } from '#shared/meetings/use-cases.ts';
import type { MemberState, MissionContact, RegionalGroup } from '#shared/member-states/schemas.ts';
import * as store from '#shared/member-states/store.ts';

export async function replaceMissionContacts(code: string, contacts: MissionContact[], { actor, now }: StaffContext): Promise<MemberState> {
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    const state = await store.findMemberState(code);
    if (!state) throw new NotFoundError(`No Member State or observer State has the code '${code}'`);
    const updated = await store.replaceContacts(state, contacts, actor, now);
    if (updated) return updated;
  }
  throw new ConflictError(`The contacts of '${code}' are being changed by someone else; reload them and try again`);
}

export function listMemberStates(query: { regionalGroup?: RegionalGroup | undefined; status?: MemberState['status'] | undefined; limit: number; cursor?: string | undefined }) {
  return store.listMemberStates({ regionalGroup: query.regionalGroup, status: query.status }, { limit: query.limit, cursor: query.cursor });
}
