import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import { keys } from '#shared/db/keys.ts';

/** The models whose items belong to a grant: revoking the grant (sign-out, a refresh token reused) deletes them all. */
const grantable = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);
const epoch = () => Math.floor(Date.now() / 1000);

/**
 * The local provider's storage (sessions, interactions, codes, grants) in npm start's DynamoDB Local
 * table, in the way oidc-provider's adapter interface asks (its own in-memory one is for quick starts
 * and says so): a sign-in survives restarting npm start, and --fresh clears it with everything else.
 * Each item carries the table's TTL attribute; a read also refuses an expired one, since DynamoDB
 * Local need not delete them on time.
 */
export function dynamoDbAdapter(client: DynamoDBClient, tableName: string): new (model: string) => Adapter {
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const read = async (model: string, id: string) => {
    const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: keys.localSignIn(model, id), ConsistentRead: true }));
    return Item && (Item.expiresAt as number) > epoch() ? Item : undefined;
  };
  const put = (model: string, id: string, item: Record<string, unknown>, expiresIn: number) =>
    documents.send(new PutCommand({ TableName: tableName, Item: { ...keys.localSignIn(model, id), type: 'localSignIn', ...item, expiresAt: epoch() + expiresIn } }));

  return class DynamoDbAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      if (this.model === 'Session' && payload.uid) await put('SessionUid', payload.uid, { id }, expiresIn);
      if (payload.userCode) await put('UserCode', payload.userCode, { id }, expiresIn);
      if (grantable.has(this.model) && payload.grantId) {
        const key = keys.localSignIn('Grant', payload.grantId);
        await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: key,
            UpdateExpression: 'ADD members :member SET #type = :type, expiresAt = :expiresAt',
            ExpressionAttributeNames: { '#type': 'type' },
            ExpressionAttributeValues: { ':member': new Set([`${this.model}#${id}`]), ':type': 'localSignIn', ':expiresAt': epoch() + expiresIn },
          }),
        );
      }
      await put(this.model, id, { payload }, expiresIn);
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      return (await read(this.model, id))?.payload as AdapterPayload | undefined;
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      const pointer = await read('SessionUid', uid);
      return pointer ? this.find(pointer.id as string) : undefined;
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      const pointer = await read('UserCode', userCode);
      return pointer ? this.find(pointer.id as string) : undefined;
    }

    async consume(id: string): Promise<void> {
      await documents.send(new UpdateCommand({ TableName: tableName, Key: keys.localSignIn(this.model, id), UpdateExpression: 'SET payload.#consumed = :at', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeNames: { '#consumed': 'consumed' }, ExpressionAttributeValues: { ':at': epoch() } }));
    }

    async destroy(id: string): Promise<void> {
      await documents.send(new DeleteCommand({ TableName: tableName, Key: keys.localSignIn(this.model, id) }));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      const grant = await read('Grant', grantId);
      for (const member of (grant?.members as Set<string> | undefined) ?? []) {
        const [model, ...rest] = member.split('#');
        await documents.send(new DeleteCommand({ TableName: tableName, Key: keys.localSignIn(model!, rest.join('#')) }));
      }
      await documents.send(new DeleteCommand({ TableName: tableName, Key: keys.localSignIn('Grant', grantId) }));
    }
  };
}
