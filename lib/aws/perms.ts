/**
 * IAM actions used by the AWS constructs, as named constants (the aws-cdk `perms.ts` habit).
 *
 * Grants are built from L2 `grant*` methods wherever one exists; the constants below cover
 * what no grant method expresses, and the model-invocation deny list every agent role
 * carries (placement contract: nothing on AWS may call an AWS-hosted model).
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html
 */

/**
 * Every IAM action that invokes, routes or provisions model inference on AWS (DOMAIN.md).
 * `bedrock:InvokeModel` also authorizes Converse, `...WithResponseStream` ConverseStream.
 */
export const MODEL_INVOCATION_ACTIONS: readonly string[] = [
  'bedrock:InvokeModel',
  'bedrock:InvokeModelWithResponseStream',
  'bedrock:InvokeModelWithBidirectionalStream',
  'bedrock:StartAsyncInvoke',
  'bedrock:CreateModelInvocationJob',
  'bedrock:CallWithBearerToken',
  'bedrock:InvokeAgent',
  'bedrock:InvokeInlineAgent',
  'bedrock:InvokeFlow',
  'bedrock:RetrieveAndGenerate',
  'bedrock:Rerank',
  'bedrock:CreateInferenceProfile',
  'bedrock:CreateProvisionedModelThroughput',
  'bedrock-mantle:CreateInference',
  'bedrock-mantle:CallWithBearerToken',
  'sagemaker:InvokeEndpoint',
  'sagemaker:InvokeEndpointAsync',
  'sagemaker:CreateEndpoint',
  'sagemaker:CreateEndpointConfig',
  'sagemaker:CreateModel',
  'sagemaker:CreateInferenceComponent',
];

/**
 * What agent roles are explicitly denied: the named actions plus the families that new
 * inference actions would join (a Deny with wildcards cannot widen anything).
 */
export const MODEL_INVOCATION_DENY: readonly string[] = [
  ...MODEL_INVOCATION_ACTIONS,
  'bedrock:Invoke*',
  'bedrock-mantle:*',
  'sagemaker:InvokeEndpoint*',
];

/**
 * Services an agent-layer role may ever use: the permission boundary's allow-list. A
 * boundary grants nothing by itself; it caps what identity policies can grant, so a
 * later `bedrock:*` or `*` grant still cannot reach a model.
 */
export const AGENT_BOUNDARY_SERVICES: readonly string[] = [
  'bedrock-agentcore:*',
  'cloudwatch:*',
  'dynamodb:*',
  'ecr:*',
  'kms:*',
  'logs:*',
  's3:*',
  'secretsmanager:DescribeSecret',
  'secretsmanager:GetSecretValue',
  'sns:*',
  'xray:*',
];

/**
 * Item-level DynamoDB actions an agent needs on its own partition. Scan is left out on
 * purpose: `dynamodb:LeadingKeys` cannot confine a Scan to one partition.
 */
export const STATE_TABLE_ITEM_ACTIONS: readonly string[] = [
  'dynamodb:BatchGetItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DeleteItem',
  'dynamodb:DescribeTable',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:Query',
  'dynamodb:UpdateItem',
];

/**
 * What an agent may do with the objects under its own prefix of the shared artifacts bucket:
 * read (current and earlier versions), write, delete, and finish or abort multipart uploads.
 * No ACL, tagging, retention or legal-hold writes.
 */
export const ARTIFACT_OBJECT_ACTIONS: readonly string[] = [
  's3:AbortMultipartUpload',
  's3:DeleteObject',
  's3:GetObject',
  's3:GetObjectVersion',
  's3:ListMultipartUploadParts',
  's3:PutObject',
];

/** Listing keys of a bucket (ListObjects/ListObjectsV2); restricted per agent with {@link S3_PREFIX_KEY}. */
export const S3_LIST_BUCKET = 's3:ListBucket';
/** The key-name prefix a list request asks for; absent when the request lists the whole bucket. */
export const S3_PREFIX_KEY = 's3:prefix';

/** AgentCore Identity: an OAuth2 access token from a credential provider (the agent's Entra ID token). */
export const AGENTCORE_GET_RESOURCE_OAUTH2_TOKEN = 'bedrock-agentcore:GetResourceOauth2Token';
/**
 * Reading a credential provider's client secret (AgentCore Identity reads it with the caller's
 * credentials): the value and its metadata, as the CDK's `grantRead` gives.
 */
export const SECRETS_MANAGER_READ_SECRET: readonly string[] = ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'];
export const KMS_DECRYPT = 'kms:Decrypt';

/** What CloudWatch Logs needs on a customer-managed key to encrypt log groups (key policy). */
export const CLOUDWATCH_LOGS_KEY_ACTIONS: readonly string[] = [
  'kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*',
];

/** A gateway's Lambda tool targets: the gateway role invokes exactly the listed function ARNs. */
export const LAMBDA_INVOKE_FUNCTION = 'lambda:InvokeFunction';

/** Read-only EC2 lookups made by deploy-time custom resources. Neither supports resource-level permissions. */
export const EC2_DESCRIBE_VPN_CONNECTIONS = 'ec2:DescribeVpnConnections';
export const EC2_DESCRIBE_MANAGED_PREFIX_LISTS = 'ec2:DescribeManagedPrefixLists';
