import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { createTableInput, tableDefinition } from '#shared/db/table.ts';
import { resourcesOf, synthRegistry } from './registry-app.ts';

// Prepare: one synth for the file; assertions read the template.
const { data } = synthRegistry();
const template = Template.fromStack(data);
const tables = Object.values(resourcesOf(template, 'AWS::DynamoDB::GlobalTable'));
const table = tables[0]!;

describe('the data stack: the one table', () => {
  it('is the only table', () => {
    expect(tables).toHaveLength(1);
    expect(resourcesOf(template, 'AWS::DynamoDB::Table')).toEqual({});
  });

  it('has the keys, attributes and indexes of shared/db/table.ts, as DynamoDB Local creates them', () => {
    const local = createTableInput('any');
    expect(table.Properties.KeySchema).toEqual(local.KeySchema);
    expect(table.Properties.AttributeDefinitions).toEqual(expect.arrayContaining(local.AttributeDefinitions!));
    expect(table.Properties.AttributeDefinitions).toHaveLength(local.AttributeDefinitions!.length);
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(
      local.GlobalSecondaryIndexes!.map(({ IndexName, KeySchema, Projection }) => ({ IndexName, KeySchema, Projection })),
    );
    expect(table.Properties.GlobalSecondaryIndexes.map((index: { IndexName: string }) => index.IndexName)).toEqual(
      tableDefinition.globalSecondaryIndexes.map((index) => index.indexName),
    );
  });

  it('is on-demand, expires items by TTL and is encrypted at rest', () => {
    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.Properties.TimeToLiveSpecification).toEqual({ AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true });
    expect(table.Properties.SSESpecification).toMatchObject({ SSEEnabled: true, SSEType: 'KMS' });
  });

  it('survives mistakes: point-in-time recovery, deletion protection, retained on stack deletion', () => {
    const [replica] = table.Properties.Replicas as { PointInTimeRecoverySpecification: unknown; DeletionProtectionEnabled: boolean }[];
    expect(replica!.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(replica!.DeletionProtectionEnabled).toBe(true);
    expect(table.DeletionPolicy).toBe('Retain');
  });
});

describe('the data stack: the token signing secret', () => {
  it('is generated as a plain string of at least 48 letters and digits', () => {
    const secrets = Object.values(resourcesOf(template, 'AWS::SecretsManager::Secret'));
    expect(secrets).toHaveLength(1);
    const generated = secrets[0]!.Properties.GenerateSecretString;
    expect(generated.PasswordLength).toBeGreaterThanOrEqual(48);
    expect(generated.ExcludePunctuation).toBe(true);
    expect(generated.IncludeSpace).toBe(false);
    // No JSON template: shared/auth/secret.ts reads the secret string itself as the key.
    expect(generated.SecretStringTemplate).toBeUndefined();
    expect(generated.GenerateStringKey).toBeUndefined();
  });
});
