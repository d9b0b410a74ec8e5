/**
 * Durable agent state outside AgentCore Memory: a DynamoDB session/state table and an S3
 * artifacts bucket, both encrypted with the customer-managed data key and retained when the
 * stack is deleted, plus the bucket that receives the S3 server access logs.
 *
 * Agents share the table and the bucket but are isolated by key: an agent may touch only
 * items whose partition key starts with `<agent>#` (IAM `dynamodb:LeadingKeys`), objects
 * under `<agent>/`, and list only keys under `<agent>/` (`s3:ListBucket` with an `s3:prefix`
 * condition: a list of the whole bucket, or of another agent's prefix, is denied), see
 * `grantAgentData`.
 *
 * @example
 * const state = new StateStore(stack, 'State', { encryptionKey: keys.data });
 * state.grantAgentData(runtime.role, 'support_agent');
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/specifying-conditions.html
 */
import { Construct } from 'constructs';
import { Duration, FeatureFlags, RemovalPolicy } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { secureBucketProps } from './secure-bucket';
import { ARTIFACT_OBJECT_ACTIONS, S3_LIST_BUCKET, S3_PREFIX_KEY, STATE_TABLE_ITEM_ACTIONS } from './perms';

/** Table key schema: `pk` = `<agent>#<session or entity>`, `sk` = item kind / version. */
export const STATE_PARTITION_KEY = 'pk';
export const STATE_SORT_KEY = 'sk';
/** Epoch-seconds attribute after which DynamoDB deletes an item. */
export const STATE_TTL_ATTRIBUTE = 'expiresAt';

/** Properties of {@link StateStore}. */
export interface StateStoreProps {
  /** Customer-managed key for the table and the artifacts bucket. */
  readonly encryptionKey: kms.IKey;
  /**
   * Days to keep S3 server access logs.
   * @default 365
   */
  readonly accessLogRetentionDays?: number;
}

export class StateStore extends Construct {
  public readonly table: dynamodb.Table;
  public readonly artifactsBucket: s3.Bucket;
  /** Destination of S3 server access logs (of this store and of other stateline buckets). */
  public readonly accessLogsBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: StateStoreProps) {
    super(scope, id);
    // With the bucket-policy flag (stateline's app context) log delivery is granted by policy and ACLs stay
    // disabled; without it aws-cdk-lib falls back to the LogDeliveryWrite ACL, which needs ObjectWriter.
    const logDeliveryByPolicy = FeatureFlags.of(this).isEnabled(cxapi.S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY);
    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogs', {
      // S3 server access logging delivers only to SSE-S3 buckets, not SSE-KMS.
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: logDeliveryByPolicy ? s3.ObjectOwnership.BUCKET_OWNER_ENFORCED : s3.ObjectOwnership.OBJECT_WRITER,
      versioned: true,
      lifecycleRules: [{
        expiration: Duration.days(props.accessLogRetentionDays ?? 365),
        noncurrentVersionExpiration: Duration.days(30),
      }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.artifactsBucket = new s3.Bucket(this, 'Artifacts', secureBucketProps({
      encryptionKey: props.encryptionKey,
      accessLogsBucket: this.accessLogsBucket,
      accessLogsPrefix: 'artifacts/',
    }));

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: STATE_PARTITION_KEY, type: dynamodb.AttributeType.STRING },
      sortKey: { name: STATE_SORT_KEY, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: props.encryptionKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: STATE_TTL_ATTRIBUTE,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** Partition-key prefix of an agent's items. */
  public static keyPrefix(agentName: string): string {
    return `${agentName}#`;
  }

  /**
   * Read/write on the agent's own items (`pk` starting with `<agent>#`) and objects
   * (`<agent>/...`), listing of its own prefix only, and use of the data key that encrypts them.
   *
   * Not `bucket.grantReadWrite`: it adds `s3:List*` and `s3:GetBucket*` on the whole bucket,
   * which would let every agent list every other agent's object keys.
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html#condition-key-bucket-ops-2
   */
  public grantAgentData(grantee: iam.IGrantable, agentName: string): iam.Grant {
    const items = iam.Grant.addToPrincipal({
      grantee,
      actions: [...STATE_TABLE_ITEM_ACTIONS],
      resourceArns: [this.table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${StateStore.keyPrefix(agentName)}*`] } },
    });
    const prefix = StateStore.objectPrefix(agentName);
    const objects = iam.Grant.addToPrincipal({
      grantee,
      actions: [...ARTIFACT_OBJECT_ACTIONS],
      resourceArns: [this.artifactsBucket.arnForObjects(`${prefix}*`)],
    });
    const list = iam.Grant.addToPrincipal({
      grantee,
      actions: [S3_LIST_BUCKET],
      resourceArns: [this.artifactsBucket.bucketArn],
      conditions: { StringLike: { [S3_PREFIX_KEY]: [prefix, `${prefix}*`] } },
    });
    const key = this.table.encryptionKey!.grantEncryptDecrypt(grantee);
    return items.combine(objects).combine(list).combine(key);
  }

  /** Key prefix of an agent's objects in the artifacts bucket. */
  public static objectPrefix(agentName: string): string {
    return `${agentName}/`;
  }
}
