import { retryOnVersionClash } from '#shared/db/transactions.ts';
import { ConflictError, NotFoundError } from '#shared/errors.ts';
import type { StaffContext } from '#shared/meetings/use-cases.ts';
import type { MemberState, MissionContact, RegionalGroup } from '#shared/member-states/schemas.ts';
import { replaceContacts } from '#shared/member-states/contacts.ts';
import * as store from '#shared/member-states/store.ts';

export function replaceMissionContacts(code: string, contacts: MissionContact[], { actor, now }: StaffContext): Promise<MemberState> {
  return retryOnVersionClash(
    async () => {
      const state = await store.findMemberState(code);
      if (!state) throw new NotFoundError(`No Member State or observer State has the code '${code}'`);
      return replaceContacts(state, contacts, actor, now);
    },
    () => new ConflictError(`The contacts of '${code}' are being changed by others right now; reload them and try again`),
  );
}

export function listMemberStates(query: { regionalGroup?: RegionalGroup | undefined; status?: MemberState['status'] | undefined; limit: number; cursor?: string | undefined }) {
  return store.listMemberStates({ regionalGroup: query.regionalGroup, status: query.status }, { limit: query.limit, cursor: query.cursor });
}
