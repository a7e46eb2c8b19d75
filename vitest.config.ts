import { defineConfig } from 'vitest/config';

/**
 * Three projects: unit (AWS mocked with aws-sdk-client-mock), integration (DynamoDB Local, the SES
 * emulator and the local API, started by tests/helpers/global-setup.ts and stopped after), and infra
 * (CDK template assertions and cdk-nag).
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
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
      { test: { name: 'infra', include: ['tests/infra/**/*.test.ts'], environment: 'node', testTimeout: 180_000 } },
    ],
  },
});
