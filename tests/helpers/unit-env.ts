import { inject } from 'vitest';
import { resetConfig } from '#shared/config.ts';
import { unitStaffIssuer } from './unit-setup.ts';

// Each test file starts from the unit provider (a test that changes these must not leak into the next file).
Object.assign(process.env, { STAFF_ISSUER: unitStaffIssuer, STAFF_CLIENT_ID: 'staff-console', STAFF_JWKS_URL: inject('unitStaffJwksUrl') });
resetConfig();
