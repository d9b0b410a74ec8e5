/**
 * What the path proof produces: for every agent runtime and every model it is configured to
 * use, the hops of the request path in order, each proven or broken, and the first broken one.
 */
import type { InventoryResource } from '../policy/types';

/** The hops, in the order a request takes them; each has the `path/*` rule that reports it. */
export const HOPS = {
  target: 'path/unknown-target',
  token: 'path/no-token-path',
  dns: 'path/dns-unresolvable',
  'security-group': 'path/blocked-by-security-group',
  route: 'path/no-route',
  nsg: 'path/blocked-by-nsg',
  authorization: 'path/no-role-assignment',
} as const;
export type HopId = keyof typeof HOPS;
export type PathRuleId = (typeof HOPS)[HopId];

export interface Hop {
  readonly hop: HopId;
  readonly ok: boolean;
  /** What was proven, or what is missing and where. */
  readonly detail: string;
}

/** A model endpoint an agent calls. */
export interface Target {
  readonly kind: 'model-deployment' | 'model-server';
  /** `gpt-5-6-terra on ais-acme-sdc` or `model server llm at 10.61.1.36`. */
  readonly label: string;
  /** The Azure resource that serves it (account or cluster), when it exists in the inputs. */
  readonly resource?: InventoryResource;
}

export interface ModelPath {
  readonly target: Target;
  readonly hops: readonly Hop[];
  /** The first hop that is not proven; undefined when the whole path is proven. */
  readonly broken?: Hop;
}

export interface AgentPaths {
  readonly agent: string;
  readonly runtime: InventoryResource;
  readonly paths: readonly ModelPath[];
}

export interface PathReport {
  /** False when the inputs hold only one cloud (nothing to prove). */
  readonly applicable: boolean;
  readonly agents: readonly AgentPaths[];
}

export const proven = (p: ModelPath) => p.broken === undefined;
