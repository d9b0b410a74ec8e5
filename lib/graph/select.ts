/**
 * `graph --region`: draws only some serving regions. The hub, the link, the AWS side and the
 * cross-cloud path stay; the other serving regions fold into one node that still counts them
 * and their policy violations, so nothing wrong is hidden by the selection.
 *
 * A selector is a serving region (`francecentral`), a region with its stamp (`westeurope-b`),
 * a serving stack name, or a glob over any of these (`*europe*`, `sweden*`); several selectors
 * (repeated or comma-separated) form a group.
 */
import picomatch from 'picomatch';
import type { Finding, InventoryResource } from '../policy/types';
import { UserInputError } from '../topology/problems';

const SERVING_TYPES = new Set(['azurerm_cognitive_account', 'azurerm_kubernetes_cluster']);

export interface ServingStack {
  readonly stack: string;
  /** Names a selector can match: the Azure location, the stack-name suffix (region[-stamp]), the stack name. */
  readonly names: readonly string[];
}

export interface RegionSelection {
  readonly resources: readonly InventoryResource[];
  /** Serving stacks drawn / folded away. */
  readonly shown: readonly string[];
  readonly hidden: readonly string[];
  /** Unsuppressed error rule ids in the folded stacks. */
  readonly hiddenViolations: readonly string[];
}

/** Azure stacks that serve models (an AI Services account or an AKS cluster). */
export function servingStacks(resources: readonly InventoryResource[]): ServingStack[] {
  const stacks = [...new Set(resources.filter((r) => r.cloud === 'azure' && r.mode === 'managed' && SERVING_TYPES.has(r.type)).map((r) => r.stack))].sort();
  return stacks.map((stack) => {
    const location = resources.filter((r) => r.stack === stack).map((r) => r.properties.location).find((l): l is string => typeof l === 'string' && !l.includes('${'));
    const suffix = /-azure-serving-(.+)$/.exec(stack)?.[1];
    return { stack, names: [location, suffix, stack].filter((n): n is string => !!n) };
  });
}

/** Splits `--region a,b --region c` into selectors. */
export function regionSelectors(values: readonly string[]): string[] {
  return values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

export function selectRegions(resources: readonly InventoryResource[], findings: readonly Finding[], selectors: readonly string[]): RegionSelection {
  const serving = servingStacks(resources);
  const available = serving.map((s) => s.names[1] ?? s.names[0]).join(', ');
  const matchers = selectors.map((sel) => ({ sel, test: picomatch(sel.toLowerCase(), { nocase: true }) }));
  const unmatched = matchers.filter((m) => !serving.some((s) => s.names.some((n) => m.test(n.toLowerCase()))));
  if (unmatched.length > 0) {
    throw new UserInputError(`--region ${unmatched.map((m) => `"${m.sel}"`).join(', ')} matches no serving region; serving regions: ${available || '(none)'}`);
  }
  const shown = serving.filter((s) => matchers.some((m) => s.names.some((n) => m.test(n.toLowerCase())))).map((s) => s.stack);
  const hidden = serving.map((s) => s.stack).filter((s) => !shown.includes(s));
  const hiddenSet = new Set(hidden);
  const hiddenViolations = [...new Set(findings.filter((f) => hiddenSet.has(f.stack) && !f.suppressed && f.severity === 'error').map((f) => f.rule))].sort();
  return { resources: resources.filter((r) => !hiddenSet.has(r.stack)), shown, hidden, hiddenViolations };
}
