/**
 * secrets/plaintext-secret: no literal secret in synthesized output. A template or cdk.tf.json
 * is stored in cdk.out, CI artifacts, S3 and CloudFormation itself: a literal there is leaked.
 */
import { findSecrets, findTypedSecrets } from '../detect/secrets';
import { COMPLIANT, reasons } from '../rule';
import type { Rule } from '../types';

const KIND_TEXT = {
  named: 'holds a literal secret',
  'private-key': 'holds a literal private key',
  'connection-string': 'holds a connection string with a literal key or password',
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
    '`{{resolve:ssm-secure:...}}`), `PreSharedKeyStorage: SecretsManager` on VPN tunnels, a Terraform sensitive variable, ' +
    '`data.azurerm_key_vault_secret` or `random_password`, or a Key Vault reference in app settings.',
  scope:
    'Every managed resource (all properties, environment variables, app settings, ECS container definitions, embedded JSON documents). ' +
    'Names that end like a secret (`*_PASSWORD`, `*_SECRET`, `*_TOKEN`, `apiKey`, pre-shared keys) or whose last word is `KEY` ' +
    '(`AZURE_OPENAI_KEY`; not identifiers such as `KEY_VAULT_NAME`, `KMS_KEY_ID`, `PUBLIC_KEY`, `PARTITION_KEY`, `S3_KEY`) with a literal value; ' +
    'references, ARNs, Key Vault references, public keys and KMS aliases are fine.',
  appliesTo: () => true,
  evaluate(resource) {
    const hits = [...findTypedSecrets(resource.type, resource.properties as Record<string, unknown>), ...findSecrets(resource.properties)];
    if (hits.length === 0) return COMPLIANT;
    return reasons(hits.map((h) => `${h.path} ${KIND_TEXT[h.kind]} (${h.length} characters, value masked)`));
  },
};
