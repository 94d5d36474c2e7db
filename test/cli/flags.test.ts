// Flags through the built binary: --fail-on as a union, unknown flags and commands, extra
// positionals, a missing -c/--config file, the bare --version, why's positional context.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { writeTree } from '../helpers/tree.js';

const DOCKERFILE = 'FROM alpine\nCOPY . /app\n';
/** One finding: large-file, a warning in category "large" (with --large 2kB). */
const warningOnly = (): string => writeTree({ files: { Dockerfile: DOCKERFILE, 'big.bin': 'x'.repeat(3000) } });
/** One finding: secret/aws-access-key, an error in category "secret". */
const secretOnly = (): string =>
  writeTree({ files: { Dockerfile: DOCKERFILE, creds: 'aws_access_key_id = AKIAQWERTYUIOPASDFGH\n' } });

/** A usage error: exit 2, nothing on stdout, exactly this one line on stderr. */
const usage = (r: CliResult, line: string): void => {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe(`ctxcheck: ${line}\n`);
};

describe('--fail-on is a union', () => {
  const code = (dir: string, ...failOn: string[]): number | null =>
    runCli(['.', '--large', '2kB', '--format', 'json', ...failOn.flatMap((f) => ['--fail-on', f])], { cwd: dir }).code;

  it('the fixtures hold exactly the findings the cases rely on', () => {
    const rules = (dir: string): string[] =>
      (JSON.parse(runCli(['.', '--large', '2kB', '--format', 'json', '--fail-on', 'none'], { cwd: dir }).stdout) as { findings: { rule: string; severity: string }[] }).findings.map((f) => `${f.rule}:${f.severity}`);
    expect(rules(warningOnly())).toEqual(['large-file:warning']);
    expect(rules(secretOnly())).toEqual(['secret/aws-access-key:error']);
  });

  it('severities: the lowest listed counts, in any order, in one list or repeated', () => {
    const dir = warningOnly();
    expect(code(dir)).toBe(0);
    expect(code(dir, 'error')).toBe(0);
    expect(code(dir, 'error,warning')).toBe(1);
    expect(code(dir, 'warning,error')).toBe(1);
    expect(code(dir, 'error', 'warning')).toBe(1);
    expect(code(dir, 'warning', 'error')).toBe(1);
  });

  it('a severity and a category: findings of either fail', () => {
    expect(code(warningOnly(), 'error,large')).toBe(1);
    expect(code(warningOnly(), 'error', 'large')).toBe(1);
    expect(code(warningOnly(), 'error', 'secret')).toBe(0);
    expect(code(secretOnly(), 'note')).toBe(1);
    expect(code(secretOnly(), 'large', 'secret')).toBe(1);
    expect(code(secretOnly(), 'large')).toBe(0);
    expect(code(secretOnly(), 'large-file,copy')).toBe(0);
    expect(code(secretOnly(), 'large-file', 'secret/aws-access-key')).toBe(1);
  });

  it('none never fails and combines with nothing; an unknown value is exit 2', () => {
    expect(code(secretOnly(), 'none')).toBe(0);
    usage(runCli(['.', '--fail-on', 'none,error'], { cwd: secretOnly() }), '--fail-on: "none" cannot be combined with other values');
    usage(runCli(['.', '--fail-on', 'error', '--fail-on', 'secrets'], { cwd: secretOnly() }), '--fail-on: unknown severity, category or rule "secrets"');
  });

  it('--help shows a list and a repeated flag', () => {
    const r = runCli(['--help']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.some((l) => l.startsWith('ctxcheck . --fail-on warning,secret '))).toBe(true);
    expect(lines.some((l) => l.startsWith('ctxcheck . --fail-on error --fail-on copy '))).toBe(true);
  });
});

describe('unknown flags', () => {
  it('are named as typed, with the closest flag of that command', () => {
    const dir = warningOnly();
    usage(runCli(['.', '--fial-on', 'error'], { cwd: dir }), 'unknown option --fial-on (did you mean --fail-on?)');
    usage(runCli(['.', '--fial-on=error'], { cwd: dir }), 'unknown option --fial-on (did you mean --fail-on?)');
    // cac would accept the camelCased spelling silently.
    usage(runCli(['.', '--failOn', 'none'], { cwd: dir }), 'unknown option --failOn (did you mean --fail-on?)');
    usage(runCli(['ls', '--dir'], { cwd: dir }), 'unknown option --dir (did you mean --dirs?)');
    usage(runCli(['suggest', '--wirte'], { cwd: dir }), 'unknown option --wirte (did you mean --write?)');
    usage(runCli(['why', '--contxt', '.', 'a'], { cwd: dir }), 'unknown option --contxt (did you mean --context?)');
  });

  it('a flag of another command says which; one far from any has no guess', () => {
    const dir = warningOnly();
    usage(runCli(['ls', '--write'], { cwd: dir }), 'unknown option --write (an option of ctxcheck suggest)');
    usage(runCli(['ls', '--zzzzzz'], { cwd: dir }), 'unknown option --zzzzzz (see ctxcheck ls --help)');
    usage(runCli(['ls', '-qx'], { cwd: dir }), 'unknown option -q in -qx (see ctxcheck ls --help)');
  });

  it('known flags, --no-<flag> and flag values that look like words still work', () => {
    const dir = warningOnly();
    expect(runCli(['.', '--no-color', '--fail-on', 'none', '-q'], { cwd: dir }).code).toBe(0);
    expect(runCli(['ls', '--format', 'text', '--builder', 'legacy', '.'], { cwd: dir }).stdout).toBe('Dockerfile\nbig.bin\n');
  });
});

