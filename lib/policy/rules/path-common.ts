/**
 * Shared shape of the `path/*` rules: each reports, on an agent runtime, the agent-to-model
 * paths whose FIRST broken hop is its hop (so one break gives one finding, at the hop that
 * needs fixing), naming the agent, the model and what is missing. The proof itself lives in
 * lib/path and runs once per inventory.
 */
import { HOPS, HopId, provePaths } from '../../path';
import { COMPLIANT, NOT_APPLICABLE, reasons } from '../rule';
import type { Rule, RuleInfo } from '../types';

export type PathRuleInfo = Omit<RuleInfo, 'id' | 'severity'>;

export function pathRule(hopId: HopId, info: PathRuleInfo): Rule {
  return {
    id: HOPS[hopId],
    severity: 'error',
    ...info,
    scope: 'AWS::BedrockAgentCore::Runtime, with both clouds in the inputs (CloudFormation for AWS, azurerm/azuread Terraform for Azure).',
    appliesTo: (type) => type === 'AWS::BedrockAgentCore::Runtime',
    evaluate(resource, { inventory }) {
      const report = provePaths(inventory);
      if (!report.applicable) return NOT_APPLICABLE;
      const agent = report.agents.find((a) => a.runtime === resource);
      if (!agent) return NOT_APPLICABLE;
      const broken = agent.paths.filter((p) => p.broken?.hop === hopId);
      if (broken.length === 0) return COMPLIANT;
      return reasons(broken.map((p) => `agent ${agent.agent} -> ${p.target.label}: ${p.broken!.detail}`));
    },
  };
}
