// action.yml and .pre-commit-hooks.yaml: their structure, and their commands run for real
// against the built CLI (the action's `npx ctxcheck@…` replaced by CTXCHECK_COMMAND).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { writeTree } from '../helpers/tree.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'ctxcheck.js');

// ---------------------------------------------------------------------------------------------
// action.yml
// ---------------------------------------------------------------------------------------------

interface ActionInput {
  description?: string;
  required?: boolean;
  default?: string;
}
interface ActionStep {
  name?: string;
  id?: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  name: string;
  description: string;
  inputs: Record<string, ActionInput>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;

type Ctx = { inputs: Record<string, string>; steps: Record<string, { outputs: Record<string, string> }> };

/** The value of an expression operand: a 'literal' or a context path (inputs.x, steps.id.outputs.x). */
function operand(token: string, ctx: Ctx): string {
  const t = token.trim();
  const lit = /^'((?:[^']|'')*)'$/.exec(t);
  if (lit) return lit[1]!.replace(/''/g, "'");
  const input = /^inputs\.([\w-]+)$/.exec(t);
  if (input) {
    if (!(input[1]! in action.inputs)) throw new Error(`expression names an undeclared input: ${t}`);
    return ctx.inputs[input[1]!] ?? '';
  }
  const out = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(t);
  if (out) return ctx.steps[out[1]!]?.outputs[out[2]!] ?? '';
  throw new Error(`unsupported expression operand: ${t}`);
}

