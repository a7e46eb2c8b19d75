import { setting } from '#shared/config.ts';
import { staffRoles, type StaffRole } from '#shared/auth/tokens.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { env: ['STAFF_ROLE_MAPPING'] };

/**
 * THE identity trigger table: handlers the staff user pool runs (infra/identity-stack.ts), not a
 * route, a schedule or an event. Locally npm start's provider puts the same claims in its tokens.
 */
export const identityTriggers = {
  preTokenGeneration: { name: 'pre-token-generation', handler: 'identity/pre-token-generation', description: 'Puts the person’s name, and for federated staff their roles, in the staff access token' },
} as const;
export const identityTriggerList = Object.values(identityTriggers);

/** The attribute a federated provider's groups or app roles are mapped into (infra/identity-stack.ts). */
export const federatedRolesAttribute = 'custom:idp_roles';

/** A federated provider's values as Cognito stores them: a JSON array ("[\"A\",\"B\"]"), or comma- or space-separated. */
export function federatedValues(raw: string | undefined): string[] {
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (Array.isArray(parsed)) return parsed.filter((value): value is string => typeof value === 'string');
  } catch {
    // not JSON: a list
  }
  return raw.replace(/^\[|\]$/g, '').split(/[\s,]+/).map((value) => value.trim()).filter(Boolean);
}

/** The registry roles a federated person holds, from their provider's values and STAFF_ROLE_MAPPING. */
export function federatedRoles(values: readonly string[]): StaffRole[] {
  const mapping = setting('STAFF_ROLE_MAPPING');
  if (!mapping) return [];
  return staffRoles.filter((role) => mapping[role].some((value) => values.includes(value)));
}