describe('commands and positionals', () => {
  it('an unknown command close to a real one is suggested, exit 2', () => {
    const dir = warningOnly();
    usage(runCli(['sugest'], { cwd: dir }), 'unknown command sugest (did you mean suggest?)');
    usage(runCli(['sl'], { cwd: dir }), 'unknown command sl (did you mean ls?)');
    usage(runCli(['baseine', '.'], { cwd: dir }), 'unknown command baseine (did you mean baseline?)');
  });

  it('an existing directory is a context even when named like a typo; a far word is a missing context', () => {
    const dir = writeTree({ files: { 'sugest/Dockerfile': DOCKERFILE, 'sugest/a.txt': 'a' } });
    const r = runCli(['sugest', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary.files).toBe(2);
    usage(runCli(['elsewhere'], { cwd: dir }), 'context elsewhere: no such directory');
  });

  it('extra positionals, and words after -- for a command that takes none, are exit 2', () => {
    const dir = warningOnly();
    usage(runCli(['.', 'extra'], { cwd: dir }), 'unexpected argument extra (ctxcheck takes one context directory)');
    usage(runCli(['ls', '.', 'extra'], { cwd: dir }), 'unexpected argument extra (ctxcheck ls takes one context directory)');
    usage(runCli(['suggest', '.', 'a', 'b'], { cwd: dir }), 'unexpected argument a (ctxcheck suggest takes one context directory)');
    usage(runCli(['ls', '--', 'x'], { cwd: dir }), 'unexpected argument x after -- (only ctxcheck why takes paths there)');
  });

  it('a missing -c Compose file or --config file is exit 2 naming it', () => {
    const dir = warningOnly();
    usage(runCli(['.', '-c', 'nope.yml'], { cwd: dir }), '-c nope.yml: no such Compose file (in .)');
    usage(runCli(['suggest', '-c', 'nope.yml'], { cwd: dir }), '-c nope.yml: no such Compose file (in .)');
    usage(runCli(['.', '--config', 'missing.json'], { cwd: dir }), 'missing.json: no such file');
    usage(runCli(['ls', '--config', 'missing.json'], { cwd: dir }), 'missing.json: no such file');
  });
});

describe('--version', () => {
  it('prints the bare version from package.json', () => {
    const { version } = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version: string };
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    for (const args of [['--version'], ['-v'], ['ls', '--version']]) {
      const r = runCli(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).toBe(`${version}\n`);
      expect(r.stderr).toBe('');
    }
  });
});

describe('why takes the context positionally', () => {
  const tree = (): string => writeTree({ files: { 'app/.dockerignore': '*.md\n', 'app/notes.md': 'x', 'app/src/a.ts': 'x', 'notes.md': 'x' } });
  const verdicts = (r: CliResult): string[] => {
    expect(r.code, r.stderr).toBe(0);
    return (JSON.parse(r.stdout) as { path: string; verdicts: { buildkit: { included: boolean } } }[]).map((e) => `${e.path}:${e.verdicts.buildkit.included}`);
  };

  it('why <context> -- <path>..., the same answer as -C <context>', () => {
    const dir = tree();
    const expected = ['notes.md:false', 'src/a.ts:true'];
    expect(verdicts(runCli(['why', 'app', '--format', 'json', '--', 'notes.md', 'src/a.ts'], { cwd: dir }))).toEqual(expected);
    expect(verdicts(runCli(['why', '--format', 'json', '-C', 'app', 'notes.md', 'src/a.ts'], { cwd: dir }))).toEqual(expected);
    expect(verdicts(runCli(['why', '--format', 'json', '-C', 'app', '--', 'notes.md', 'src/a.ts'], { cwd: dir }))).toEqual(expected);
    // Without a context, the current directory (no ignore file there: notes.md is sent).
    expect(verdicts(runCli(['why', '--format', 'json', 'notes.md'], { cwd: dir }))).toEqual(['notes.md:true']);
    expect(verdicts(runCli(['why', '--format', 'json', '--', 'notes.md'], { cwd: dir }))).toEqual(['notes.md:true']);
  });

  it('two contexts, or no path, are exit 2', () => {
    const dir = tree();
    usage(runCli(['why', 'app', 'x', '--', 'notes.md'], { cwd: dir }), 'unexpected argument x (ctxcheck why takes one context before --)');
    usage(runCli(['why', 'app', '-C', 'other', '--', 'notes.md'], { cwd: dir }), 'two contexts: app and -C other');
    usage(runCli(['why'], { cwd: dir }), 'why needs a path (ctxcheck why [context] -- <path>...)');
  });
});

describe('README', () => {
  it('shows the real messages of the usage errors it lists', () => {
    const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
    const block = readme.split('The command line is checked before anything runs')[1]!.split('```console\n')[1]!.split('```')[0]!;
    const lines = block.trimEnd().split('\n');
    expect(lines.length).toBe(8);
    const dir = warningOnly();
    for (let i = 0; i < lines.length; i += 2) {
      const args = lines[i]!.replace(/^\$ ctxcheck /, '').split(' ');
      usage(runCli(args, { cwd: dir }), lines[i + 1]!.replace(/^ctxcheck: /, ''));
    }
  });
});