/** Evaluate ${{ … }}: the subset action.yml uses (operands joined by == / != and &&). */
function evaluate(expr: string, ctx: Ctx): string | boolean {
  const m = /^\$\{\{(.*)\}\}$/s.exec(expr.trim());
  const body = (m ? m[1]! : expr).trim();
  if (/\|\||[()!](?!=)/.test(body.replace(/'(?:[^']|'')*'/g, "''"))) throw new Error(`unsupported expression: ${body}`);
  const terms = body.split('&&').map((term) => {
    const cmp = /^(.*?)(==|!=)(.*)$/s.exec(term);
    if (!cmp) return operand(term, ctx);
    // GitHub compares strings case-insensitively.
    const eq = operand(cmp[1]!, ctx).toLowerCase() === operand(cmp[3]!, ctx).toLowerCase();
    return cmp[2] === '==' ? eq : !eq;
  });
  if (terms.length === 1) return terms[0]!;
  return terms.every((t) => t === true || (typeof t === 'string' && t !== ''));
}

/** A value from a step's env/with mapping: plain text or one ${{ … }}. */
function resolve(value: string, ctx: Ctx): string {
  return /^\s*\$\{\{.*\}\}\s*$/s.test(value) ? String(evaluate(value, ctx)) : value;
}

function parseOutputFile(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      if (end < 0) throw new Error(`GITHUB_OUTPUT: unterminated ${heredoc[1]}<<${heredoc[2]}`);
      out[heredoc[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

interface StepRun {
  step: ActionStep;
  ran: boolean;
  code: number | null;
  stdout: string;
  stderr: string;
  /** For `uses` steps: the resolved `with` (the action itself is not run). */
  with?: Record<string, string>;
}

interface JobRun {
  steps: StepRun[];
  byName: (name: string) => StepRun;
  outputs: Record<string, string>;
  /** The job's result: the first failing step's exit code, else 0. */
  code: number;
  summary: string;
  stdout: string;
}

const scratch: string[] = [];
afterAll(() => {
  for (const d of scratch) rmSync(d, { recursive: true, force: true });
});

/**
 * Run the composite action's steps as the runner would: `if` evaluated (default: previous steps
 * succeeded), env mapped from inputs and earlier outputs, each `run` as `bash --noprofile --norc
 * -eo pipefail <file>`. `uses` steps are only recorded.
 */
function runAction(withInputs: Record<string, string>, cwd: string, runnerEnv: Record<string, string | undefined> = {}): JobRun {
  const inputs: Record<string, string> = {};
  for (const [k, v] of Object.entries(action.inputs)) inputs[k] = v.default ?? '';
  for (const [k, v] of Object.entries(withInputs)) {
    if (!(k in action.inputs)) throw new Error(`not an input of action.yml: ${k}`);
    inputs[k] = v;
  }
  const ctx: Ctx = { inputs, steps: {} };
  const runner = mkdtempSync(join(tmpdir(), 'ctxcheck-runner-'));
  scratch.push(runner);
  const summaryFile = join(runner, 'step_summary.md');
  writeFileSync(summaryFile, '');
  const runs: StepRun[] = [];
  let failed: number | null = null;
  action.runs.steps.forEach((step, i) => {
    const cond = step.if === undefined ? failed === null : failed === null && evaluate(step.if, ctx) === true;
    if (!cond) {
      runs.push({ step, ran: false, code: null, stdout: '', stderr: '' });
      return;
    }
    if (step.uses) {
      const w = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, resolve(String(v), ctx)]));
      runs.push({ step, ran: true, code: 0, stdout: '', stderr: '', with: w });
      return;
    }
    const outputFile = join(runner, `output_${i}`);
    writeFileSync(outputFile, '');
    const script = join(runner, `step_${i}.sh`);
    writeFileSync(script, step.run!);
    const env: Record<string, string> = {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? runner,
      NO_COLOR: '1',
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_OUTPUT: outputFile,
      RUNNER_TEMP: runner,
      // The runner's checkout directory: annotations and SARIF paths are relative to it.
      GITHUB_WORKSPACE: cwd,
      CTXCHECK_COMMAND: `${process.execPath} ${BIN}`,
      // The runner checks the action out here (composite actions: github.action_path).
      GITHUB_ACTION_PATH: ROOT,
    };
    for (const [k, v] of Object.entries(runnerEnv)) {
      if (v === undefined) delete env[k];
      else env[k] = v;
    }
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = resolve(String(v), ctx);
    expect(step.shell).toBe('bash');
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env, encoding: 'utf8', timeout: 300_000 });
    if (step.id) ctx.steps[step.id] = { outputs: parseOutputFile(outputFile) };
    runs.push({ step, ran: true, code: r.status, stdout: r.stdout, stderr: r.stderr });
    if (r.status !== 0) failed = r.status ?? 1;
  });
  const outputs = Object.fromEntries(Object.entries(action.outputs).map(([k, v]) => [k, resolve(v.value, ctx)]));
  return {
    steps: runs,
    byName: (name) => runs.find((r) => r.step.name === name) ?? expect.fail(`no step named ${name}`),
    outputs,
    code: failed ?? 0,
    summary: readFileSync(summaryFile, 'utf8'),
    stdout: runs.map((r) => r.stdout).join(''),
  };
}

// A project with one error: a COPY source that does not exist.
const failing = (): string => writeTree({ files: { Dockerfile: 'FROM alpine\nCOPY missing.txt /\nCOPY main.c /\n', 'main.c': 'int main(){}\n' } });
const clean = (): string => writeTree({ files: { Dockerfile: 'FROM alpine\nCOPY main.c /\n', 'main.c': 'int main(){}\n' } });

