import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthesize } from '../../lib/cli/synth';
import { deriveFrom, rawDefault } from '../helpers';

// The Azure side fails after the AWS side has already been synthesized.
jest.mock('../../stacks/azure-app', () => ({
  createAzureApp: () => { throw new Error('simulated CDKTF failure'); },
}));

test('a synth that fails midway leaves earlier outputs and no staging directory behind', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-atomic-'));
  try {
    fs.mkdirSync(path.join(dir, 'cdk.out'));
    fs.writeFileSync(path.join(dir, 'cdk.out', 'manifest.json'), '{"previous":true}');
    fs.mkdirSync(path.join(dir, 'cdktf.out'));
    fs.writeFileSync(path.join(dir, 'cdktf.out', 'manifest.json'), '{"previous":true}');
    expect(() => synthesize(deriveFrom(rawDefault()), dir)).toThrow('simulated CDKTF failure');
    expect(fs.readFileSync(path.join(dir, 'cdk.out', 'manifest.json'), 'utf8')).toBe('{"previous":true}');
    expect(fs.readFileSync(path.join(dir, 'cdktf.out', 'manifest.json'), 'utf8')).toBe('{"previous":true}');
    expect(fs.readdirSync(dir).sort()).toEqual(['cdk.out', 'cdktf.out']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
