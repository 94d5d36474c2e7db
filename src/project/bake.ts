// Bake files: the targets `docker buildx bake` builds from one directory.
//
// Bake reads, in this order, and merges target by target: the Compose file of the directory
// (its services become targets), docker-bake.json, docker-bake.hcl, docker-bake.override.json,
// docker-bake.override.hcl. Scalars of a later definition replace earlier ones; `args` and
// `contexts` merge by key. `inherits` is resolved the way Bake does: parents in order, then the
// target itself. Compose services are already listed as Compose targets, so only targets a Bake
// file defines are listed here (with the Compose service underneath when both define the name).
// Targets that other targets only inherit from, and that no group names, are not listed (note);
// groups are not builds (note).
//
// Values are Bake (HCL) templates: `${NAME}` of a declared `variable` is substituted (the
// environment variable of that name wins over the default), `$${` is a literal "${". Other
// expressions (functions, references, conditionals, `%{` directives) are not evaluated: an
// arg or named context keeps them as written with a note; a context or Dockerfile that needs
// one makes the target an error (`docker buildx bake --print` shows the resolved values).
// Paths resolve the way buildx's toBuildOpt (docker/buildx bake/bake.go) does: a relative
// `context` (default ".") and relative named contexts are handed to the build as written, so
// they are relative to the directory `docker buildx bake` runs in, not to the file that says
// them. Bake reads its default files (docker-bake.*, compose.*) from that directory only, so
// for the files discovery finds it is the Bake file's directory. A relative `dockerfile`
// (default "Dockerfile") is joined to the context (`filepath.Join(ContextPath, DockerfilePath)`)
// unless absolute. A `cwd://` prefix means "relative to the working directory": on `context`
// and named contexts that is the same directory, and on `dockerfile` it makes the path relative
// to the working directory instead of the context (buildx resolves it with filepath.Abs).
// HCL, JSON and Compose-as-Bake files follow the same rules: buildx turns each into targets
// first and resolves the paths of all of them in toBuildOpt.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';

import { yaml } from './yaml-loader.js';

import { resolveBuild, targetFrom } from './build.js';
import type { RawBuild } from './build.js';
import type { ComposeModel } from './compose.js';
import { hclErrorLine } from './hcl.js';
import { displayPath, isRecord, lineOf, scalarString } from './names.js';
import type { BuildTarget, DiscoveryProblem, HclParser } from './types.js';

type ScalarField = 'context' | 'dockerfile' | 'dockerfile-inline' | 'target';
const SCALAR_FIELDS: readonly ScalarField[] = ['context', 'dockerfile', 'dockerfile-inline', 'target'];

interface Field {
  value: string | null;
  /** The value still holds an expression that was not evaluated. */
  expr: boolean;
}

interface Attrs {
  scalars: Map<ScalarField, Field>;
  args: Map<string, Field>;
  contexts: Map<string, Field>;
  inherits?: string[];
}

interface TargetDef {
  name: string;
  attrs: Attrs;
  /** First Bake file (and line) that defines it; null when only the Compose file does. */
  source: { file: string; line?: number } | null;
  composeService?: string;
  composeNotes: string[];
}

interface BakeFileData {
  file: string;
  targets: { name: string; bodies: unknown[]; line?: number }[];
  groups: { name: string; targets: string[]; line?: number }[];
  variables: Map<string, unknown>;
}

export interface BakeResult {
  targets: BuildTarget[];
  errors: DiscoveryProblem[];
  notes: DiscoveryProblem[];
}

function emptyAttrs(): Attrs {
  return { scalars: new Map(), args: new Map(), contexts: new Map() };
}

function mergeAttrs(base: Attrs, over: Attrs): Attrs {
  const out: Attrs = {
    scalars: new Map([...base.scalars, ...over.scalars]),
    args: new Map([...base.args, ...over.args]),
    contexts: new Map([...base.contexts, ...over.contexts]),
  };
  const inherits = over.inherits ?? base.inherits;
  if (inherits !== undefined) out.inherits = inherits;
  return out;
}