describe('action.yml structure', () => {
  it('is a composite action with the documented inputs and defaults', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.name).toBe('ctxcheck');
    expect(Object.keys(action.inputs).sort()).toEqual(['args', 'builder', 'category', 'context', 'dockerfile', 'fail-on', 'node-version', 'sarif', 'upload-sarif', 'version'].sort());
    expect(action.inputs['context']!.default).toBe('.');
    expect(action.inputs['fail-on']!.default).toBe('error');
    // Default: the ctxcheck of the action's own ref, not npm's latest.
    expect(action.inputs['version']!.default).toBe('');
    expect(action.inputs['node-version']!.default).toBe('');
    expect(action.inputs['category']!.default).toBe('');
    expect(action.inputs['upload-sarif']!.default).toBe('false');
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.required ?? false, name).toBe(false);
      expect(input.description, name).toBeTruthy();
    }
    expect(Object.keys(action.outputs).sort()).toEqual(['exit-code', 'sarif-file']);
  });

  it('passes inputs to scripts only through env (no ${{ }} inside a run script)', () => {
    const runSteps = action.runs.steps.filter((s) => s.run !== undefined);
    expect(runSteps.length).toBeGreaterThan(0);
    for (const s of runSteps) {
      expect(s.shell, s.name).toBe('bash');
      expect(s.run, s.name).not.toContain('${{');
    }
    const main = action.runs.steps.find((s) => s.id === 'ctxcheck')!;
    // Every input reaches the main step.
    const mapped = Object.values(main.env ?? {}).map((v) => /^\$\{\{\s*inputs\.([\w-]+)\s*\}\}$/.exec(String(v))?.[1]);
    expect(mapped.filter(Boolean).sort()).toEqual(Object.keys(action.inputs).sort());
    expect(main.run).toContain('npx --yes "ctxcheck@${INPUT_VERSION}"');
    expect(main.run).not.toMatch(/ctxcheck@latest|:-latest/);
    expect(main.run).toContain('--ci');
  });

  it('pins every third-party action by a full commit SHA', () => {
    const uses = action.runs.steps.filter((s) => s.uses !== undefined).map((s) => s.uses!);
    expect(uses.length).toBe(2);
    for (const u of uses) expect(u).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
  });

  it('sets up Node.js only when node-version is given', () => {
    const setup = action.runs.steps.find((s) => s.uses?.startsWith('actions/setup-node@'))!;
    expect(setup.with).toEqual({ 'node-version': '${{ inputs.node-version }}' });
    const idx = action.runs.steps.indexOf(setup);
    expect(idx).toBeLessThan(action.runs.steps.findIndex((s) => s.id === 'ctxcheck'));
    const dir = clean();
    expect(runAction({}, dir).steps[idx]!.ran).toBe(false);
    const job = runAction({ 'node-version': '22' }, dir);
    expect(job.steps[idx]!.ran).toBe(true);
    expect(job.steps[idx]!.with).toEqual({ 'node-version': '22' });
    expect(job.code).toBe(0);
  });

  it('uploads SARIF with github/codeql-action/upload-sarif (v3) only when asked', () => {
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'));
    expect(upload?.uses).toMatch(/^github\/codeql-action\/upload-sarif@[0-9a-f]{40}$/);
    expect(upload?.if).toContain("inputs.upload-sarif == 'true'");
    expect(upload?.with?.['sarif_file']).toBe('${{ steps.ctxcheck.outputs.sarif-file }}');
  });
});

