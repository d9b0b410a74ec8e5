/**
 * An agent's AgentCore Memory: short-term events kept `eventExpiryDays`, encrypted with a
 * customer-managed key, and **no built-in or model-override strategies** (their extraction
 * runs Bedrock models in an AWS-managed account, which the placement contract forbids).
 *
 * With `longTerm: 'self-managed'`, a self-managed strategy hands batched conversation
 * payloads to our own code instead: AgentCore writes them to a KMS-encrypted S3 bucket and
 * notifies an SNS topic; the extraction worker (which calls the Azure-hosted models over
 * the VPN) subscribes to the topic and writes memory records back.
 *
 * @example
 * const memory = new AgentMemory(stack, 'Memory', { memoryName: 'stateline_support_memory', eventExpiryDays: 30, encryptionKey });
 * memory.grantAgentAccess(runtime.role);
 * @see https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/memory-self-managed-strategies.html
 */
import { Construct } from 'constructs';
import { CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { secureBucketProps } from './secure-bucket';

/** Where AgentCore puts self-managed extraction payloads inside the payload bucket. */
export const SELF_MANAGED_PAYLOAD_PREFIX = 'payloads/';

/** Properties of {@link AgentMemory}. */
export interface AgentMemoryProps {
  /** AgentCore memory name (`[a-zA-Z][a-zA-Z0-9_]{0,47}`). */
  readonly memoryName: string;
  /** Short-term event retention, 7-365 days. */
  readonly eventExpiryDays: number;
  /** Customer-managed key for the memory (and the payload bucket and topic). */
  readonly encryptionKey: kms.IKey;
  /**
   * `none`: short-term memory only. `self-managed`: long-term extraction runs in our own code.
   * @default 'none'
   */
  readonly longTerm?: 'none' | 'self-managed';
  /**
   * Bucket receiving the payload bucket's server access logs (needed for `self-managed`).
   * @default - no payload bucket, so none needed
   */
  readonly accessLogsBucket?: s3.IBucket;
}

export class AgentMemory extends Construct {
  public readonly memory: agentcore.Memory;
  public readonly memoryId: string;
  public readonly memoryArn: string;
  /** Role AgentCore assumes for the memory (delivering self-managed payloads). */
  public readonly executionRole: iam.IRole;
  /** Self-managed extraction: where payloads land and which topic announces them. */
  public readonly payloadBucket?: s3.Bucket;
  public readonly payloadTopic?: sns.Topic;

  constructor(scope: Construct, id: string, props: AgentMemoryProps) {
    super(scope, id);
    validate(props);
    this.memory = new agentcore.Memory(this, 'Resource', {
      memoryName: props.memoryName,
      // Memory descriptions accept letters, digits, spaces, '_' and '-' only.
      description: 'stateline agent memory - short-term events only - no managed extraction strategies',
      expirationDuration: Duration.days(props.eventExpiryDays),
      kmsKey: props.encryptionKey,
    });
    this.memoryId = this.memory.memoryId;
    this.memoryArn = this.memory.memoryArn;
    this.executionRole = this.memory.executionRole!;
    Validations.of(this.executionRole).acknowledge({
      id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
      reason: 'Added by the Memory L2 for its customer-managed key, on that key only: AgentCore re-encrypts memory data under the key (ReEncryptFrom/To).',
    });

    if (props.longTerm === 'self-managed') {
      this.payloadBucket = new s3.Bucket(this, 'PayloadBucket', secureBucketProps({
        encryptionKey: props.encryptionKey,
        accessLogsBucket: props.accessLogsBucket!, // validated above for self-managed memory
        accessLogsPrefix: `memory-payloads/${props.memoryName}/`,
        lifecycleRules: [{ expiration: Duration.days(props.eventExpiryDays), noncurrentVersionExpiration: Duration.days(1) }],
      }));
      this.payloadTopic = new sns.Topic(this, 'PayloadTopic', {
        masterKey: props.encryptionKey,
        enforceSSL: true,
      });
      this.memory.addMemoryStrategy(agentcore.MemoryStrategy.usingSelfManaged({
        strategyName: 'SelfManagedExtraction',
        description: 'Extraction runs in stateline code against Azure-hosted models',
        invocationConfiguration: {
          topic: this.payloadTopic,
          s3Location: { bucketName: this.payloadBucket.bucketName, objectKey: SELF_MANAGED_PAYLOAD_PREFIX },
        },
      }));
      // The strategy grants sns:Publish and s3:PutObject; both targets are encrypted with the data key.
      props.encryptionKey.grantEncryptDecrypt(this.executionRole);
      const bucketRef = Stack.of(this).getLogicalId(this.payloadBucket.node.defaultChild as CfnElement);
      Validations.of(this.executionRole).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::<${bucketRef}>/*]`,
        reason: 'Added by the self-managed strategy L2: AgentCore writes payload objects with generated keys into this dedicated payload bucket only.',
      });
      Validations.of(this.executionRole).acknowledge({
        id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
        reason: 'Publishing to the KMS-encrypted payload topic and writing SSE-KMS payload objects need data keys from the data key (GenerateDataKey and its WithoutPlaintext variant).',
      });
    }
  }

  /** What an agent runtime needs: write events, read events and records. */
  public grantAgentAccess(grantee: iam.IGrantable): iam.Grant {
    return this.memory.grantWrite(grantee)
      .combine(this.memory.grantReadShortTermMemory(grantee))
      .combine(this.memory.grantReadLongTermMemory(grantee));
  }
}

function validate(props: AgentMemoryProps): void {
  const problems: string[] = [];
  if (!Number.isInteger(props.eventExpiryDays) || props.eventExpiryDays < 7 || props.eventExpiryDays > 365) {
    problems.push(`eventExpiryDays: ${props.eventExpiryDays} is outside 7-365 (AgentCore EventExpiryDuration)`);
  }
  if (props.longTerm === 'self-managed' && !props.accessLogsBucket) {
    problems.push('accessLogsBucket: required with longTerm "self-managed" (the payload bucket logs its access there)');
  }
  if (problems.length > 0) throw new Error(`AgentMemory ${props.memoryName}:\n  ${problems.join('\n  ')}`);
}
