import type { SettingName } from '#shared/config.ts';
import type { IndexName } from '#shared/db/table.ts';

/**
 * What a module's own code asks of the deployment: the DynamoDB actions it sends, the indexes it
 * queries, the signing secret, SES, and the settings it reads. A module that does any of these
 * exports `export const needs: Needs = { ... }` (a plain literal, so that esbuild drops it from the
 * bundle); infra/function-needs.ts adds up the needs of every module a Lambda's bundle includes and
 * grants that, no more. tests/unit/needs.test.ts checks each declaration against its module's source.
 */
export type TableAction = 'GetItem' | 'BatchGetItem' | 'Query' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'ConditionCheckItem' | 'DescribeTable';

export interface Needs {
  /** Actions on the table; a transaction's items are authorised one by one (Put, Update, Delete, ConditionCheck). */
  table?: readonly TableAction[];
  /** Indexes queried. */
  indexes?: readonly IndexName[];
  /** Reads the signing secret (Secrets Manager in AWS). */
  signingSecret?: true;
  /** Sends e-mail through SES as the sender identity with the configuration set. */
  sendEmail?: true;
  /** Settings read (shared/config.ts). */
  env?: readonly SettingName[];
  /** Why a need is declared that the module's own source does not show (a library makes the call). */
  through?: string;
}