describe('action.yml run (local build instead of npx)', () => {
  it('findings over fail-on: annotations, job summary, exit-code output 1 and a failed job', () => {
    const dir = failing();
    const job = runAction({}, dir);
    const main = job.byName('ctxcheck');
    expect(main.code, main.stderr).toBe(0);
    expect(main.stdout).toMatch(/^Running ctxcheck\/\d+\.\d+\.\d+/m);
    expect(main.stdout).toMatch(/^::error file=Dockerfile,line=2,title=ctxcheck copy-missing::/m);
    expect(main.stdout).toMatch(/^::notice title=ctxcheck::\.: \d+ files/m);
    expect(job.summary).toContain('copy-missing');
    expect(job.outputs['exit-code']).toBe('1');
    expect(job.outputs['sarif-file']).toBe('');
    expect(job.byName('Upload SARIF').ran).toBe(false);
    const result = job.byName('Result');
    expect(result.ran).toBe(true);
    expect(result.stdout).toMatch(/^::error title=ctxcheck::findings matched --fail-on error/m);
    expect(job.code).toBe(1);
  });

  it('a clean context passes and the result step is skipped', () => {
    const job = runAction({}, clean());
    expect(job.outputs['exit-code']).toBe('0');
    expect(job.stdout).not.toMatch(/^::(error|warning)/m);
    expect(job.summary).not.toBe('');
    expect(job.byName('Result').ran).toBe(false);
    expect(job.code).toBe(0);
  });

  it('sarif + upload-sarif: a valid SARIF file (even with fail-on none), uploaded with its path', () => {
    const dir = failing();
    const job = runAction({ 'fail-on': 'none', sarif: 'reports/ctxcheck.sarif', 'upload-sarif': 'true' }, dir);
    expect(job.code).toBe(0);
    expect(job.outputs['exit-code']).toBe('0');
    expect(job.outputs['sarif-file']).toBe('reports/ctxcheck.sarif');
    const sarif = JSON.parse(readFileSync(join(dir, 'reports/ctxcheck.sarif'), 'utf8')) as {
      version: string;
      runs: { tool: { driver: { name: string } }; results: { ruleId: string }[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.tool.driver.name).toBe('ctxcheck');
    expect(sarif.runs[0]!.results.map((r) => r.ruleId)).toContain('copy-missing');
    // Annotations still come from the first run; the SARIF run adds no second summary.
    expect(job.stdout).toMatch(/^::error file=Dockerfile,line=2,title=ctxcheck copy-missing::/m);
    expect(job.summary.match(/^## ctxcheck: /gm)).toHaveLength(1);
    expect(job.summary).toContain('| error | `copy-missing` | `Dockerfile:2` |');
    const upload = job.byName('Upload SARIF');
    expect(upload.ran).toBe(true);
    expect(upload.with).toEqual({ sarif_file: 'reports/ctxcheck.sarif' });
  });

  it('the category input sets the SARIF category (automationDetails.id), which upload-sarif keeps', () => {
    const dir = failing();
    const job = runAction({ sarif: 'out.sarif', category: 'ctxcheck-api' }, dir);
    const log = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')) as { runs: { automationDetails: { id: string } }[] };
    expect(log.runs[0]!.automationDetails.id).toBe('ctxcheck-api/');
    const plain = runAction({ sarif: 'plain.sarif' }, dir);
    expect(plain.code).toBe(1);
    expect((JSON.parse(readFileSync(join(dir, 'plain.sarif'), 'utf8')) as typeof log).runs[0]!.automationDetails.id).toBe('ctxcheck/./Dockerfile/');
  });

  it("by default runs the ctxcheck of the action's own checkout, never npx", () => {
    // An npx that fails loudly, first on PATH: the default must not reach it.
    const fake = writeTree({ files: { npx: '#!/bin/sh\necho "npx was run" >&2\nexit 97\n' } });
    chmodSync(join(fake, 'npx'), 0o755);
    const pkgVersion = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const job = runAction({}, failing(), { CTXCHECK_COMMAND: undefined, PATH: `${fake}${delimiter}${process.env['PATH'] ?? ''}` });
    const main = job.byName('ctxcheck');
    expect(main.stderr).not.toContain('npx was run');
    expect(main.stdout).toContain(`Running ctxcheck/${pkgVersion}`);
    expect(job.outputs['exit-code']).toBe('1');
    // With a version, npm's package instead (here: the fake npx).
    const pinned = runAction({ version: '0.1.0' }, clean(), { CTXCHECK_COMMAND: undefined, PATH: `${fake}${delimiter}${process.env['PATH'] ?? ''}` });
    expect(pinned.byName('ctxcheck').stderr).toContain('npx was run');
    expect(pinned.byName('ctxcheck').code).toBe(2);
  });

  it("builds the action's checkout when it has no dist/ (a fresh clone of the ref)", () => {
    const parent = writeTree({});
    const checkout = join(parent, 'ctxcheck-action');
    spawnSync('git', ['clone', '-q', ROOT, checkout]);
    expect(existsSync(join(checkout, 'dist'))).toBe(false);
    const job = runAction({}, failing(), { CTXCHECK_COMMAND: undefined, GITHUB_ACTION_PATH: checkout, npm_config_prefer_offline: 'true' });
    const main = job.byName('ctxcheck');
    expect(main.stdout).toContain("::group::Building ctxcheck from the action's ref");
    expect(existsSync(join(checkout, 'dist/cli/main.js'))).toBe(true);
    expect(main.stdout).toMatch(/^::error file=Dockerfile,line=2,title=ctxcheck copy-missing::/m);
    expect(job.outputs['exit-code']).toBe('1');
  }, 600_000);

  it('a failing run still writes and uploads SARIF before the job fails', () => {
    const dir = failing();
    const job = runAction({ sarif: 'ctxcheck.sarif', 'upload-sarif': 'true' }, dir);
    expect(existsSync(join(dir, 'ctxcheck.sarif'))).toBe(true);
    expect(job.byName('Upload SARIF').ran).toBe(true);
    expect(job.byName('Result').code).toBe(1);
    expect(job.code).toBe(1);
  });

  it('upload-sarif without sarif writes to $RUNNER_TEMP/ctxcheck.sarif', () => {
    const job = runAction({ 'upload-sarif': 'true' }, failing());
    const file = job.outputs['sarif-file']!;
    expect(file).toMatch(/ctxcheck-runner-[^/]+\/ctxcheck\.sarif$/);
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe('2.1.0');
    expect(job.byName('Upload SARIF').with?.['sarif_file']).toBe(file);
  });

  it('sarif without upload-sarif: written, not uploaded', () => {
    const dir = clean();
    const job = runAction({ sarif: 'out.sarif' }, dir);
    expect(existsSync(join(dir, 'out.sarif'))).toBe(true);
    expect(job.byName('Upload SARIF').ran).toBe(false);
    expect(job.code).toBe(0);
  });

  it('context, dockerfile, builder and quoted args with spaces reach ctxcheck as single words', () => {
    const dir = writeTree({
      files: {
        'my app/docker/My File.Dockerfile': 'FROM alpine\nARG SRC=nope\nCOPY ${SRC}/ /app/\n',
        'my app/src dir/main.c': 'int main(){}\n',
      },
    });
    const base = { context: 'my app', dockerfile: 'my app/docker/My File.Dockerfile', builder: 'legacy' };
    // Without the build arg the COPY source is missing…
    const without = runAction(base, dir);
    expect(without.outputs['exit-code']).toBe('1');
    expect(without.stdout).toContain('copy-missing');
    // …with it (quoted, containing a space) the build is clean.
    const withArg = runAction({ ...base, args: `--build-arg "SRC=src dir" --large '1 MB'` }, dir);
    expect(withArg.byName('ctxcheck').stderr).toBe('');
    expect(withArg.outputs['exit-code']).toBe('0');
    expect(withArg.code).toBe(0);
  });

  it('inputs are data, never code: shell syntax in inputs is not run', () => {
    const dir = clean();
    const job = runAction({ context: '$(touch pwned-context)', args: '--target `touch pwned-args` $(touch pwned-args2)' }, dir);
    expect(existsSync(join(dir, 'pwned-context'))).toBe(false);
    expect(existsSync(join(dir, 'pwned-args'))).toBe(false);
    expect(existsSync(join(dir, 'pwned-args2'))).toBe(false);
    expect(job.outputs['exit-code']).toBe('2');
    expect(job.byName('Result').code).toBe(2);
    expect(job.code).toBe(2);
  });

  it('a context that looks like a flag is still the context', () => {
    const dir = clean();
    mkdirSync(join(dir, '-ctx'));
    writeFileSync(join(dir, '-ctx', 'Dockerfile'), 'FROM alpine\nCOPY nothing /\n');
    const job = runAction({ context: '-ctx' }, dir);
    expect(job.stdout).toMatch(/^::error file=-ctx\/Dockerfile,line=2,title=ctxcheck copy-missing::/m);
    expect(job.outputs['exit-code']).toBe('1');
  });

  it('unbalanced quotes in args fail the step with an error annotation (exit 2)', () => {
    const job = runAction({ args: '--build-arg "A=b' }, clean());
    const main = job.byName('ctxcheck');
    expect(main.code).toBe(2);
    expect(main.stdout).toContain("::error title=ctxcheck::cannot split the 'args' input");
    expect(job.byName('Result').ran).toBe(false);
    expect(job.code).toBe(2);
  });

  it('a bad input (missing context) is exit code 2, not findings', () => {
    const job = runAction({ context: 'does-not-exist', sarif: 'x.sarif' }, clean());
    expect(job.outputs['exit-code']).toBe('2');
    expect(job.outputs['sarif-file']).toBe('');
    expect(job.byName('ctxcheck').stdout).toContain('::warning title=ctxcheck::could not write the SARIF report');
    expect(job.byName('Result').stdout).toContain('could not run on this input');
    expect(job.code).toBe(2);
  });

  it('a ctxcheck that cannot start (failed npx install) is exit 2 before any analysis', () => {
    const dir = clean();
    const main = action.runs.steps.find((s) => s.id === 'ctxcheck')!;
    const script = join(dir, 'step.sh');
    writeFileSync(script, main.run!);
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd: dir,
      env: { PATH: process.env['PATH'] ?? '', CTXCHECK_COMMAND: 'false', INPUT_CONTEXT: '.', GITHUB_ACTIONS: 'true' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('::error title=ctxcheck::could not run false');
  });
});

// ---------------------------------------------------------------------------------------------
// .pre-commit-hooks.yaml
// ---------------------------------------------------------------------------------------------

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  pass_filenames: boolean;
  always_run: boolean;
  args: string[];
  files?: string;
}

const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const hook = hooks.find((h) => h.id === 'ctxcheck')!;

/** Run the hook as pre-commit would: `entry` from PATH (the package's bin) plus `args`, in the repo root. */
function runHook(cwd: string): { code: number | null; stdout: string; stderr: string } {
  const binDir = mkdtempSync(join(tmpdir(), 'ctxcheck-hookbin-'));
  scratch.push(binDir);
  const shim = join(binDir, hook.entry);
  writeFileSync(shim, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`);
  chmodSync(shim, 0o755);
  const r = spawnSync(hook.entry, hook.args, {
    cwd,
    env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '', PATH: `${binDir}${delimiter}${process.env['PATH'] ?? ''}` },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('.pre-commit-hooks.yaml', () => {
  it('declares the ctxcheck node hook', () => {
    expect(hooks).toHaveLength(1);
    expect(hook).toMatchObject({
      id: 'ctxcheck',
      language: 'node',
      entry: 'ctxcheck',
      pass_filenames: false,
      always_run: true,
      args: ['.', '--fail-on', 'error'],
    });
    expect(hook.name).toBeTruthy();
    // The entry is the package's bin, which pre-commit's node environment puts on PATH.
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(Object.keys(pkg.bin)).toContain(hook.entry);
  });

  it('runs on every commit: always_run and no files filter (a new key file can have any name)', () => {
    expect(hook.always_run).toBe(true);
    expect(hook.files).toBeUndefined();
    expect((hook as unknown as Record<string, unknown>)['types']).toBeUndefined();
  });

  it('runs with its args: exit 0 on a clean project', () => {
    const r = runHook(clean());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^PASS .*: no findings$/m);
  });

  it('exit 0 with warnings only (fail-on error), exit 1 on an error', () => {
    const warnOnly = writeTree({ files: { Dockerfile: 'FROM alpine\nCOPY main.c /\n', 'main.c': 'x', '.env': 'DB_PASSWORD=hunter2hunter2\n' } });
    const w = runHook(warnOnly);
    expect(w.stdout).toContain('secret/dotenv');
    expect(w.code).toBe(0);
    const e = runHook(failing());
    expect(e.stdout).toContain('copy-missing');
    expect(e.code).toBe(1);
  });
});