/** Blocks in hcl2json / HCL-JSON form: `{ name: body }` or `{ name: [body, ...] }`. */
function blocks(v: unknown): [string, unknown[]][] {
  if (!isRecord(v)) return [];
  return Object.entries(v).map(([k, b]) => [k, Array.isArray(b) ? b : [b]]);
}

function fileData(file: string, top: Record<string, unknown>, lines: (kind: 'target' | 'group', name: string) => number | undefined): BakeFileData {
  const data: BakeFileData = { file, targets: [], groups: [], variables: new Map() };
  for (const [name, bodies] of blocks(top.variable)) {
    for (const b of bodies) if (isRecord(b) && 'default' in b) data.variables.set(name, b.default);
    if (!data.variables.has(name)) data.variables.set(name, null);
  }
  for (const [name, bodies] of blocks(top.target)) {
    const line = lines('target', name);
    data.targets.push(line === undefined ? { name, bodies } : { name, bodies, line });
  }
  for (const [name, bodies] of blocks(top.group)) {
    const targets: string[] = [];
    for (const b of bodies) {
      if (isRecord(b) && Array.isArray(b.targets)) for (const t of b.targets) if (typeof t === 'string') targets.push(t);
    }
    const line = lines('group', name);
    data.groups.push(line === undefined ? { name, targets } : { name, targets, line });
  }
  return data;
}

