/**
 * Defence in depth for the placement contract: a Route 53 Resolver DNS Firewall on the agent
 * VPC that answers NXDOMAIN for the hostnames of AWS model endpoints (Bedrock runtime,
 * Bedrock Mantle, Bedrock agent runtime, SageMaker runtime) in every AWS region.
 *
 * DNS Firewall domain specifications allow a wildcard only as a leading `*.`, so
 * `bedrock-runtime.*.amazonaws.com` is not expressible: the list names each region
 * explicitly, each host both exactly and as `*.<host>` (a leading wildcard does not match
 * the name itself).
 *
 * @example
 * new ModelEndpointDnsFirewall(stack, 'DnsFirewall', { vpc, regions: AWS_REGIONS, namePrefix: 'stateline' });
 * @see https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-domain-lists.html
 */
import { Construct } from 'constructs';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as route53resolver from 'aws-cdk-lib/aws-route53resolver';

/** Hostnames of AWS inference endpoints, per region (`{r}`). */
export const MODEL_ENDPOINT_HOSTS = [
  'bedrock-runtime.{r}.amazonaws.com',
  'bedrock-runtime-fips.{r}.amazonaws.com',
  'bedrock-agent-runtime.{r}.amazonaws.com',
  'bedrock-agent-runtime-fips.{r}.amazonaws.com',
  'bedrock-mantle.{r}.api.aws',
  'runtime.sagemaker.{r}.amazonaws.com',
  'runtime-fips.sagemaker.{r}.amazonaws.com',
] as const;

/** The blocked domain specifications for `regions` (exact and `*.`-prefixed), sorted. */
export function modelEndpointDomains(regions: readonly string[]): string[] {
  const out = new Set<string>();
  for (const r of regions) {
    for (const h of MODEL_ENDPOINT_HOSTS) {
      const host = h.replace('{r}', r);
      out.add(host);
      out.add(`*.${host}`);
    }
  }
  return [...out].sort();
}

/** Properties of {@link ModelEndpointDnsFirewall}. */
export interface ModelEndpointDnsFirewallProps {
  readonly vpc: ec2.IVpc;
  /** AWS regions whose model endpoints are blocked (all of them: a model is a model in any region). */
  readonly regions: readonly string[];
  /** Prefix of the domain list, rule group and association names. */
  readonly namePrefix: string;
  /**
   * Association priority (DNS Firewall accepts 101-9900).
   * @default 101
   */
  readonly priority?: number;
}

export class ModelEndpointDnsFirewall extends Construct {
  public readonly domainList: route53resolver.CfnFirewallDomainList;
  public readonly ruleGroup: route53resolver.CfnFirewallRuleGroup;

  constructor(scope: Construct, id: string, props: ModelEndpointDnsFirewallProps) {
    super(scope, id);
    const priority = props.priority ?? 101;
    if (priority < 101 || priority > 9900) throw new Error(`ModelEndpointDnsFirewall: priority ${priority} is outside 101-9900`);
    this.domainList = new route53resolver.CfnFirewallDomainList(this, 'DomainList', {
      name: `${props.namePrefix}-aws-model-endpoints`,
      domains: modelEndpointDomains(props.regions),
    });
    this.ruleGroup = new route53resolver.CfnFirewallRuleGroup(this, 'Resource', {
      name: `${props.namePrefix}-block-aws-model-endpoints`,
      firewallRules: [{
        firewallDomainListId: this.domainList.attrId,
        priority: 100,
        action: 'BLOCK',
        blockResponse: 'NXDOMAIN',
      }],
    });
    new route53resolver.CfnFirewallRuleGroupAssociation(this, 'Association', {
      name: `${props.namePrefix}-block-aws-model-endpoints`,
      firewallRuleGroupId: this.ruleGroup.attrId,
      vpcId: props.vpc.vpcId,
      priority,
    });
  }
}
