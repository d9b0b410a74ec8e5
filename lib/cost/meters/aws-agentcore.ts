/**
 * Amazon Bedrock AgentCore meters: every AgentCore component is consumption-billed (runtime
 * vCPU-hours and GB-hours while sessions run, memory events and records, gateway invocations,
 * identity token requests), so none adds to the floor.
 */
import { blocks, isObj, literal } from '../../policy/util/values';
import type { UsageCharge } from '../model';
import { constant, free, Meter } from './types';

const runtime = constant({
  usage: [
    { key: 'aws/agentcore/runtime-vcpu', label: 'runtime CPU while sessions compute (not while waiting on I/O)' },
    { key: 'aws/agentcore/runtime-memory', label: 'runtime memory while sessions run' },
  ],
});

/** Self-managed and custom (override) strategies store records at the lower rate. */
const SELF_MANAGED = /SelfManaged|Custom/;

const memory: Meter = (r) => {
  const strategies = blocks(r.properties.MemoryStrategies);
  const kinds = strategies.flatMap((s) => Object.keys(s).filter((k) => isObj(s[k])));
  const usage: UsageCharge[] = [{ key: 'aws/agentcore/memory-events', label: 'short-term events created' }];
  if (kinds.some((k) => !SELF_MANAGED.test(k))) usage.push({ key: 'aws/agentcore/memory-records-builtin', label: 'long-term records stored (built-in strategies)' });
  if (kinds.some((k) => SELF_MANAGED.test(k))) usage.push({ key: 'aws/agentcore/memory-records-self-managed', label: 'long-term records stored (self-managed strategies)' });
  if (kinds.length) usage.push({ key: 'aws/agentcore/memory-retrievals', label: 'long-term record retrievals' });
  return { usage };
};

const gateway: Meter = (r) => {
  const mcp = (r.properties.ProtocolConfiguration as { Mcp?: { SearchType?: unknown } } | undefined)?.Mcp;
  const semantic = literal(mcp?.SearchType) === 'SEMANTIC';
  return {
    usage: [
      { key: 'aws/agentcore/gateway-invocations', label: 'tool invocations (ListTools, CallTool, Ping)' },
      ...(semantic ? [
        { key: 'aws/agentcore/gateway-search', label: 'semantic tool searches' },
        { key: 'aws/agentcore/gateway-tool-index', label: 'tools indexed for search' },
      ] : []),
    ],
  };
};

const identity = constant({
  usage: [{ key: 'aws/agentcore/identity-requests', label: 'token requests (no charge when made through AgentCore Runtime or Gateway)' }],
});

export const AWS_AGENTCORE_METERS: Record<string, Meter> = {
  'AWS::BedrockAgentCore::Runtime': runtime,
  'AWS::BedrockAgentCore::RuntimeEndpoint': free('billed through its runtime'),
  'AWS::BedrockAgentCore::Memory': memory,
  'AWS::BedrockAgentCore::Gateway': gateway,
  'AWS::BedrockAgentCore::GatewayTarget': free('billed through its gateway'),
  'AWS::BedrockAgentCore::OAuth2CredentialProvider': identity,
  'AWS::BedrockAgentCore::ApiKeyCredentialProvider': identity,
  'AWS::BedrockAgentCore::WorkloadIdentity': identity,
};
