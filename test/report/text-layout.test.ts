// The human report's layout (issue #16): a one-line verdict, findings most serious first, one
// entry per cause, small directories hidden and VCS data collapsed, plurals and thousands
// separators, wrapping to the terminal, fixes as sentences (in every format), a large-file fix
// that never breaks a COPY, and ctxcheck's own files never findings.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { runCli } from '../helpers/cli.js';
import { writeTree } from '../helpers/tree.js';
import { analyze } from '../../src/index.js';
import { renderText } from '../../src/report/text.js';

const big = (n: number): string => 'x'.repeat(n);

describe('the text report', () => {
  it('opens with the verdict: PASS or FAIL, the counts and how many fail --fail-on', () => {
    const dir = writeTree({ files: { Dockerfile: 'FROM scratch\nCOPY . /app\n', '.env': 'A=1\n', 'b.bin': big(3000) } });
    const fail = runCli(['.', '--large', '2kB'], { cwd: dir });
    expect(fail.code).toBe(1);
    expect(fail.stdout.split('\n')[0]).toBe('FAIL . (buildkit): 1 error, 1 warning (1 fails --fail-on error)');
    const pass = runCli(['.', '--large', '2kB', '--fail-on', 'none'], { cwd: dir });
    expect(pass.code).toBe(0);
    expect(pass.stdout.split('\n')[0]).toBe('PASS . (buildkit): 1 error, 1 warning (none fails --fail-on none)');
    const clean = runCli(['.'], { cwd: writeTree({ files: { Dockerfile: 'FROM scratch\nCOPY a /a\n', a: 'a' } }) });
    expect(clean.stdout.split('\n')[0]).toBe('PASS . (buildkit): no findings');
    // The most serious finding comes first, right under the summary.
    const lines = fail.stdout.split('\n');
    const head = lines.indexOf('Findings, most serious first');
    expect(head).toBeGreaterThan(0);
    expect(lines[head + 1]).toMatch(/^ {2}error {3}secret\/dotenv /);
    expect(lines.indexOf('Largest files')).toBeGreaterThan(head);
  });

  it('folds findings of one cause into one entry with a count and examples (JSON keeps each); secrets are never folded', () => {
    const files: Record<string, string> = { Dockerfile: 'FROM scratch\nCOPY . /app\n' };
    for (let i = 0; i < 5; i++) files[`data/part${i}.bin`] = big(3000 + i);
    for (let i = 0; i < 3; i++) files[`conf/svc${i}/.env`] = `K${i}=v\n`;
    const dir = writeTree({ files });
    const text = runCli(['.', '--large', '2kB'], { cwd: dir }).stdout;
    const large = text.split('\n').filter((l) => /^ {2}warning large-file/.test(l));
    expect(large).toHaveLength(1);
    expect(large[0]).toMatch(/large-file +5 findings under data\/, e\.g\. data\/part0\.bin: /);
    expect(text).toMatch(/also: data\/part1\.bin, data\/part2\.bin, data\/part3\.bin, and 1 more/);
    expect(text).toContain('fix, for each: Add "data/part0.bin" to the ignore file.');
    expect(text.split('\n').filter((l) => /^ {2}error {3}secret\/dotenv/.test(l))).toHaveLength(3);
    const json = JSON.parse(runCli(['.', '--large', '2kB', '--format', 'json'], { cwd: dir }).stdout) as { findings: { rule: string }[] };
    expect(json.findings.filter((f) => f.rule === 'large-file')).toHaveLength(5);
  });

  it('hides directories under 1% of the bytes, collapses .git, and writes plurals and thousands separators', () => {
    const dir = writeTree({ files: { Dockerfile: 'FROM scratch\nCOPY . /app\n', 'big/a.bin': big(12_345), 'big/sub/b.bin': big(2000), 'tiny/t.txt': 'x', 'one/only.txt': big(400) } });
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const text = runCli(['.', '--large', '1MB'], { cwd: dir }).stdout;
    const tree = text.slice(text.indexOf('Heaviest directories'));
    expect(tree).toMatch(/big\/ .*\(2 files\)/);
    expect(tree).toMatch(/one\/ .*\(1 file\)/);
    expect(tree).not.toContain('tiny/');
    expect(tree).toMatch(/\(1 smaller directory under 1% not shown\)/);
    // .git is one line: never opened.
    expect(tree).not.toMatch(/hooks\/|objects\//);
    expect(text).toMatch(/Sent: +\d+ files, .* \(\d{1,3}(,\d{3})+ bytes\)/);
    expect(text).not.toMatch(/\(s\)/);
  });

  it('wraps to the terminal width with a hanging indent, never breaking a word', async () => {
    const dir = writeTree({ files: { Dockerfile: 'FROM scratch\nCOPY . /app\nCOPY missing/file/with/a/long/path.txt /x\n', '.env': 'A=1\n' } });
    const r = await analyze({ context: dir, cwd: dir, git: false });
    const meta = { version: '0', homepage: 'h', color: false };
    const wide = renderText(r, meta);
    const narrow = renderText(r, { ...meta, width: 80 });
    const findings = (t: string): string[] => t.slice(t.indexOf('Findings'), t.indexOf('Dockerfile steps')).split('\n').filter(Boolean);
    expect(findings(wide).some((l) => l.length > 80)).toBe(true);
    for (const l of findings(narrow)) expect(l.length <= 80 || !l.trim().includes(' '), l).toBe(true);
    // Same words, only the line breaks differ.
    expect(findings(narrow).join(' ').split(/\s+/)).toEqual(findings(wide).join(' ').split(/\s+/));
  });
});

describe('fixes', () => {
  it('are sentences in every format', () => {
    const dir = writeTree({
      files: {
        Dockerfile: 'FROM node\nCOPY . .\nRUN npm ci\nCOPY conf/app.json /etc/\n',
        '.dockerignore': 'conf/\n*.log\n',
        'conf/app.json': '{}',
        'logs/a.log': 'l',
        'package.json': '{}',
        'package-lock.json': '{}',
        '.env': 'A=1\n',
        'data.bin': big(3000),
      },
    });
    const json = JSON.parse(runCli(['.', '--large', '2kB', '--format', 'json'], { cwd: dir }).stdout) as { findings: { rule: string; fix?: string }[] };
    const fixes = json.findings.filter((f) => f.fix !== undefined);
    expect(fixes.length).toBeGreaterThanOrEqual(5);
    for (const f of fixes) expect(f.fix, f.rule).toMatch(/^[A-Z"!*].*[.]$/s);
  });

  it('a large file a COPY names is not to be excluded: the fix says which line needs it', () => {
    const dir = writeTree({ files: { Dockerfile: 'FROM scratch\nCOPY models/ /models/\nCOPY . /app\n', 'models/m.bin': big(3000), 'other.bin': big(3000) } });
    const json = JSON.parse(runCli(['.', '--large', '2kB', '--format', 'json'], { cwd: dir }).stdout) as { findings: { rule: string; path?: string; fix?: string }[] };
    const fix = (p: string): string => json.findings.find((f) => f.rule === 'large-file' && f.path === p)!.fix!;
    expect(fix('models/m.bin')).toMatch(/^Line 2 \(COPY models\/ \/models\/\) copies it/);
    expect(fix('models/m.bin')).not.toContain('to the ignore file');
    expect(fix('other.bin')).toBe('Add "other.bin" to the ignore file.');
  });
});

describe("ctxcheck's own files", () => {
  it('are never findings (a large baseline, a config file the COPY takes in)', () => {
    const dir = writeTree({
      files: {
        Dockerfile: 'FROM scratch\nCOPY . /app\n',
        '.ctxcheck-baseline.json': JSON.stringify({ version: 1, findings: [], pad: big(5000) }),
        'ctxcheck.config.json': JSON.stringify({ large: '2kB' }),
        'sub/ctxcheck.config.json': JSON.stringify({ x: big(5000) }),
        'real.bin': big(5000),
      },
    });
    const json = JSON.parse(runCli(['.', '--format', 'json'], { cwd: dir }).stdout) as { findings: { rule: string; path?: string }[] };
    expect(json.findings.map((f) => `${f.rule} ${f.path ?? ''}`)).toEqual(['large-file real.bin']);
  });
});
