/**
 * AWS data, security and logging meters: KMS keys and Secrets Manager secrets (per month),
 * DynamoDB, S3, CloudWatch Logs, Lambda, X-Ray and SNS (by use), and free control-plane resources.
 */
import { block, bool, literal } from '../../policy/util/values';
import { constant, free, Meter } from './types';

const kmsKey = constant({
  fixed: [{ key: 'aws/kms/key', label: 'customer managed key', quantity: 1 }],
  usage: [{ key: 'aws/kms/requests', label: 'API requests (encrypt, decrypt, data keys)' }],
  notes: ['with automatic rotation, each of the first two rotations adds one key-month to the price'],
});

const secret = constant({
  fixed: [{ key: 'aws/secrets-manager/secret', label: 'secret', quantity: 1 }],
  usage: [{ key: 'aws/secrets-manager/api', label: 'API calls' }],
});

const table: Meter = (r) => {
  const mode = literal(r.properties.BillingMode) ?? 'PROVISIONED';
  if (mode !== 'PAY_PER_REQUEST') return { unpriced: ['provisioned capacity (WCU/RCU hours) is not in the price table'] };
  const pitr = block(r.properties.PointInTimeRecoverySpecification)?.PointInTimeRecoveryEnabled === true;
  return {
    usage: [
      { key: 'aws/dynamodb/write-request', label: 'on-demand writes' },
      { key: 'aws/dynamodb/read-request', label: 'on-demand reads' },
      { key: 'aws/dynamodb/storage', label: 'table storage' },
      ...(pitr ? [{ key: 'aws/dynamodb/pitr', label: 'point-in-time recovery backups' }] : []),
    ],
  };
};

const bucket = constant({
  usage: [
    { key: 'aws/s3/standard-storage', label: 'storage (S3 Standard)' },
    { key: 'aws/s3/put-requests', label: 'PUT/COPY/POST/LIST requests' },
    { key: 'aws/s3/get-requests', label: 'GET and other requests' },
  ],
});

const logGroup = constant({
  usage: [
    { key: 'aws/cloudwatch/logs-ingestion', label: 'log ingestion' },
    { key: 'aws/cloudwatch/logs-storage', label: 'log storage' },
  ],
});

const flowLog: Meter = (r) => ({
  usage: [{ key: 'aws/cloudwatch/vended-logs-ingestion', label: `flow log delivery (vended logs to ${literal(r.properties.LogDestinationType) ?? 'cloud-watch-logs'})` }],
});

const lambda = constant({
  usage: [
    { key: 'aws/lambda/requests', label: 'invocations' },
    { key: 'aws/lambda/duration', label: 'compute duration' },
  ],
});

/** A standard topic has no monthly fee: requests and deliveries are billed by use (FIFO topics by their own meters). */
const topic: Meter = (r) => (bool(r.properties.FifoTopic)
  ? { unpriced: ['FIFO topics (publish requests and payload) are not in the price table'] }
  : { usage: [{ key: 'aws/sns/requests', label: 'API requests (Publish and others; the first 1M a month are free)' }] });

/** Deliveries to Lambda and SQS have no charge; HTTP(S) deliveries are billed per 100K; other protocols are not in the table. */
const subscription: Meter = (r) => {
  const protocol = literal(r.properties.Protocol)?.toLowerCase();
  if (protocol === 'lambda' || protocol === 'sqs') return { free: 'SNS deliveries to Lambda and SQS have no charge (the target bills its own use)' };
  if (protocol === 'http' || protocol === 'https') return { usage: [{ key: 'aws/sns/notifications-http', label: 'HTTP/HTTPS deliveries (the first 100K a month are free)' }] };
  return { unpriced: [`${protocol ?? 'an unknown'} deliveries are not in the price table`] };
};

const deliveryDestination: Meter = (r) => (literal(r.properties.DeliveryDestinationType) === 'XRAY'
  ? { usage: [{ key: 'aws/xray/traces-recorded', label: 'traces recorded in X-Ray' }] }
  : { free: 'no charge: vended logs are billed as ingestion at the destination' });

export const AWS_SERVICE_METERS: Record<string, Meter> = {
  'AWS::KMS::Key': kmsKey,
  'AWS::KMS::Alias': free('aliases have no charge'),
  'AWS::SecretsManager::Secret': secret,
  'AWS::SecretsManager::SecretTargetAttachment': free('an attachment; no charge'),
  'AWS::SecretsManager::RotationSchedule': free('no charge itself: the rotation Lambda is billed by use'),
  'AWS::DynamoDB::Table': table,
  'AWS::S3::Bucket': bucket,
  'AWS::S3::BucketPolicy': free('bucket policies have no charge'),
  'AWS::Logs::LogGroup': logGroup,
  'AWS::Logs::ResourcePolicy': free('resource policies have no charge'),
  'AWS::Logs::DeliverySource': free('no charge: vended logs are billed as ingestion at the destination'),
  'AWS::Logs::Delivery': free('no charge: vended logs are billed as ingestion at the destination'),
  'AWS::Logs::DeliveryDestination': deliveryDestination,
  'AWS::EC2::FlowLog': flowLog,
  'AWS::Lambda::Function': lambda,
  'AWS::Lambda::Permission': free('permissions have no charge'),
  'AWS::XRay::ResourcePolicy': free('resource policies have no charge'),
  'AWS::SSM::Parameter': free('standard parameters have no charge'),
  'AWS::SNS::Topic': topic,
  'AWS::SNS::TopicPolicy': free('topic policies have no charge'),
  'AWS::SNS::Subscription': subscription,
  'AWS::CDK::Metadata': free('CDK metadata, not a cloud resource'),
};
