// Which ecosystems' dependencies a Dockerfile installs itself (npm ci, pip install -r, go mod
// download, ...): a host-installed dependency tree such an install replaces is churn, and the
// manifest-first advice (cache-bust.ts) looks for the RUN that installs them.
import type { DockerfileModel, RunInstr } from '../dockerfile/model.js';
import { baseName } from '../paths.js';
import type { Ecosystem } from './churn.js';

// Tokens that only wrap the real command.
const WRAPPERS = new Set(['sudo', 'env', 'time', 'nice', 'exec', 'command', 'nohup', 'corepack', 'npx', 'xargs']);
// Flags that take a separate value, per tool family (so the value is not taken for a subcommand).
const VALUE_FLAGS = new Set(['--prefix', '-C', '--cwd', '--dir', '--filter', '-F', '-w', '--workspace', '--project', '-p', '-f', '--file', '-r', '--requirement', '-c', '--constraint', '-s', '--settings', '-P', '--manifest-path', '--mount']);

function unquote(tok: string): string {
  return tok.replace(/^(['"])(.*)\1$/, '$2');
}

/** The first `count` non-flag words after index `from`. */
function words(tokens: readonly string[], from: number, count: number): string[] {
  const out: string[] = [];
  for (let i = from; i < tokens.length && out.length < count; i++) {
    const t = tokens[i]!;
    if (t.startsWith('-')) {
      if (VALUE_FLAGS.has(t)) i++;
      continue;
    }
    out.push(t);
  }
  return out;
}

const PY_TOOLS = new Set(['pip', 'setuptools', 'wheel', 'poetry', 'pipenv', 'uv', 'pdm', 'virtualenv', 'pip-tools', 'hatch']);

function segmentEcosystem(tokens: string[]): Ecosystem | null {
  let i = 0;
  while (i < tokens.length && (WRAPPERS.has(tokens[i]!) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(tokens[i]!))) i++;
  const first = tokens[i];
  if (first === undefined) return null;
  let tool = baseName(first);
  let rest = i + 1;
  // python -m pip install ...
  if (/^python[0-9.]*$/.test(tool)) {
    const m = tokens.indexOf('-m', rest);
    if (m < 0 || tokens[m + 1] === undefined) return null;
    tool = tokens[m + 1]!;
    rest = m + 2;
  }
  const [sub, sub2] = words(tokens, rest, 2);
  const hasFlag = (...flags: string[]): boolean => tokens.slice(rest).some((t) => flags.includes(t));
  switch (tool) {
    case 'npm':
      return ['ci', 'install', 'i', 'add', 'clean-install', 'install-clean', 'isntall'].includes(sub ?? '') && !hasFlag('-g', '--global') ? 'node' : null;
    case 'pnpm':
      return ['install', 'i', 'add', 'fetch'].includes(sub ?? '') && !hasFlag('-g', '--global') ? 'node' : null;
    case 'yarn':
      if (sub === undefined || sub === 'install' || sub === 'add') return hasFlag('global') ? null : 'node';
      return sub === 'workspaces' && sub2 === 'focus' ? 'node' : null;
    case 'bun':
      return ['install', 'i', 'add'].includes(sub ?? '') && !hasFlag('-g', '--global') ? 'node' : null;
    case 'pip':
    case 'pip3': {
      if (sub !== 'install') return null;
      if (hasFlag('-r', '--requirement', '-e', '--editable', '.')) return 'python';
      const pkgs = words(tokens, rest, 1000).slice(1);
      return pkgs.length === 0 || pkgs.every((p) => PY_TOOLS.has(p.replace(/[<>=!~\[].*$/, '').toLowerCase())) ? null : 'python';
    }
    case 'poetry':
    case 'pipenv':
    case 'pdm':
      return sub === 'install' || sub === 'sync' ? 'python' : null;
    case 'uv':
      return sub === 'sync' || (sub === 'pip' && (sub2 === 'install' || sub2 === 'sync')) ? 'python' : null;
    case 'conda':
    case 'mamba':
    case 'micromamba':
      return sub === 'install' || sub === 'create' || (sub === 'env' && (sub2 === 'create' || sub2 === 'update')) ? 'python' : null;
    case 'go':
      return (sub === 'mod' && sub2 === 'download') || sub === 'build' || sub === 'install' || sub === 'get' ? 'go' : null;
    case 'cargo':
      return ['build', 'fetch', 'install', 'chef', 'vendor'].includes(sub ?? '') ? 'rust' : null;
    case 'mvn':
    case 'mvnw':
    case 'gradle':
    case 'gradlew':
      return sub !== undefined && !hasFlag('--version', '-v', '-version') ? 'java' : null;
    case 'dotnet':
      return sub === 'restore' || sub === 'publish' || sub === 'build' ? 'dotnet' : null;
    case 'bundle':
    case 'bundler':
      return sub === undefined || sub === 'install' ? 'ruby' : null;
    case 'composer':
      return sub === 'install' || sub === 'update' || sub === 'require' ? 'php' : null;
    default:
      return null;
  }
}

/** Ecosystems whose dependencies one shell command installs (npm ci, pip install -r, go mod download, ...). */
export function installEcosystems(command: string): Set<Ecosystem> {
  const out = new Set<Ecosystem>();
  for (const seg of command.split(/&&|\|\||[;|\n()`]/)) {
    const tokens = seg.trim().split(/\s+/).filter((t) => t !== '').map(unquote);
    const eco = segmentEcosystem(tokens);
    if (eco !== null) out.add(eco);
  }
  return out;
}

/**
 * The shell text a RUN executes, as far as it is known: its command, plus its here-document
 * bodies (`RUN <<EOF ... EOF`) when the Dockerfile text is given (the model leaves them out).
 */
export function runScript(ins: RunInstr, dockerfileText?: string): string {
  if (dockerfileText === undefined || ins.endLine <= ins.line || !ins.command.includes('<<')) return ins.command;
  const lines = dockerfileText.split(/\r\n|\r|\n/).slice(ins.line, ins.endLine);
  return `${ins.command}\n${lines.join('\n')}`;
}

/**
 * Ecosystems whose dependencies the RUN instructions of the built stages install. Pass the
 * Dockerfile text to have here-document RUN bodies looked at too.
 */
export function dependencyInstalls(model: DockerfileModel, stages: readonly number[], dockerfileText?: string): Set<Ecosystem> {
  const out = new Set<Ecosystem>();
  for (const i of stages) {
    for (const ins of model.stages[i]?.instructions ?? []) {
      if (ins.kind === 'RUN') for (const e of installEcosystems(runScript(ins, dockerfileText))) out.add(e);
    }
  }
  return out;
}
