import { signStaffToken, StaffRole } from '#shared/auth/tokens.ts';
import { localAuthSecret } from '#local/secret.ts';
import { demoStaff } from '#local/seed.ts';

/**
 * `npm run token -- reviewer|admin [hours]`: a bearer token for the local API, signed with the local
 * secret; with AUTH_SECRET (and AUTH_ISSUER) set, for a deployed stage instead.
 */
const [roleArgument = 'reviewer', hoursArgument = '8'] = process.argv.slice(2);
const role = StaffRole.safeParse(roleArgument);
const hours = Number(hoursArgument);
if (!role.success || !(hours > 0 && hours <= 24 * 30)) {
  console.error('usage: npm run token -- reviewer|admin [hours, at most 720]');
  process.exit(2);
}
process.env.TABLE_NAME ??= 'stakeholder-registry';
process.env.AUTH_SECRET ??= localAuthSecret();
console.log(await signStaffToken({ sub: demoStaff.email, name: demoStaff.name, role: role.data, expiresInSeconds: Math.round(hours * 3600) }));
