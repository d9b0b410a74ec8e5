/**
 * `stateline/topology`: the topology model. Write a topology (TypeScript, JSON or YAML),
 * validate it (every problem at once, with field paths), and derive what both clouds share
 * (names, subnet plans, tunnel plan, DNS forwarders, deploy phases).
 */
export { defineTopology } from '../topology/define';
export { DEFAULT_TOPOLOGY } from '../topology/default';
export { derive } from '../topology/derive';
export type {
  AgentIdentityPlan, AgentPlan, ClusterPlan, Derived, LinkPlan, Phase, ServingPlan, ToolPlan, TunnelPlan,
} from '../topology/derive';
export { loadTopology, topologyFromRaw } from '../topology/load';
export type { LoadedTopology } from '../topology/load';
export { UserInputError } from '../topology/problems';
export type { Problem } from '../topology/problems';
export type {
  Agent, AgentAzureIdentity, ApiKeyAuth, GpuPool, ModelDeployment, OAuth2Auth, ServingCluster, ServingRegion, Suppression, Tool, ToolDefinition, ToolKind,
  Topology, TopologyInput,
} from '../topology/schema';
export { validateTopology } from '../topology/validate';
export type { ValidationResult } from '../topology/validate';
