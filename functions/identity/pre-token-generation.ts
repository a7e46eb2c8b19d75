import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { federatedRoles, federatedRolesAttribute, federatedValues } from '#shared/auth/identity-triggers.ts';

/**
 * The staff user pool's pre token generation trigger (event version 2, which can change access
 * tokens): the access token gets the person's `name`, which the audit trail records beside the
 * subject; for someone signed in through a federated provider, the registry groups their provider's
 * groups or app roles map to (STAFF_ROLE_MAPPING), which the API reads from `cognito:groups`.
 * Groups an admin gave the person in the pool stay; a federated person gets the mapped ones besides.
 */
export const handler = async (event: PreTokenGenerationV2TriggerEvent): Promise<PreTokenGenerationV2TriggerEvent> => {
  const attributes = event.request.userAttributes;
  const name = attributes.name || attributes.email || event.userName;
  const given = event.request.groupConfiguration.groupsToOverride ?? [];
  const mapped = federatedRoles(federatedValues(attributes[federatedRolesAttribute]));
  const groups = [...new Set([...given, ...mapped])];
  event.response = {
    claimsAndScopeOverrideDetails: {
      accessTokenGeneration: { claimsToAddOrOverride: { name } },
      idTokenGeneration: { claimsToAddOrOverride: { name } },
      ...(mapped.length > 0 ? { groupOverrideDetails: { groupsToOverride: groups } } : {}),
    },
  };
  return event;
};
