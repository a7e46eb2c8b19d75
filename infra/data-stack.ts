import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, Billing, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';
import { tableDefinition } from '#shared/db/table.ts';

/**
 * The stateful resources, in their own stack so that the API and jobs stacks can be replaced freely:
 * the one table, built from shared/db/table.ts as DynamoDB Local is, and the token signing secret.
 */
export class DataStack extends Stack {
  readonly table: TableV2;
  readonly authSecret: Secret;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const key = (name: string) => ({ name, type: AttributeType.STRING });

    this.table = new TableV2(this, 'RegistryTable', {
      partitionKey: key(tableDefinition.partitionKey),
      sortKey: key(tableDefinition.sortKey),
      globalSecondaryIndexes: tableDefinition.globalSecondaryIndexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: key(index.partitionKey),
        sortKey: key(index.sortKey),
      })),
      timeToLiveAttribute: tableDefinition.timeToLiveAttribute,
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // AWS-managed key (aws/dynamodb): SSE stated in the template and its use logged in CloudTrail,
      // with no key policy to keep or grant to every function, as a customer-managed key would need.
      encryption: TableEncryptionV2.awsManagedKey(),
    });

    this.authSecret = new Secret(this, 'AuthSigningSecret', {
      description: 'HMAC key that signs staff, Member State and applicant tokens',
      // Letters and digits only: no quoting or encoding surprises wherever the key is pasted or passed.
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    NagSuppressions.addResourceSuppressions(this.authSecret, [
      {
        id: 'AwsSolutions-SMG4',
        reason:
          'Rotating the signing key would invalidate every token at once, including non-objection links that must ' +
          'stay valid until their deadline; the handlers verify with one key (no overlap window), so rotation is a planned manual step.',
      },
    ]);
    new CfnOutput(this, 'AuthSecretArn', { value: this.authSecret.secretArn, description: 'Signing key for tokens: npm run token reads it from AUTH_SECRET' });
  }
}
