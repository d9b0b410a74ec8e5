/**
 * The shape of `aws.tools[]`: tools the agents call through their AgentCore Gateway.
 *
 * Tools are declared once and selected per agent (`aws.agents[].tools`); each agent that lists
 * tools gets its own gateway holding exactly those targets (see `derive.ts`), because with the
 * AWS_IAM inbound authorizer the unit of authorization is the gateway: `InvokeGateway` names a
 * gateway, and no IAM condition key narrows it to a target or a tool.
 *
 * Each tool has a `name` and exactly one kind (checked in `tool-rules.ts`):
 * - `lambda`: a function in the agents' account and region, with its MCP tool schema inline or in
 *   a JSON file;
 * - `openapi`: an OpenAPI 3.0/3.1 document (a file, uploaded as an asset, or an S3 URI) with
 *   outbound auth by API key or OAuth2 (client credentials) through AgentCore Identity;
 * - `mcp`: a remote MCP server (HTTPS) with OAuth2 outbound auth;
 * - `smithy`: a Smithy JSON AST model of an AWS service API (a file or an S3 URI) and the exact
 *   IAM actions and resources the gateway may call with it.
 *
 * Secrets are referenced by Secrets Manager ARN only, never given as values.
 * @see https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/gateway-building-adding-targets.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-bedrockagentcore-gatewaytarget.html
 */
import { z } from 'zod';

/** A Secrets Manager secret ARN with its 6-character suffix (shared with schema.ts). */
export const SECRET_ARN = /^arn:aws(-[a-z]+)*:secretsmanager:([a-z0-9-]+):(\d{12}):secret:[A-Za-z0-9/_+=.@-]{1,512}-[A-Za-z0-9]{6}$/;
export const KMS_KEY_ARN = /^arn:aws(-[a-z]+)*:kms:([a-z0-9-]+):(\d{12}):key\/[0-9a-fA-F-]{36}$/;
/**
 * Tool names: letters, digits and single hyphens, at most 64 characters. They become gateway
 * target names (`^([0-9a-zA-Z][-]?){1,100}$`), the prefix of every MCP tool name the target
 * exposes (`<target>___<tool>`) and part of credential provider names.
 */
export const TOOL_NAME = /^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,63}$/;
/** An unqualified or qualified (version / alias) Lambda function ARN. */
export const LAMBDA_ARN = /^arn:aws(-[a-z]+)*:lambda:([a-z0-9-]+):(\d{12}):function:([A-Za-z0-9_-]{1,64})(?::(\$LATEST|[A-Za-z0-9_-]{1,128}))?$/;
export const S3_URI = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/(.{1,1024})$/;
export const HTTPS_URL = /^https:\/\/[^\s/?#@]+(?:[/?#]\S*)?$/;
/** One IAM action, no wildcards. */
export const IAM_ACTION = /^[a-z0-9-]+:[A-Za-z0-9]+$/;
/** An ARN (resource patterns with `*` inside the resource part are allowed; a bare `*` is not). */
export const RESOURCE_ARN = /^arn:aws(-[a-z]+)*:([a-z0-9-]+):([a-z0-9-]*):(\d{12}|aws)?:(.+)$/;
const JSON_KEY = /^[A-Za-z0-9_.-]{1,64}$/;

/** JSON types of MCP tool input/output schemas (`AWS::BedrockAgentCore::GatewayTarget` SchemaDefinition). */
export const SCHEMA_TYPES = ['string', 'number', 'object', 'array', 'boolean', 'integer'] as const;

export interface SchemaDefinitionInput {
  type: (typeof SCHEMA_TYPES)[number];
  description?: string;
  properties?: Record<string, SchemaDefinitionInput>;
  items?: SchemaDefinitionInput;
  required?: string[];
}

/** A tool's input or output schema: the subset of JSON Schema AgentCore accepts inline. */
export const schemaDefinition: z.ZodType<SchemaDefinitionInput> = z.strictObject({
  type: z.enum(SCHEMA_TYPES),
  description: z.string().min(1).optional(),
  get properties(): z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodType<SchemaDefinitionInput>>> {
    return z.record(z.string().min(1), schemaDefinition).optional();
  },
  get items(): z.ZodOptional<z.ZodType<SchemaDefinitionInput>> {
    return schemaDefinition.optional();
  },
  required: z.array(z.string().min(1)).optional(),
}).meta({ id: 'ToolSchemaDefinition', description: 'A tool input or output schema: the JSON Schema subset AgentCore Gateway accepts inline' });

/** One MCP tool a Lambda target exposes. */
export const toolDefinition = z.strictObject({
  /** MCP tool name (the agent sees `<tool name>___<name>`). */
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'must be 1-64 letters, digits, "_" or "-", starting with a letter'),
  description: z.string().min(1, 'describe what the tool does: the model chooses tools by their description'),
  inputSchema: schemaDefinition,
  outputSchema: schemaDefinition.optional(),
});
export const toolDefinitions = z.array(toolDefinition).min(1, 'a Lambda tool exposes at least one tool definition');
/** One MCP tool a Lambda target exposes: name, description, input and optional output schema. */
export type ToolDefinition = z.output<typeof toolDefinition>;

