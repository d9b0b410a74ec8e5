/**
 * A Log Analytics workspace: the destination of one region's diagnostic settings and of
 * its AKS clusters' monitoring agent.
 *
 * Local (shared key) authentication is off: agents and diagnostic settings use Entra ID.
 *
 * @example
 * const logs = new LogAnalytics(stack, 'Logs', { name: 'log-stateline-sdc', location, resourceGroupName, tags });
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/log_analytics_workspace
 */
import { Construct } from 'constructs';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { azureName } from './names';

/** Properties of {@link LogAnalytics}. */
export interface LogAnalyticsProps {
  /** Workspace name (4-63 letters, digits or hyphens). */
  readonly name: string;
  readonly location: string;
  readonly resourceGroupName: string;
  /** Tags applied to the workspace. */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * Retention of interactive data, days (30-730).
   * @default 30
   */
  readonly retentionInDays?: number;
}

export class LogAnalytics extends Construct {
  public readonly workspace: LogAnalyticsWorkspace;
  /** Workspace resource id (diagnostic settings, `oms_agent`). */
  public readonly workspaceId: string;
  public readonly workspaceName: string;

  constructor(scope: Construct, id: string, props: LogAnalyticsProps) {
    super(scope, id);
    this.workspaceName = azureName('logAnalytics', props.name);
    this.workspace = new LogAnalyticsWorkspace(this, 'Resource', {
      name: this.workspaceName,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      sku: 'PerGB2018',
      retentionInDays: props.retentionInDays ?? 30,
      localAuthenticationEnabled: false,
      tags: { ...props.tags },
    });
    this.workspaceId = this.workspace.id;
  }
}
