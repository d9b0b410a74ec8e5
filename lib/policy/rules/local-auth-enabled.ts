/**
 * privacy/local-auth-enabled: Azure serving resources are keyless (Entra ID only). Account keys
 * and AKS local accounts are long-lived shared credentials that bypass identity and audit.
 */
import { COMPLIANT, nonCompliant, NOT_APPLICABLE, typeIn } from '../rule';
import type { Rule } from '../types';
import { bool, isToken } from '../util/values';

/** Property that must be false (or true for AKS) and what the provider defaults to. */
const FLAGS: Record<string, { key: string; safe: boolean }> = {
  azurerm_cognitive_account: { key: 'local_auth_enabled', safe: false },
  azurerm_ai_services: { key: 'local_authentication_enabled', safe: false },
  azurerm_kubernetes_cluster: { key: 'local_account_disabled', safe: true },
};

export const localAuthEnabled: Rule = {
  id: 'privacy/local-auth-enabled',
  severity: 'warning',
  description: 'An Azure AI account allows key authentication, or an AKS cluster keeps its local admin account.',
  rationale:
    'Keys and local accounts are shared secrets that skip Entra ID, Conditional Access and per-identity audit; the azurerm defaults ' +
    'enable them. Keyless access lets the agent runtime use a federated identity instead.',
  fix: 'Set `local_auth_enabled = false` (`local_authentication_enabled = false` on azurerm_ai_services) and `local_account_disabled = true` on AKS; grant the runtime an Entra role instead.',
  scope: 'azurerm_cognitive_account, azurerm_ai_services, azurerm_kubernetes_cluster.',
  appliesTo: typeIn(...Object.keys(FLAGS)),
  evaluate(resource) {
    const flag = FLAGS[resource.type];
    if (!flag) return NOT_APPLICABLE;
    const v = resource.properties[flag.key];
    if (isToken(v) || bool(v) === flag.safe) return COMPLIANT;
    return nonCompliant(`${flag.key} is ${v === undefined ? `not set (defaults to ${!flag.safe})` : String(v)}`);
  },
};
