// What silences a finding and how the report says so (issue #15, "For users"): allow comments
// scoped to a rule, the config allowlist (rule, path, fingerprint), the baseline's hidden count,
// --show-suppressed, and --redact. Through the built CLI.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { writeTree } from '../helpers/tree.js';
import { tokenFactory } from '../secrets/helpers.js';

const t = tokenFactory(0x5e1f);

interface Json {
  findings: { rule: string; path?: string; line?: number; excerpt?: string; fingerprint?: string; severity: string }[];
  suppressed: { comment: number; config: number; baseline: number; findings?: { rule: string; path?: string; suppressedBy: string; excerpt?: string }[] };
}

const json = (args: string[], cwd: string): { code: number | null; r: Json; stderr: string } => {
  const out = runCli(['.', '--format', 'json', ...args], { cwd });
  return { code: out.code, r: JSON.parse(out.stdout) as Json, stderr: out.stderr };
};

const secrets = (r: Json): string[] => r.findings.filter((f) => f.rule.startsWith('secret/')).map((f) => `${f.rule} ${f.path}:${f.line}`);

function app(files: Record<string, string>): string {
  return writeTree({ files: { Dockerfile: 'FROM scratch\nCOPY . /app\n', ...files } });
}

describe('allow comments scoped to a rule', () => {
  const id = t.awsId();
  const key = t.github();
  const text = [`AWS_ID = "${id}"; GH = "${key}"  # ctxcheck:allow secret/aws-access-key`, `GH2 = "${t.github()}"`, ''].join('\n');

  it('silence only the rules they name, and are counted, not listed, by default', () => {
    const dir = app({ 'conf.py': text });
    const { code, r } = json([], dir);
    expect(code).toBe(1);
    expect(secrets(r)).toEqual(['secret/github-token conf.py:1', 'secret/github-token conf.py:2']);
    expect(r.suppressed).toEqual({ comment: 1, config: 0, baseline: 0 });
  });

  it('several rules, and secret/* for all of them; allow-next-line only the next line', () => {
    const dir = app({
      'a.py': `A = "${t.awsId()}"; B = "${t.github()}"  # ctxcheck:allow secret/aws-access-key, secret/github-token\n`,
      'b.py': `A = "${t.awsId()}"; B = "${t.github()}"  # ctxcheck:allow secret/*\n`,
      'c.py': `# ctxcheck:allow-next-line secret/github-token\nA = "${t.awsId()}"; B = "${t.github()}"\nC = "${t.github()}"\n`,
    });
    const { r } = json(['--show-suppressed'], dir);
    expect(secrets(r)).toEqual(['secret/aws-access-key c.py:2', 'secret/github-token c.py:3']);
    expect(r.suppressed.comment).toBe(5);
    expect(r.suppressed.findings!.map((f) => `${f.suppressedBy} ${f.rule} ${f.path}`).sort()).toEqual([
      'comment secret/aws-access-key a.py',
      'comment secret/aws-access-key b.py',
      'comment secret/github-token a.py',
      'comment secret/github-token b.py',
      'comment secret/github-token c.py',
    ]);
  });

  it('a suppressed finding never fails the run', () => {
    const dir = app({ 'conf.py': `GH = "${t.github()}"  # ctxcheck:allow secret/github-token\n` });
    const out = runCli(['.'], { cwd: dir });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('Suppressed: 1 finding (1 by a ctxcheck:allow comment); --show-suppressed lists them');
  });
});

describe('the baseline', () => {
  it('says how many findings it hid; --show-suppressed lists them, marked, in text, JSON and SARIF', () => {
    const dir = app({ 'conf.py': `GH = "${t.github()}"\nAWS = "${t.awsId()}"\n` });
    expect(runCli(['baseline'], { cwd: dir }).code).toBe(0);
    writeFileSync(join(dir, 'new.py'), `NPM = "${t.npm()}"\n`);
    const { code, r } = json([], dir);
    expect(code).toBe(1);
    expect(secrets(r)).toEqual(['secret/npm-token new.py:1']);
    expect(r.suppressed).toEqual({ comment: 0, config: 0, baseline: 2 });

    const text = runCli(['.'], { cwd: dir }).stdout;
    expect(text).toContain('Suppressed: 2 findings (2 by the baseline); --show-suppressed lists them');
    const shown = runCli(['.', '--show-suppressed'], { cwd: dir }).stdout;
    expect(shown).toContain('Suppressed: 2 findings (2 by the baseline)\n');
    expect(shown.match(/\(in baseline\)/g)).toHaveLength(2);

    const listed = json(['--show-suppressed'], dir).r.suppressed.findings!;
    expect(listed.map((f) => `${f.suppressedBy} ${f.rule}`).sort()).toEqual(['baseline secret/aws-access-key', 'baseline secret/github-token']);

    const sarif = JSON.parse(runCli(['.', '--format', 'sarif', '--show-suppressed'], { cwd: dir }).stdout) as { runs: { results: { ruleId: string; suppressions?: { kind: string }[] }[] }[] };
    const results = sarif.runs[0]!.results.filter((x) => x.ruleId.startsWith('secret/'));
    expect(results.map((x) => `${x.ruleId} ${x.suppressions?.[0]?.kind ?? '-'}`).sort()).toEqual(['secret/aws-access-key external', 'secret/github-token external', 'secret/npm-token -']);
    // Without --show-suppressed SARIF carries only what is active.
    const plain = JSON.parse(runCli(['.', '--format', 'sarif'], { cwd: dir }).stdout) as typeof sarif;
    expect(plain.runs[0]!.results.filter((x) => x.ruleId.startsWith('secret/')).map((x) => x.ruleId)).toEqual(['secret/npm-token']);
  });
});