async function readJson(file: string, text: string): Promise<BakeFileData | DiscoveryProblem> {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let top: unknown;
  try {
    top = JSON.parse(src);
  } catch (e) {
    const msg = (e as Error).message;
    const lm = /\(line (\d+) column \d+\)/.exec(msg);
    const pm = /at position (\d+)/.exec(msg);
    const line = lm?.[1] !== undefined ? Number(lm[1]) : pm?.[1] !== undefined ? lineOf(src, Number(pm[1])) : lineOf(src, src.length);
    return { file, line, message: `invalid JSON: ${msg}` };
  }
  if (!isRecord(top)) return { file, line: 1, message: 'a Bake JSON file must be an object' };
  // JSON.parse gives no positions: read the same text as YAML (a JSON superset) for the lines.
  const lineMap = new Map<string, number>();
  try {
    const { isMap, isScalar, parseDocument } = yaml();
    const doc = parseDocument(src, { uniqueKeys: false });
    if (isMap(doc.contents)) {
      for (const section of ['target', 'group'] as const) {
        const node = doc.get(section, true);
        if (!isMap(node)) continue;
        for (const pair of node.items) {
          if (isScalar(pair.key) && pair.key.range) lineMap.set(`${section} ${String(pair.key.value)}`, lineOf(src, pair.key.range[0]));
        }
      }
    }
  } catch {
    // lines are best effort
  }
  return fileData(file, top, (kind, name) => lineMap.get(`${kind} ${name}`));
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function readHcl(file: string, text: string, parser: HclParser | null): Promise<BakeFileData | DiscoveryProblem> {
  if (parser === null) {
    return { file, message: 'HCL not supported: convert with `docker buildx bake --print` (or install @cdktn/hcl2json)' };
  }
  let top: unknown;
  try {
    top = await parser(path.basename(file), text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const line = hclErrorLine(msg);
    return line === undefined ? { file, message: `invalid HCL: ${msg}` } : { file, line, message: `invalid HCL: ${msg}` };
  }
  if (!isRecord(top)) return { file, message: 'HCL parser returned no body' };
  const lines = (kind: 'target' | 'group', name: string): number | undefined => {
    const re = new RegExp(`^[ \\t]*${kind}[ \\t]+"${escapeRe(name)}"[ \\t]*\\{`, 'm');
    const m = re.exec(text);
    return m === null ? undefined : lineOf(text, m.index);
  };
  const data = fileData(file, top, lines);
  // hcl2json sorts block labels: restore the order of the file.
  const byLine = <T extends { line?: number }>(a: T, b: T): number => (a.line ?? Infinity) - (b.line ?? Infinity);
  data.targets.sort(byLine);
  data.groups.sort(byLine);
  return data;
}

// ---------------------------------------------------------------------------------------------
// Template evaluation

/** Index of the "}" closing an interpolation whose content starts at `from`, skipping nested braces and quoted strings. */
function closeBrace(s: string, from: number): number {
  let depth = 0;
  let quoted = false;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

function evalTemplate(s: string, vars: ReadonlyMap<string, string>): Field {
  let out = '';
  let expr = false;
  for (let i = 0; i < s.length; ) {
    if (s.startsWith('$${', i) || s.startsWith('%%{', i)) {
      out += s.slice(i + 1, i + 3);
      i += 3;
      continue;
    }
    if (s.startsWith('${', i) || s.startsWith('%{', i)) {
      const end = closeBrace(s, i + 2);
      if (end < 0) {
        out += s.slice(i);
        expr = true;
        break;
      }
      const inner = s.slice(i + 2, end).replace(/^~/, '').replace(/~$/, '').trim();
      const v = s[i] === '$' && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(inner) ? vars.get(inner) : undefined;
      if (v === undefined) {
        out += s.slice(i, end + 1);
        expr = true;
      } else {
        out += v;
      }
      i = end + 1;
      continue;
    }
    out += s[i];
    i++;
  }
  return { value: out, expr };
}

function evalValue(v: unknown, vars: ReadonlyMap<string, string>): Field | undefined {
  if (v === undefined) return undefined;
  if (v === null) return { value: null, expr: false };
  if (typeof v === 'string') return evalTemplate(v, vars);
  const s = scalarString(v);
  return s === null ? undefined : { value: s, expr: false };
}

function bodyAttrs(body: unknown, vars: ReadonlyMap<string, string>, where: string, problems: string[]): Attrs {
  const attrs = emptyAttrs();
  if (!isRecord(body)) {
    problems.push(`${where}: a target must be an object`);
    return attrs;
  }
  for (const f of SCALAR_FIELDS) {
    if (!(f in body)) continue;
    const field = evalValue(body[f], vars);
    if (field === undefined) problems.push(`${where}: ${f} must be a string`);
    else if (field.value !== null) attrs.scalars.set(f, field);
  }
  for (const [key, map] of [
    ['args', attrs.args],
    ['contexts', attrs.contexts],
  ] as const) {
    const v = body[key];
    if (v === undefined || v === null) continue;
    if (!isRecord(v)) {
      problems.push(`${where}: ${key} must be a map`);
      continue;
    }
    for (const [k, val] of Object.entries(v)) {
      const field = evalValue(val, vars);
      if (field === undefined) problems.push(`${where}: ${key}.${k} must be a string`);
      else map.set(k, field);
    }
  }
  const inh = body.inherits;
  if (typeof inh === 'string') attrs.inherits = [inh];
  else if (Array.isArray(inh)) attrs.inherits = inh.filter((x): x is string => typeof x === 'string');
  return attrs;
}

function composeAttrs(build: RawBuild): Attrs {
  const attrs = emptyAttrs();
  const lit = (value: string | null): Field => ({ value, expr: false });
  if (build.context !== undefined) attrs.scalars.set('context', lit(build.context));
  if (build.dockerfile !== undefined) attrs.scalars.set('dockerfile', lit(build.dockerfile));
  if (build.dockerfileInline !== undefined) attrs.scalars.set('dockerfile-inline', lit(build.dockerfileInline));
  if (build.target !== undefined) attrs.scalars.set('target', lit(build.target));
  for (const [k, v] of Object.entries(build.args)) attrs.args.set(k, lit(v));
  for (const [k, v] of Object.entries(build.contexts)) attrs.contexts.set(k, lit(v));
  return attrs;
}

function dropCwd(v: string): string {
  return v.startsWith('cwd://') ? v.slice('cwd://'.length) : v;
}

// ---------------------------------------------------------------------------------------------

/**
 * The Bake targets of one directory. `files` are its Bake files in Bake's read order; `compose`
 * is the Compose model Bake also reads there (or null).
 */
export async function bakeTargets(
  dir: string,
  files: readonly string[],
  compose: ComposeModel | null,
  env: Readonly<Record<string, string | undefined>>,
  hclParser: HclParser | null,
  root: string,
): Promise<BakeResult> {
  const result: BakeResult = { targets: [], errors: [], notes: [] };
  const datas: BakeFileData[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await fsp.readFile(file, 'utf8');
    } catch (e) {
      result.errors.push({ file, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}` });
      continue;
    }
    const data = file.endsWith('.hcl') ? await readHcl(file, text, hclParser) : await readJson(file, text);
    if ('message' in data) result.errors.push(data);
    else datas.push(data);
  }
  if (datas.length === 0) return result;

  // Variables: later files override defaults; the environment overrides both.
  const defaults = new Map<string, unknown>();
  for (const d of datas) for (const [k, v] of d.variables) if (v !== null || !defaults.has(k)) defaults.set(k, v);
  // A default may refer to other variables: evaluate those until nothing changes; one that still
  // needs an expression is left out, so what refers to it is reported as unevaluated.
  const vars = new Map<string, string>();
  const pending = new Map<string, string>();
  for (const [k, v] of defaults) {
    const fromEnv = env[k];
    const text = v === null ? '' : (scalarString(v) ?? JSON.stringify(v));
    if (fromEnv !== undefined) vars.set(k, fromEnv);
    else if (typeof v === 'string' && /[$%]\{/.test(v)) pending.set(k, text);
    else vars.set(k, text);
  }
  for (let changed = true; changed && pending.size > 0; ) {
    changed = false;
    for (const [k, v] of pending) {
      const r = evalTemplate(v, vars);
      if (r.expr) continue;
      vars.set(k, r.value ?? '');
      pending.delete(k);
      changed = true;
    }
  }

  // The merged namespace, in definition order.
  const defs = new Map<string, TargetDef>();
  if (compose !== null) {
    for (const svc of compose.services) {
      // Bake names targets after services, with "." replaced by "_".
      const name = svc.name.replace(/\./g, '_');
      defs.set(name, { name, attrs: composeAttrs(svc.build), source: null, composeService: svc.name, composeNotes: svc.notes });
    }
  }
  const bakeOrder: string[] = [];
  const groupMembers = new Set<string>();
  const composeName = compose?.files[0] === undefined ? '' : displayPath(root, compose.files[0]);
  for (const data of datas) {
    for (const t of data.targets) {
      const problems: string[] = [];
      let attrs = emptyAttrs();
      for (const body of t.bodies) attrs = mergeAttrs(attrs, bodyAttrs(body, vars, `target ${t.name}`, problems));
      for (const p of problems) result.errors.push(t.line === undefined ? { file: data.file, message: p } : { file: data.file, line: t.line, message: p });
      const prev = defs.get(t.name);
      const source = t.line === undefined ? { file: data.file } : { file: data.file, line: t.line };
      if (!bakeOrder.includes(t.name)) bakeOrder.push(t.name);
      if (prev === undefined) {
        defs.set(t.name, { name: t.name, attrs, source, composeNotes: [] });
      } else {
        prev.attrs = mergeAttrs(prev.attrs, attrs);
        prev.source ??= source;
      }
    }
    for (const g of data.groups) {
      for (const m of g.targets) groupMembers.add(m);
      const msg = `bake group ${g.name} (${g.targets.join(', ')}) is not a build: its targets are listed one by one`;
      result.notes.push(g.line === undefined ? { file: data.file, message: msg } : { file: data.file, line: g.line, message: msg });
    }
  }

  // inherits
  const inheritedBy = new Set<string>();
  for (const d of defs.values()) for (const p of d.attrs.inherits ?? []) inheritedBy.add(p);
  const resolved = new Map<string, Attrs | null>();
  const resolve = (name: string, chain: string[]): Attrs | null => {
    if (resolved.has(name)) return resolved.get(name) ?? null;
    const def = defs.get(name);
    if (def === undefined) return null;
    let acc = emptyAttrs();
    let ok = true;
    for (const parent of def.attrs.inherits ?? []) {
      const where = def.source ?? { file: files[0] ?? dir };
      if (parent === name || chain.includes(parent)) {
        // Reported on the target being listed (the start of the chain).
        const top = chain[0] ?? name;
        const topWhere = defs.get(top)?.source ?? where;
        result.errors.push({ ...topWhere, message: `target ${top}: inherits cycle ${[...chain, name, parent].join(' -> ')}` });
        ok = false;
        continue;
      }
      if (!defs.has(parent)) {
        result.errors.push({ ...where, message: `target ${name}: inherits unknown target ${parent}` });
        ok = false;
        continue;
      }
      const p = resolve(parent, [...chain, name]);
      if (p === null) {
        ok = false;
        continue;
      }
      acc = mergeAttrs(acc, p);
    }
    const out = ok ? mergeAttrs(acc, def.attrs) : null;
    resolved.set(name, out);
    return out;
  };

  // Compose-only targets are not listed here: they are listed as Compose services.
  for (const name of bakeOrder) {
    const def = defs.get(name);
    if (def?.source == null) continue;
    const source = def.source;
    const label = `bake target ${def.name} (${displayPath(root, source.file)})`;
    if (inheritedBy.has(def.name) && !groupMembers.has(def.name)) {
      result.notes.push({ ...source, message: `bake target ${def.name} is only inherited by other targets: not listed` });
      continue;
    }
    const attrs = resolve(def.name, []);
    if (attrs === null) continue;
    const notes: string[] = [];
    if (def.composeService !== undefined) {
      notes.push(`merged over service ${def.composeService} of ${composeName} (bake reads both files)`);
      notes.push(...def.composeNotes);
    }
    const parents = def.attrs.inherits ?? [];
    if (parents.length > 0) notes.push(`inherits ${parents.join(', ')}`);
    const unevaluated = [...attrs.scalars].filter(([f, v]) => v.expr && f !== 'target').map(([f, v]) => `${f} = ${v.value}`);
    if (unevaluated.length > 0) {
      result.errors.push({ ...source, message: `target ${def.name}: ${unevaluated.join(', ')} uses an expression ctxcheck does not evaluate; see \`docker buildx bake --print ${def.name}\`` });
      continue;
    }
    const raw: RawBuild = { args: {}, contexts: {} };
    const sc = (f: ScalarField): string | undefined => attrs.scalars.get(f)?.value ?? undefined;
    const context = sc('context');
    if (context !== undefined) raw.context = dropCwd(context);
    const dockerfile = sc('dockerfile');
    // buildx: `cwd://` Dockerfile → filepath.Abs from the working directory, not joined to the context.
    if (dockerfile !== undefined) raw.dockerfile = dockerfile.startsWith('cwd://') ? path.resolve(dir, dropCwd(dockerfile)) : dockerfile;
    const inline = sc('dockerfile-inline');
    if (inline !== undefined) raw.dockerfileInline = inline;
    const stage = attrs.scalars.get('target');
    if (stage?.value != null) {
      raw.target = stage.value;
      if (stage.expr) notes.push(`target ${stage.value} uses an expression ctxcheck does not evaluate: shown as written`);
    }
    for (const [k, v] of attrs.args) {
      raw.args[k] = v.value;
      if (v.expr) notes.push(`build arg ${k} uses an expression ctxcheck does not evaluate: shown as written`);
    }
    for (const [k, v] of attrs.contexts) {
      if (v.value === null) continue;
      if (v.expr) {
        notes.push(`additional context ${k} (${v.value}) uses an expression ctxcheck does not evaluate: skipped`);
        continue;
      }
      raw.contexts[k] = dropCwd(v.value);
    }
    const built = await resolveBuild(raw, dir);
    if ('remote' in built) {
      result.notes.push({ ...source, message: `${label}: remote build context ${built.remote} is not checked` });
      continue;
    }
    const target = targetFrom(label, 'bake', built, source, [...notes, ...built.notes]);
    result.targets.push(target);
  }
  return result;
}
