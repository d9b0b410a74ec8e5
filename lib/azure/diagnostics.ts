/**
 * A diagnostic setting sending a resource's logs and metrics to Log Analytics.
 *
 * Logs are selected by category group (`allLogs`, `audit`) where the resource type offers
 * groups, or by explicit category where a group would be too costly (AKS `kube-audit`).
 * Metrics use `enabled_metric` (the `metric` block is deprecated in azurerm 4.x).
 *
 * @example
 * new Diagnostics(this, 'Diagnostics', { targetResourceId: gw.id, workspace: logs });
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/monitor_diagnostic_setting
 */
import { Construct } from 'constructs';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { diagnosticSettingName } from './names';

/** Where diagnostics go: a workspace's id and name (the setting is named after it). */
export interface DiagnosticsDestination {
  readonly workspaceId: string;
  readonly workspaceName: string;
}

/** Properties of {@link Diagnostics}. */
export interface DiagnosticsProps {
  /** Resource whose logs and metrics are collected. */
  readonly targetResourceId: string;
  readonly workspace: DiagnosticsDestination;
  /**
   * Log category groups to collect.
   * @default ['allLogs'] when `logCategories` is not set, else none
   */
  readonly logCategoryGroups?: readonly string[];
  /**
   * Explicit log categories to collect.
   * @default none
   */
  readonly logCategories?: readonly string[];
  /**
   * Collect `AllMetrics`.
   * @default true
   */
  readonly metricsEnabled?: boolean;
}

export class Diagnostics extends Construct {
  public readonly setting: MonitorDiagnosticSetting;

  constructor(scope: Construct, id: string, props: DiagnosticsProps) {
    super(scope, id);
    const groups = props.logCategoryGroups ?? (props.logCategories ? [] : ['allLogs']);
    this.setting = new MonitorDiagnosticSetting(this, 'Resource', {
      name: diagnosticSettingName(props.workspace.workspaceName),
      targetResourceId: props.targetResourceId,
      logAnalyticsWorkspaceId: props.workspace.workspaceId,
      enabledLog: [
        ...groups.map((categoryGroup) => ({ categoryGroup })),
        ...(props.logCategories ?? []).map((category) => ({ category })),
      ],
      enabledMetric: (props.metricsEnabled ?? true) ? [{ category: 'AllMetrics' }] : undefined,
    });
  }
}
