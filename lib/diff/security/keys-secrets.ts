/**
 * Keys and secrets: KMS keys and their policies, Key Vaults, vault keys and secrets, Secrets
 * Manager secrets, encryption settings and pre-shared keys on any resource. Any change to
 * them is security-relevant, in either direction (a removed key can make data unreadable).
 */
import type { SecurityKind } from './types';
import { isCosmetic, leaf } from './util';

const KEY_TYPES = /^(AWS::KMS::\w+|AWS::SecretsManager::\w+|AWS::ACMPCA::\w+|azurerm_key_vault(_\w+)?|azurerm_disk_encryption_set|azurerm_storage_account_customer_managed_key|aws_kms_\w+|aws_secretsmanager_\w+)$/;
const KEY_PROPS = /^(\w*kms\w*|\w*encryption\w*|sse\w*|\w*customer_managed_key\w*|\w*key_vault_key\w*|\w*pre_?shared_?key\w*|shared_key|secret\w*|\w*_secret|\w*private_?key\w*|\w*certificate\w*)$/i;

export const keysSecrets: SecurityKind = {
  id: 'keys-secrets',
  title: 'keys and secrets',
  security: 'a KMS key, key policy, Key Vault (key, secret, access policy), Secrets Manager secret or certificate authority is added, removed or changed; an encryption setting, key reference or pre-shared key changes on any resource',
  notSecurity: 'only tags or descriptions of a key or secret change, or the change touches no key, secret or encryption setting',
  classify: ({ resourceType, kind, changes }) => {
    if (KEY_TYPES.test(resourceType)) {
      if (kind === 'add' || kind === 'remove') return [`${kind === 'add' ? 'adds' : 'removes'} ${resourceType}`];
      const real = changes.filter((c) => !isCosmetic(c));
      return real.length ? [`changes ${resourceType}: ${real.slice(0, 4).map((c) => c.path).join(', ')}${real.length > 4 ? `, +${real.length - 4} more` : ''}`] : [];
    }
    return changes.filter((c) => !isCosmetic(c) && c.path.split(/[.[\]]/).filter(Boolean).some((seg) => KEY_PROPS.test(seg)))
      .map((c) => `changes ${c.path} (${leaf(c.path)})`);
  },
};
