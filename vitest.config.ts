import { defineConfig } from 'vitest/config';

/**
 * Four projects: unit (AWS mocked with aws-sdk-client-mock), integration (DynamoDB Local, the SES
 * emulator and the local API, started by tests/helpers/global-setup.ts and stopped after), e2e (the
 * web pages in headless Chromium against the whole local system, tests/e2e/global-setup.ts), and
 * infra (CDK template assertions and cdk-nag).
 *
 * e2e runs in a vitest process of its own (npm test runs it second): a local system configures the
 * handlers through process.env, so two systems in one process (integration's and e2e's) would share it.
 */
// Node 20 here; Lambda runs Node 22, where the SDK has nothing to warn about.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // A staff provider of the tests' own (its JWKS over HTTP), as Cognito is in AWS.
          globalSetup: ['tests/helpers/unit-setup.ts'],
          setupFiles: ['tests/helpers/unit-env.ts'],
          env: {
            TABLE_NAME: 'unit-test-table',
            AWS_REGION: 'eu-west-1',
            AWS_ACCESS_KEY_ID: 'unit',
            AWS_SECRET_ACCESS_KEY: 'unit',
            AUTH_SECRET: 'unit-test-secret-that-is-long-enough-for-hs256-0123456789',
            // The issuer names no server: keys come from tests/helpers/unit-setup.ts (STAFF_JWKS_URL, set by unit-env.ts).
            STAFF_ISSUER: 'http://127.0.0.1:9/unit-tests',
            STAFF_CLIENT_ID: 'staff-console',
            CORS_ORIGINS: 'https://stakeholders.example.org',
            MAX_BODY_BYTES: '2048',
            POWERTOOLS_LOG_LEVEL: 'SILENT',
          },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/helpers/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 60_000,
          // A page waits on the API, the outbox and the scheduler: expect.poll gets more than its default second.
          expect: { poll: { timeout: 15_000 } },
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      { test: { name: 'infra', include: ['tests/infra/**/*.test.ts'], environment: 'node', testTimeout: 180_000 } },
    ],
  },
});
