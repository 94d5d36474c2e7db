// Which secret hits are notes rather than errors (issue #15): a provider's test, sandbox,
// restricted or public key, and any key in a file that looks like test data. Notes are still
// reported (the file reaches the image) but do not fail the default --fail-on error gate.
import { describe, expect, it } from 'vitest';
import { MemoryFS } from '../../src/fs/memory-fs.js';
import { scanSecrets, type SecretHit } from '../../src/analyzers/secrets/index.js';
import { testDataReason } from '../../src/analyzers/secrets/file-rules.js';
import { runCli } from '../helpers/cli.js';
import { writeTree } from '../helpers/tree.js';
import { B62, HEX, makeRandom } from './helpers.js';

const r = makeRandom(0x5e7);
const cat = (...p: string[]): string => p.join('');

async function hitsOf(files: Record<string, string>): Promise<SecretHit[]> {
  const fs = new MemoryFS({ files });
  return (await scanSecrets(Object.keys(files).map((p) => ({ path: p, size: fs.lstat(p).size, type: 'file' })), fs)).hits;
}

describe('provider test and restricted keys are notes', () => {
  it.each([
    ['Stripe test key', cat('sk', '_te', 'st_', r(B62, 24)), true],
    ['Stripe test restricted key', cat('rk', '_te', 'st_', r(B62, 24)), true],
    ['Stripe live restricted key', cat('rk', '_li', 've_', r(B62, 24)), true],
    ['Stripe live secret key', cat('sk', '_li', 've_', r(B62, 24)), false],
    ['Shippo test token', cat('shippo', '_test_', r(HEX, 40)), true],
    ['Shippo live token', cat('shippo', '_live_', r(HEX, 40)), false],
    ['EasyPost test key', cat('EZ', 'TK', r('abcdefghijklmnopqrstuvwxyz0123456789', 54)), true],
    ['Flutterwave test secret', cat('FLWSE', 'CK_TEST-', r(HEX, 32), '-X'), true],
    ['Flutterwave public key', cat('FLWPU', 'BK-', r(HEX, 32), '-X'), true],
    ['Flutterwave live secret', cat('FLWSE', 'CK-', r(HEX, 32), '-X'), false],
  ])('%s → note: %s', async (_name, value, note) => {
    const hits = await hitsOf({ 'config/app.yml': `key: ${value}\n` });
    expect(hits).toHaveLength(1);
    expect(hits[0]!.note !== undefined).toBe(note);
  });
});

describe('test data', () => {
  it.each([
    ['pkg/parser/testdata/keys.txt', true],
    ['internal/fixtures/creds.json', true],
    ['src/__fixtures__/env.ts', true],
    ['spec/fixtures/a.yml', true],
    ['crypto/test-vectors/rsa.txt', true],
    ['auth/token_test.go', true],
    ['tests/test_login.py', true],
    ['src/client.spec.ts', true],
    ['src/client.test.js', true],
    ['spec/models/user_spec.rb', true],
    ['src/test/java/AuthServiceTest.java', true],
    ['src/contest.ts', false],
    ['latest.json', false],
    ['config/testing.yml', false],
    ['src/attestation.go', false],
  ])('%s → %s', (path, yes) => {
    expect(testDataReason(path) !== null).toBe(yes);
  });

  it('a key under testdata/ is still reported, as a note, with the same rule', async () => {
    const gh = cat('gh', 'p_', r(B62, 36));
    const hits = await hitsOf({ 'pkg/testdata/token.txt': `${gh}\n`, 'pkg/real.txt': `${gh}\n`, 'fixtures/.env': 'A=1\n' });
    expect(hits.map((h) => [h.rule, h.path, h.note !== undefined])).toEqual([
      ['secret/github-token', 'pkg/testdata/token.txt', true],
      ['secret/github-token', 'pkg/real.txt', false],
      ['secret/dotenv', 'fixtures/.env', true],
    ]);
    expect(hits[0]!.note).toMatch(/test data/);
  });

  it('through the CLI: notes do not fail the default gate; errors do; --fail-on note does', () => {
    const gh = cat('gh', 'p_', r(B62, 36));
    const test = cat('sk', '_te', 'st_', r(B62, 24));
    const notesOnly = writeTree({ files: { Dockerfile: 'FROM alpine\nCOPY . /app\n', 'testdata/token.txt': `${gh}\n`, 'app.yml': `stripe: ${test}\n` } });
    const res = runCli(['.', '--format', 'json'], { cwd: notesOnly });
    expect(res.code).toBe(0);
    const findings = (JSON.parse(res.stdout) as { findings: { rule: string; severity: string; path?: string }[] }).findings.filter((f) => f.rule.startsWith('secret/'));
    expect(findings.map((f) => [f.rule, f.path, f.severity]).sort()).toEqual([
      ['secret/github-token', 'testdata/token.txt', 'note'],
      ['secret/stripe-key', 'app.yml', 'note'],
    ]);
    expect(res.stdout).not.toContain(gh);
    expect(res.stdout).not.toContain(test);
    expect(runCli(['.', '--fail-on', 'note'], { cwd: notesOnly }).code).toBe(1);
    const withError = writeTree({ files: { Dockerfile: 'FROM alpine\nCOPY . /app\n', 'src/token.txt': `${gh}\n` } });
    expect(runCli(['.'], { cwd: withError }).code).toBe(1);
  });
});
