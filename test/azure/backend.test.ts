import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createAzureApp } from '../../stacks/azure-app';
import { deriveFrom, rawDefault } from '../helpers';

function synthBackends(t: any): Record<string, any> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-backend-'));
  try {
    createAzureApp(deriveFrom(t), out).synth();
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    return Object.fromEntries(Object.entries<any>(manifest.stacks).map(([name, s]) => [name, JSON.parse(fs.readFileSync(path.join(out, s.synthesizedStackPath), 'utf8')).terraform.backend]));
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

describe('Terraform state', () => {
  test('azure.state: every stack uses the Azure Storage backend with its own state key and Entra ID auth', () => {
    const t = rawDefault();
    t.azure.state = { resourceGroupName: 'rg-tfstate', storageAccountName: 'sttfstateacme', containerName: 'tfstate', keyPrefix: 'acme/prod' };
    const backends = synthBackends(t);
    expect(Object.keys(backends)).toHaveLength(5);
    for (const [stack, b] of Object.entries(backends)) {
      expect(b).toEqual({ azurerm: expect.objectContaining({ resource_group_name: 'rg-tfstate', storage_account_name: 'sttfstateacme', container_name: 'tfstate', key: `acme/prod/${stack}.tfstate`, use_azuread_auth: true }) });
    }
  });

  test('without azure.state: local state files next to the output directory, by relative path', () => {
    const backends = synthBackends(rawDefault());
    for (const [stack, b] of Object.entries(backends)) {
      expect(b).toEqual({ local: { path: `../../../terraform.${stack}.tfstate` } });
    }
  });
});