const secretArn = z.string().regex(SECRET_ARN, 'must be the complete ARN of a Secrets Manager secret (with its 6-character suffix), e.g. arn:aws:secretsmanager:eu-central-1:123456789012:secret:tool-key-AbCdEf');
const kmsKeyArn = z.string().regex(KMS_KEY_ARN, 'must be a KMS key ARN, e.g. arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab');
const httpsUrl = (what: string) => z.string().regex(HTTPS_URL, `must be an https:// URL (${what})`);
/** A file path (relative to the config file) or an S3 URI; which one is decided by the `s3://` scheme. */
const document = (what: string) => z.string().min(1, `give the ${what} as a file path (relative to the config file) or an s3:// URI`);

/**
 * API key outbound auth: an AgentCore Identity API key credential provider whose key stays in
 * your Secrets Manager secret (`ApiKeySecretSource: EXTERNAL`), as JSON `{ "<jsonKey>": "..." }`.
 */
const apiKeyAuth = z.strictObject({
  secretArn,
  jsonKey: z.string().regex(JSON_KEY, 'must be 1-64 letters, digits, "_", "." or "-"').default('apiKey'),
  /** Customer-managed key of that secret, if any: the gateway role may decrypt with it through Secrets Manager only. */
  kmsKeyArn: kmsKeyArn.optional(),
  /** Where the gateway puts the key. */
  location: z.enum(['header', 'query']).default('header'),
  /** Header or query parameter name. @default `Authorization` (header), `api_key` (query) */
  parameterName: z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$/, 'must be a header or query parameter name of 1-64 characters').optional(),
  /** Prefix before the key, e.g. "Bearer ". @default none */
  prefix: z.string().min(1).max(64).optional(),
});

/**
 * OAuth2 outbound auth with the client-credentials grant: an AgentCore Identity OAuth2 credential
 * provider (`CustomOauth2`) whose client secret stays in your Secrets Manager secret
 * (`ClientSecretSource: EXTERNAL`). Give the authorization server as `discoveryUrl`, or as
 * `issuer`, `authorizationEndpoint` and `tokenEndpoint`.
 */
const oauth2Auth = z.strictObject({
  clientId: z.string().min(1).max(256),
  clientSecretArn: secretArn,
  clientSecretJsonKey: z.string().regex(JSON_KEY, 'must be 1-64 letters, digits, "_", "." or "-"').default('clientSecret'),
  kmsKeyArn: kmsKeyArn.optional(),
  discoveryUrl: httpsUrl('OpenID Connect discovery document, ending in /.well-known/openid-configuration').optional(),
  issuer: httpsUrl('issuer').optional(),
  authorizationEndpoint: httpsUrl('authorization endpoint').optional(),
  tokenEndpoint: httpsUrl('token endpoint').optional(),
  /** Scopes the gateway requests for this tool (AgentCore: at most 100, each 1-64 characters). */
  scopes: z.array(z.string().min(1).max(64)).max(100).default([]),
  /** How the client authenticates at the token endpoint. */
  clientAuthentication: z.enum(['CLIENT_SECRET_POST', 'CLIENT_SECRET_BASIC']).default('CLIENT_SECRET_POST'),
});

