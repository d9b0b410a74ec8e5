/**
 * The real environment behind the deploy preflight: PATH lookups, environment variables, and
 * read-only AWS CLI and Azure CLI calls (each with a timeout). Tests use stubs instead.
 */
import * as fs from 'fs';
import * as path from 'path';
import { spawn } from 'child_process';
import type { EnvironmentProbe, NetworkProbe, ProbeError } from './preflight';

/** PATH and `node_modules/.bin` of the project (where npm ci puts cdk and cdktf). */
export class ProcessEnvironment implements EnvironmentProbe {
  constructor(private readonly cwd: string, private readonly vars: NodeJS.ProcessEnv = process.env) {}

  hasCommand(name: string): boolean {
    const dirs = [path.join(this.cwd, 'node_modules', '.bin'), ...(this.vars.PATH ?? '').split(path.delimiter).filter(Boolean)];
    const names = process.platform === 'win32' ? [`${name}.cmd`, `${name}.exe`, name] : [name];
    return dirs.some((dir) => names.some((n) => {
      try {
        fs.accessSync(path.join(dir, n), fs.constants.X_OK);
        return true;
      } catch {
        return false;
      }
    }));
  }

  env(name: string): string | undefined {
    return this.vars[name];
  }

  /** `node_modules/.bin` of the project or an ancestor: where `npx` finds a tool without downloading one. */
  hasProjectTool(name: string): boolean {
    const names = process.platform === 'win32' ? [`${name}.cmd`, name] : [name];
    for (let dir = path.resolve(this.cwd); ; dir = path.dirname(dir)) {
      if (names.some((n) => fs.existsSync(path.join(dir, 'node_modules', '.bin', n)))) return true;
      if (path.dirname(dir) === dir) return false;
    }
  }

  fileExists(file: string): boolean {
    return fs.existsSync(path.resolve(this.cwd, file));
  }
}

/** Runs a CLI and returns its stdout, or a one-line error (first stderr line, exit code, timeout). */
function run(argv: readonly string[], timeoutMs = 30_000): Promise<string | ProbeError> {
  return new Promise((resolve) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => { child.kill(); resolve({ error: `${argv[0]} ${argv[1]} timed out after ${timeoutMs / 1000} s` }); }, timeoutMs);
    child.stdout.on('data', (b: Buffer) => { out += b.toString('utf8'); });
    child.stderr.on('data', (b: Buffer) => { err += b.toString('utf8'); });
    child.on('error', (e) => { clearTimeout(timer); resolve({ error: e.message }); });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else resolve({ error: (err.trim().split('\n').find((l) => l.trim() !== '') ?? `exit code ${code}`).slice(0, 300) });
    });
  });
}

const failed = (x: unknown): x is ProbeError => typeof x === 'object' && x !== null && 'error' in x;

/** Read-only calls through the AWS CLI and the Azure CLI. */
export class CliNetworkProbe implements NetworkProbe {
  async awsIdentity(region: string) {
    const out = await run(['aws', 'sts', 'get-caller-identity', '--output', 'json', '--region', region]);
    if (failed(out)) return out;
    const id = JSON.parse(out) as { Account: string; Arn: string };
    return { account: id.Account, arn: id.Arn };
  }

  async cdkBootstrapVersion(region: string) {
    // The default bootstrap qualifier's version parameter (what cdk deploy checks).
    const out = await run(['aws', 'ssm', 'get-parameter', '--name', '/cdk-bootstrap/hnb659fds/version', '--query', 'Parameter.Value', '--output', 'text', '--region', region]);
    if (failed(out)) return /ParameterNotFound/.test(out.error) ? null : out;
    return Number(out.trim());
  }

  async ecrImageExists(image: string) {
    const m = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)(?::([^@]+)|@(sha256:[a-f0-9]{64}))$/.exec(image);
    if (!m) return { error: `not an ECR image URI: ${image}` };
    const [, registry, region, repository, tag, digest] = m;
    const id = tag ? `imageTag=${tag}` : `imageDigest=${digest}`;
    const out = await run(['aws', 'ecr', 'describe-images', '--registry-id', registry, '--repository-name', repository, '--image-ids', id, '--region', region, '--output', 'json']);
    if (failed(out)) return /ImageNotFoundException|RepositoryNotFoundException/.test(out.error) ? false : out;
    return true;
  }

  async azureCliAccount(subscription?: string) {
    const out = await run(['az', 'account', 'show', ...(subscription ? ['--subscription', subscription] : []), '--output', 'json']);
    if (failed(out)) return out;
    const a = JSON.parse(out) as { id: string; tenantId?: string; user?: { name?: string } };
    return { subscriptionId: a.id, ...(a.tenantId ? { tenantId: a.tenantId } : {}), user: a.user?.name ?? '(unknown)' };
  }
}
