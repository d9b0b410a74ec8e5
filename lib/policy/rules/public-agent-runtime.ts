/**
 * privacy/public-agent-runtime: AgentCore runtimes, browsers and code interpreters run in VPC
 * mode, and gateways require authorization. The runtime's network mode defaults to PUBLIC,
 * so a missing NetworkConfiguration is public too.
 */
import { awsccName } from '../detect/inference';
import { COMPLIANT, nonCompliant, NOT_APPLICABLE } from '../rule';
import type { InventoryResource, Rule, RuleResult } from '../types';
import { isToken, literal, Obj, path, prop } from '../util/values';

type Kind = 'runtime' | 'browser' | 'code interpreter' | 'gateway';

const KINDS = new Map<string, Kind>([
  ['AWS::BedrockAgentCore::Runtime', 'runtime'],
  ['AWS::BedrockAgentCore::BrowserCustom', 'browser'],
  ['AWS::BedrockAgentCore::CodeInterpreterCustom', 'code interpreter'],
  ['AWS::BedrockAgentCore::Gateway', 'gateway'],
  ['aws_bedrockagentcore_agent_runtime', 'runtime'],
  ['aws_bedrockagentcore_browser', 'browser'],
  ['aws_bedrockagentcore_code_interpreter', 'code interpreter'],
  ['aws_bedrockagentcore_gateway', 'gateway'],
]);
for (const [type, kind] of [...KINDS]) if (type.startsWith('AWS::')) KINDS.set(awsccName(type), kind);

function networkMode(r: InventoryResource, kind: Kind): RuleResult {
  const raw = path(r.properties, 'NetworkConfiguration', 'NetworkMode');
  if (isToken(raw)) return COMPLIANT;
  const mode = literal(raw)?.toUpperCase();
  if (mode === undefined) {
    return nonCompliant(`${kind} has no NetworkConfiguration.NetworkMode: the default is PUBLIC (internet egress, outside the private link)`);
  }
  return mode === 'PUBLIC' ? nonCompliant(`${kind} runs in PUBLIC network mode`) : COMPLIANT;
}

function gateway(p: Obj): RuleResult {
  const raw = prop(p, 'AuthorizerType');
  if (isToken(raw)) return COMPLIANT;
  const type = literal(raw)?.toUpperCase();
  if (type === undefined || type === 'NONE') {
    return nonCompliant(`gateway has AuthorizerType ${type ?? '(not set)'}: any caller can list and invoke its tools`);
  }
  return COMPLIANT;
}

export const publicAgentRuntime: Rule = {
  id: 'privacy/public-agent-runtime',
  severity: 'error',
  description: 'An AgentCore runtime, browser or code interpreter runs in PUBLIC network mode, or a gateway has no authorizer.',
  rationale:
    'The stateful agent runtime must reach Azure models only over the private link and must not be an open door: a PUBLIC runtime ' +
    'has internet egress outside the VPC (and is the default), and a gateway without an authorizer exposes every tool behind it.',
  fix:
    'Use VPC network mode with private subnets (`RuntimeNetworkConfiguration.usingVpc(...)` in the CDK, ' +
    '`network_configuration { network_mode = "VPC" }` in Terraform); provide S3/ECR/Logs/STS endpoints or NAT. ' +
    'Give gateways `AuthorizerType: CUSTOM_JWT` or `AWS_IAM`.',
  scope: 'AWS::BedrockAgentCore::Runtime/BrowserCustom/CodeInterpreterCustom/Gateway, aws_bedrockagentcore_agent_runtime/browser/code_interpreter/gateway, awscc equivalents.',
  appliesTo: (type) => KINDS.has(type),
  evaluate(resource) {
    const kind = KINDS.get(resource.type);
    if (!kind) return NOT_APPLICABLE;
    return kind === 'gateway' ? gateway(resource.properties as Obj) : networkMode(resource, kind);
  },
};