const lambdaTool = z.strictObject({
  /** Function in the agents' account and region (the gateway role may invoke exactly this ARN). */
  functionArn: z.string().regex(LAMBDA_ARN, 'must be a Lambda function ARN, e.g. arn:aws:lambda:eu-central-1:123456789012:function:order-lookup'),
  /** MCP tool definitions inline, or a JSON file (relative to the config file) holding that array. */
  toolSchema: z.union([z.string().min(1), toolDefinitions]),
});

const openApiTool = z.strictObject({
  /** OpenAPI 3.0/3.1 document: a JSON or YAML file (uploaded as a CDK asset) or an s3:// URI. */
  schema: document('OpenAPI document'),
  /** Account that owns the S3 bucket of an s3:// schema (the gateway checks it). @default the bucket is not checked */
  bucketOwnerAccountId: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id').optional(),
  auth: z.strictObject({ apiKey: apiKeyAuth.optional(), oauth2: oauth2Auth.optional() }),
});

const mcpTool = z.strictObject({
  /** The remote MCP server's streamable HTTP endpoint. */
  endpoint: httpsUrl('the MCP server endpoint, e.g. https://mcp.example.com/mcp'),
  auth: z.strictObject({ oauth2: oauth2Auth }),
});

const smithyTool = z.strictObject({
  /** Smithy JSON AST model of an AWS service API: a JSON file (uploaded as a CDK asset) or an s3:// URI. */
  model: document('Smithy model'),
  bucketOwnerAccountId: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id').optional(),
  /** What the gateway role may call with this model: exact actions on listed resources (SigV4 with the gateway's role). */
  allow: z.array(z.strictObject({
    actions: z.array(z.string().regex(IAM_ACTION, 'must be one IAM action such as dynamodb:GetItem (no wildcards: list each action the tool may call)')).min(1),
    resources: z.array(z.string().regex(RESOURCE_ARN, 'must be a resource ARN such as arn:aws:dynamodb:eu-central-1:123456789012:table/orders (not "*")')).min(1),
  })).min(1, 'list what the tool may call: at least one { actions, resources } entry'),
});

export const toolSchema = z.strictObject({
  name: z.string().regex(TOOL_NAME, 'must be 1-64 letters, digits and single hyphens, starting and ending with a letter or digit (gateway target name)'),
  /** Shown to the agent with the target (at most 200 characters). */
  description: z.string().min(1).max(200).optional(),
  lambda: lambdaTool.optional(),
  openapi: openApiTool.optional(),
  mcp: mcpTool.optional(),
  smithy: smithyTool.optional(),
});

/** The kinds of tool target, one of which each tool sets. */
export const TOOL_KINDS = ['lambda', 'openapi', 'mcp', 'smithy'] as const;
/** A tool's kind: `lambda`, `openapi`, `mcp` or `smithy` (the gateway target type). */
export type ToolKind = (typeof TOOL_KINDS)[number];
/** One entry of `aws.tools[]`: a named tool of exactly one kind, which agents list by name in `aws.agents[].tools`. */
export type Tool = z.output<typeof toolSchema>;
/** API key outbound auth of an OpenAPI tool: the key stays in your Secrets Manager secret, referenced by ARN. */
export type ApiKeyAuth = z.output<typeof apiKeyAuth>;
/** OAuth2 client-credentials outbound auth of an OpenAPI or MCP tool: the client secret stays in your Secrets Manager secret. */
export type OAuth2Auth = z.output<typeof oauth2Auth>;
