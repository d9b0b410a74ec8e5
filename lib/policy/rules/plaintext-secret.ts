/**
 * secrets/plaintext-secret: no literal secret in synthesized output. A template or cdk.tf.json
 * is stored in cdk.out, CI artifacts, S3 and CloudFormation itself: a literal there is leaked.
 * What counts as a secret comes from the providers' schemas (lib/policy/detect/sensitive-table.ts),
 * variable naming conventions, auth-parameter blocks and value shapes (lib/policy/detect/secrets.ts).
 */
import { findSecrets } from '../detect/secrets';
import { SENSITIVE_TABLE_SOURCE } from '../detect/sensitive-table';
import { COMPLIANT, reasons } from '../rule';
import type { Rule } from '../types';

const KIND_TEXT = {
  named: 'holds a literal secret',
  'private-key': 'holds a literal private key',
  'connection-string': 'holds a connection string with a literal key or password',
  token: 'holds a literal access token',
} as const;

export const plaintextSecret: Rule = {
  id: 'secrets/plaintext-secret',
  severity: 'error',
  description: 'A resource property or environment variable holds a literal secret (pre-shared key, password, API key, token, private key, connection string).',
  rationale:
    'Synthesized templates and Terraform JSON are copied to build artifacts, S3 and the deployment service; a literal secret there is ' +
    'disclosed to everyone who can read them. VPN pre-shared keys in particular must never be literals (shared/DOMAIN.md).',
  fix:
    'Reference the secret instead of embedding it: a CloudFormation dynamic reference (`{{resolve:secretsmanager:...}}`, ' +
    '`{{resolve:ssm-secure:...}}`) or a `NoEcho` parameter, `PreSharedKeyStorage: SecretsManager` on VPN tunnels, a Terraform sensitive variable, ' +
    '`data.aws_secretsmanager_secret_version`, `data.azurerm_key_vault_secret` or `random_password`, or a Key Vault reference in app settings.',
  scope:
    'Every managed resource. Secret-ness comes from what an attribute is: attributes the Terraform providers mark sensitive ' +
    `(${SENSITIVE_TABLE_SOURCE.terraform.join(', ')}) and credential properties of the CloudFormation registry schemas, checked ${SENSITIVE_TABLE_SOURCE.checked} ` +
    '(`scripts/gen-sensitive-attributes.ts`); environment variables and app settings named like secrets (`*_PASSWORD`, `*_SECRET`, `*_TOKEN`, ' +
    '`*_API_KEY`, `AZURE_OPENAI_KEY`; a weaker `*_KEY` only with a key-shaped value); credential fields and secret headers of auth-parameter blocks ' +
    'however named; PEM private keys, connection strings with `AccountKey`/`SharedAccessKey`/`Password` and vendor-prefixed tokens anywhere. ' +
    'Identifiers (`route_key`, `hash_key`, `range_key`, `kms_key_id`, `key_name`, S3 object keys, DynamoDB key schemas), public keys and ' +
    'references (intrinsics, dynamic references, `${...}` interpolations, Key Vault references, ARNs) are never findings.',
  appliesTo: () => true,
  evaluate(resource) {
    const hits = findSecrets(resource.properties as Record<string, unknown>, resource.type);
    if (hits.length === 0) return COMPLIANT;
    return reasons(hits.map((h) => `${h.path} ${KIND_TEXT[h.kind]} (${h.length} characters, value masked)`));
  },
};
