/**
 * The one definition of a stateline data bucket's protections: CMK encryption (with an S3
 * bucket key), TLS only, no public access, no ACLs, versioning, server access logs, retained
 * on stack deletion. Buckets differ only in what `secureBucketProps` takes.
 *
 * @example
 * new s3.Bucket(this, 'Artifacts', secureBucketProps({ encryptionKey, accessLogsBucket, accessLogsPrefix: 'artifacts/' }));
 */
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { RemovalPolicy } from 'aws-cdk-lib';

export interface SecureBucketOptions {
  /** Customer-managed key for objects. */
  readonly encryptionKey: kms.IKey;
  /** Destination of server access logs (must be SSE-S3: log delivery cannot write SSE-KMS). */
  readonly accessLogsBucket: s3.IBucket;
  /** Key prefix of this bucket's access logs. */
  readonly accessLogsPrefix: string;
  /**
   * Lifecycle rules.
   * @default none
   */
  readonly lifecycleRules?: s3.LifecycleRule[];
}

export function secureBucketProps(options: SecureBucketOptions): s3.BucketProps {
  return {
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: options.encryptionKey,
    bucketKeyEnabled: true,
    enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    versioned: true,
    serverAccessLogsBucket: options.accessLogsBucket,
    serverAccessLogsPrefix: options.accessLogsPrefix,
    ...(options.lifecycleRules ? { lifecycleRules: options.lifecycleRules } : {}),
    removalPolicy: RemovalPolicy.RETAIN,
  };
}