describe('the config allowlist', () => {
  it('allows one value by its fingerprint, without naming the value', () => {
    const dir = app({ 'conf.py': `GH = "${t.github()}"\nGH2 = "${t.github()}"\n` });
    const before = json([], dir).r;
    const first = before.findings.find((f) => f.rule === 'secret/github-token' && f.line === 1)!;
    writeFileSync(join(dir, 'ctxcheck.config.json'), JSON.stringify({ allow: [{ fingerprint: first.fingerprint }] }));
    const { r } = json([], dir);
    expect(secrets(r)).toEqual(['secret/github-token conf.py:2']);
    expect(r.suppressed).toEqual({ comment: 0, config: 1, baseline: 0 });
  });

  it('an entry allows when every field it gives matches (rule and path)', () => {
    const dir = app({ 'fixtures/keys.py': `GH = "${t.github()}"\nAWS = "${t.awsId()}"\n`, 'app.py': `GH = "${t.github()}"\n` });
    writeFileSync(join(dir, 'ctxcheck.config.json'), JSON.stringify({ allow: [{ rule: 'secret/github-token', path: 'fixtures/**' }] }));
    const { r } = json([], dir);
    expect(secrets(r)).toEqual(['secret/github-token app.py:1', 'secret/aws-access-key fixtures/keys.py:2']);
    expect(r.suppressed.config).toBe(1);
  });

  it.each([
    [{ allow: [{ fingerprint: 'abc' }] }, /ctxcheck\.config\.json: "allow\[0\]\.fingerprint" must be the 16 hex digits/],
    [{ allow: [{}] }, /ctxcheck\.config\.json: "allow\[0\]" needs a rule, a path or a fingerprint/],
    [{ allow: [{ rule: 'secret/no-such-rule' }] }, /ctxcheck\.config\.json: "allow\[0\]\.rule": unknown rule "secret\/no-such-rule"/],
    [{ redact: 'yes' }, /ctxcheck\.config\.json: "redact" must be true or false/],
  ])('a bad entry is a one-line error, exit 2: %j', (cfg, message) => {
    const dir = app({ 'a.txt': 'a\n' });
    writeFileSync(join(dir, 'ctxcheck.config.json'), JSON.stringify(cfg));
    const out = runCli(['.'], { cwd: dir });
    expect(out.code).toBe(2);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toMatch(message);
  });
});

describe('--redact', () => {
  it('shows no character of a value in any format (and "redact": true in the config does the same)', () => {
    const key = t.github();
    const dir = app({ 'conf.py': `GH = "${key}"\nSAFE = "${t.npm()}"  # ctxcheck:allow\n` });
    const masked = json([], dir).r.findings.find((f) => f.rule === 'secret/github-token')!;
    expect(masked.excerpt).toBe(`${key.slice(0, 4)}\u2026`);
    expect(runCli(['.'], { cwd: dir }).stdout).toContain(`${key.slice(0, 4)}\u2026`);
    for (const args of [['--redact'], []]) {
      if (args.length === 0) writeFileSync(join(dir, 'ctxcheck.config.json'), JSON.stringify({ redact: true }));
      const { r } = json([...args, '--show-suppressed'], dir);
      expect([...r.findings, ...r.suppressed.findings!].filter((f) => f.rule.startsWith('secret/')).map((f) => f.excerpt)).toEqual([undefined, undefined]);
      for (const format of ['text', 'sarif', 'markdown', 'github']) {
        const out = runCli(['.', '--format', format, '--show-suppressed', ...args], { cwd: dir }).stdout;
        // The masked form is the only part of a value ever printed (the prefix alone is public:
        // rule descriptions name it).
        expect(out, format).not.toContain(`${key.slice(0, 4)}\u2026`);
        expect(out, format).not.toContain(key.slice(0, 6));
      }
    }
  });
});
