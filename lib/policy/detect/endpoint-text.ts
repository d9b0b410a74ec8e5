/**
 * An endpoint URL as it will be at deploy time, as far as the template says: CloudFormation
 * `Fn::Join` parts joined, `Fn::Sub` variables substituted (pseudo parameters such as
 * `${AWS::Region}` / `${AWS::URLSuffix}` and other references kept as `${...}` placeholders), both
 * branches of `Fn::If`; Terraform interpolations stay `${...}`. Model runtime hosts are then matched
 * with placeholders allowed where a region or a domain suffix goes.
 */
import { isObj } from '../util/values';

const MAX_DEPTH = 24;

/** Renders a value (literal or intrinsic) to searchable text; unrelated keys are joined with spaces. */
export function renderEndpointText(v: unknown, depth = 0): string {
  if (depth > MAX_DEPTH || v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map((x) => renderEndpointText(x, depth + 1)).join(' ');
  if (!isObj(v)) return '';
  const keys = Object.keys(v);
  if (keys.length === 1) {
    const [k] = keys;
    const arg = v[k];
    if (k === 'Ref' && typeof arg === 'string') return `\${${arg}}`;
    if (k === 'Fn::GetAtt') return `\${${Array.isArray(arg) ? arg.join('.') : String(arg)}}`;
    if (k === 'Fn::Join' && Array.isArray(arg) && arg.length === 2 && Array.isArray(arg[1])) {
      const delimiter = typeof arg[0] === 'string' ? arg[0] : '';
      return arg[1].map((x) => renderEndpointText(x, depth + 1)).join(delimiter);
    }
    if (k === 'Fn::Sub') {
      const [template, vars] = Array.isArray(arg) ? [arg[0], arg[1]] : [arg, undefined];
      if (typeof template !== 'string') return '';
      if (!isObj(vars)) return template;
      return template.replace(/\$\{([^}!]+)\}/g, (whole, name: string) => (name in vars ? renderEndpointText(vars[name], depth + 1) : whole));
    }
    if (k === 'Fn::If' && Array.isArray(arg)) return arg.slice(1).map((x) => renderEndpointText(x, depth + 1)).join(' ');
    if (k === 'Fn::ImportValue' || k === 'Fn::FindInMap' || k === 'Fn::Select') return '${' + k + '}';
  }
  return keys.map((key) => `${key} ${renderEndpointText(v[key], depth + 1)}`).join(' ');
}

/** A region or domain-suffix slot: a literal or a `${...}` placeholder (pseudo parameter, variable, data source). */
const SLOT = String.raw`(?:[a-z0-9-]+|\$\{[^}]+\})`;
/**
 * Model runtime hosts and ARNs: Bedrock runtime / agent runtime / Mantle, SageMaker runtime, the Bedrock
 * service endpoint (`bedrock.<region>.amazonaws.com`, also `bedrock.${AWS::Region}.${AWS::URLSuffix}`), and
 * API Gateway service integration ARNs (`arn:aws:apigateway:<region>:bedrock:path/...`).
 */
export const RUNTIME_HOST_RE = new RegExp(
  [
    String.raw`runtime\.sagemaker`,
    String.raw`sagemaker-runtime`,
    String.raw`runtime\.bedrock`,
    String.raw`bedrock-runtime`,
    String.raw`bedrock-agent-runtime`,
    String.raw`bedrock-mantle`,
    String.raw`:bedrock:(?:path|action)\/`,
    String.raw`:sagemaker:(?:path|action)\/`,
    String.raw`\/\/bedrock(?:-fips)?\.${SLOT}\.(?:amazonaws\.com(?:\.cn)?|\$\{[^}]+\})`,
  ].join('|'),
  'i',
);

/** `:bedrock:path/` -> `bedrock`, `//bedrock.us-east-1.amazonaws.com` -> `bedrock`, `runtime.sagemaker` as is. */
export const runtimeName = (m: string): string =>
  m
    .replace(/^[:/]+|[:/]+$/g, '')
    .replace(/:(?:path|action)$/i, '')
    .replace(/^(bedrock(?:-fips)?)\..*$/i, '$1');

/** The model runtime an endpoint value points at, if any. */
export function modelRuntimeOf(v: unknown): string | undefined {
  const rendered = renderEndpointText(v);
  const m = RUNTIME_HOST_RE.exec(rendered);
  return m ? runtimeName(m[0]) : undefined;
}
