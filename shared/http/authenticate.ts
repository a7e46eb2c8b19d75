import { ForbiddenError, UnauthorizedError } from '#shared/errors.ts';
import { verifyScopedToken, type StaffRole } from '#shared/auth/tokens.ts';
import { verifyStaffAccessToken } from '#shared/auth/staff-identity.ts';
import type { Authenticator } from '#shared/http/handler.ts';
import { isScoped, scopedAccess } from '#shared/http/route-spec.ts';

const roleRank: Record<StaffRole, number> = { reviewer: 1, admin: 2 };
/** What each role is for, in the words of a 403. */
const roleWords: Record<StaffRole, string> = {
  reviewer: 'a reviewer (or an admin)',
  admin: 'an admin: it decides where mail, money or votes go',
};

/**
 * The token check of every route whose access is not 'public': a staff bearer token with the role,
 * or a status link's token for the one thing the path names. Handler modules of such routes pass it
 * to httpHandler, so that public routes bundle no token verification and need no signing secret.
 */
export const authenticate: Authenticator = (access, clock) => {
  return {
    before: async ({ event }) => {
      if (access === 'public') return;
      const header = event.headers.authorization ?? '';
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match?.[1]) {
        const needed = isScoped(access) ? `the token of ${scopedAccess[access].link}` : 'a staff bearer token';
        throw new UnauthorizedError(`This route needs ${needed} in the Authorization header`, {
          headers: { 'www-authenticate': `Bearer realm="${isScoped(access) ? access : 'staff'}"` },
        });
      }
      if (isScoped(access)) {
        const scope = scopedAccess[access];
        const { subject, holder, expiresAt } = await verifyScopedToken(match[1], scope.audience, clock.now(), { expiryCheckedByCaller: scope.holder });
        if (subject !== event.pathParameters?.[scope.param]) throw new ForbiddenError(`This link is for another ${scope.param.replace('Id', '')}`);
        if (scope.holder && !holder) throw new UnauthorizedError('The token does not say whose link it is');
        event.principal = { kind: access, id: subject, holder, expiresAt };
        return;
      }
      const principal = await verifyStaffAccessToken(match[1], clock.now());
      const needed = access as StaffRole;
      if (roleRank[principal.role] < roleRank[needed]) {
        throw new ForbiddenError(`This is for ${roleWords[needed]}; you are signed in as ${principal.role === 'admin' ? 'an admin' : 'a reviewer'}. Ask an admin to do it`);
      }
      event.principal = principal;
    },
  };
};
