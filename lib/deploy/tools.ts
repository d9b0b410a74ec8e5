/**
 * How the deploy starts its tools. `npx cdk` / `npx cdktf` run the project's own install; when
 * the tool is missing, npx would otherwise download whatever the public registry serves under
 * that name (in CI, without asking: `cdk` is not even the AWS package). `npm_config_yes=false`
 * makes npx refuse instead, and the preflight has already said how to install the tool.
 */
import { ProcessRunner } from './runner';

/** Environment every tool process gets: npx never installs, no telemetry calls. */
export const TOOL_ENV: Readonly<Record<string, string>> = {
  npm_config_yes: 'false',
  CHECKPOINT_DISABLE: '1',
  CDK_DISABLE_CLI_TELEMETRY: 'true',
};

/** The process runner with {@link TOOL_ENV} under every step's own environment. */
export class ProjectToolsRunner extends ProcessRunner {
  exec(argv: readonly string[], env: Readonly<Record<string, string>>): Promise<number> {
    return super.exec(argv, { ...TOOL_ENV, ...env });
  }
}
