// Compose files: the services that have a `build` section, described the way `docker compose
// build` resolves them (compose-go v2).
//
// - Layers: a Compose file, then (for the file `docker compose` picks in its directory) the first
//   override file present. Several YAML documents in one file are layers too. Services merge
//   by name; within `build`, scalars replace and `args` / `additional_contexts` merge by key.
// - `extends` naming a service of the same model is resolved (its build underneath); `extends`
//   with `file:` is not followed (note). `include:` is not followed (note).
// - Interpolation applies to every string of the `build` section, from the environment first
//   and then the `.env` file in the project directory (the first layer's directory). An arg
//   without a value (`- KEY`, `KEY:` / `KEY: null`) takes the variable of the same name; when
//   there is none it is not passed (note).
// - `context` (default ".") and local `additional_contexts` are relative to the project
//   directory, `dockerfile` (default "Dockerfile") to the context. Remote contexts (git, http,
//   `scheme://`) are not checked: the service is left out with a note.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';

import { yaml } from './yaml-loader.js';
import type { Document } from 'yaml';

import type { RawBuild } from './build.js';
import { DotenvError, InterpolationError, parseDotenv, substitute } from './interpolate.js';
import type { Lookup } from './interpolate.js';
import { isRecord, scalarString } from './names.js';
import type { DiscoveryProblem } from './types.js';

/** A service's build section in map form, strings not yet interpolated. */
interface BuildSection {
  context?: string;
  dockerfile?: string;
  dockerfile_inline?: string;
  target?: string;
  args: Record<string, string | null>;
  additional_contexts: Record<string, string>;
}

interface ServiceEntry {
  name: string;
  file: string;
  line?: number;
  build: BuildSection | null;
  /** `extends` as written: a service name, or { service, file? }. */
  extends?: { service: string; file?: string };
  profiles: string[];
  /** Files whose layer changed this service after the first. */
  mergedFrom: string[];
}

export interface ComposeService {
  name: string;
  /** The file (and line) that first defines the service. */
  file: string;
  line?: number;
  build: RawBuild;
  notes: string[];
}

export interface ComposeModel {
  /** The project file, then the files layered over it. */
  files: readonly string[];
  /** Project directory: relative build paths are resolved against it. */
  dir: string;
  /** Services with a build section, in definition order (interpolated; context may be remote). */
  services: ComposeService[];
  errors: DiscoveryProblem[];
  notes: DiscoveryProblem[];
}

class ShapeError extends Error {}

/** The first line of a yaml error message, without the position it repeats. */
function firstLine(msg: string): string {
  const i = msg.indexOf('\n');
  return (i < 0 ? msg : msg.slice(0, i)).replace(/ at line \d+, column \d+:?$/, '').replace(/:$/, '');
}

function str(v: unknown, what: string): string {
  const s = scalarString(v);
  if (s === null) throw new ShapeError(`${what} must be a string`);
  return s;
}

/** `args` / `additional_contexts` in map or list (`KEY=VAL` / `KEY`) form. */
function mapOrList(v: unknown, what: string, allowNull: boolean): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  if (v === undefined || v === null) return out;
  if (Array.isArray(v)) {
    for (const item of v) {
      const s = scalarString(item);
      if (s === null) throw new ShapeError(`${what} entries must be strings`);
      const eq = s.indexOf('=');
      if (eq < 0) {
        if (!allowNull) throw new ShapeError(`${what} entry ${JSON.stringify(s)} must be NAME=VALUE`);
        out[s] = null;
      } else {
        out[s.slice(0, eq)] = s.slice(eq + 1);
      }
    }
    return out;
  }
  if (isRecord(v)) {
    for (const [k, val] of Object.entries(v)) {
      if (val === null || val === undefined) {
        if (!allowNull) throw new ShapeError(`${what}.${k} has no value`);
        out[k] = null;
      } else {
        const s = scalarString(val);
        if (s === null) throw new ShapeError(`${what}.${k} must be a string`);
        out[k] = s;
      }
    }
    return out;
  }
  throw new ShapeError(`${what} must be a mapping or a list`);
}

function normalizeBuild(v: unknown): BuildSection | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return { context: v, args: {}, additional_contexts: {} };
  if (!isRecord(v)) throw new ShapeError('build must be a string or a mapping');
  const b: BuildSection = {
    args: mapOrList(v.args, 'build.args', true),
    additional_contexts: mapOrList(v.additional_contexts, 'build.additional_contexts', false) as Record<string, string>,
  };
  if (v.context !== undefined && v.context !== null) b.context = str(v.context, 'build.context');
  if (v.dockerfile !== undefined && v.dockerfile !== null) b.dockerfile = str(v.dockerfile, 'build.dockerfile');
  if (v.dockerfile_inline !== undefined && v.dockerfile_inline !== null) b.dockerfile_inline = str(v.dockerfile_inline, 'build.dockerfile_inline');
  if (v.target !== undefined && v.target !== null) b.target = str(v.target, 'build.target');
  return b;
}

function mergeBuild(base: BuildSection | null, over: BuildSection | null): BuildSection | null {
  if (base === null) return over;
  if (over === null) return base;
  const out: BuildSection = { ...base, args: { ...base.args, ...over.args }, additional_contexts: { ...base.additional_contexts, ...over.additional_contexts } };
  for (const k of ['context', 'dockerfile', 'dockerfile_inline', 'target'] as const) {
    if (over[k] !== undefined) out[k] = over[k];
  }
  return out;
}

function normalizeExtends(v: unknown): { service: string; file?: string } | undefined {
  if (typeof v === 'string') return { service: v };
  if (isRecord(v) && typeof v.service === 'string') {
    return typeof v.file === 'string' ? { service: v.service, file: v.file } : { service: v.service };
  }
  return undefined;
}

function yamlError(file: string, doc: Document.Parsed): DiscoveryProblem | null {
  const err = doc.errors[0];
  if (err === undefined) return null;
  const line = err.linePos?.[0].line;
  return line === undefined ? { file, message: firstLine(err.message) } : { file, line, message: firstLine(err.message) };
}

/**
 * Read the services of one layer file into `services` (merging into existing ones). Returns
 * false when the file could not be used at all.
 */
async function readLayer(file: string, services: Map<string, ServiceEntry>, model: ComposeModel): Promise<boolean> {
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (e) {
    model.errors.push({ file, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}` });
    return false;
  }
  const { LineCounter, isMap, isScalar, parseAllDocuments } = yaml();
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, merge: true });
  if (docs.length === 0) {
    // An empty stream: no services (but maybe an error, e.g. a stray directive).
    const err = 'errors' in docs ? docs.errors[0] : undefined;
    if (err !== undefined) {
      model.errors.push(err.linePos ? { file, line: err.linePos[0].line, message: firstLine(err.message) } : { file, message: firstLine(err.message) });
      return false;
    }
    return true;
  }
  for (const doc of docs) {
    const err = yamlError(file, doc);
    if (err !== null) {
      model.errors.push(err);
      return false;
    }
  }
  for (const doc of docs) {
    const top = doc.contents;
    if (top === null || (isScalar(top) && top.value === null)) continue;
    if (!isMap(top)) {
      model.errors.push({ file, line: lineCounter.linePos(top.range[0]).line, message: 'a Compose file must be a mapping' });
      return false;
    }
    let js: unknown;
    try {
      js = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      model.errors.push({ file, message: firstLine((e as Error).message) });
      return false;
    }
    if (!isRecord(js)) continue;
    const includeNode = top.items.find((p) => isScalar(p.key) && p.key.value === 'include');
    if (includeNode !== undefined && isScalar(includeNode.key) && includeNode.key.range) {
      model.notes.push({ file, line: lineCounter.linePos(includeNode.key.range[0]).line, message: 'include: is not followed: services of included files are not listed (list those files with -c)' });
    }
    const servicesPair = top.items.find((p) => isScalar(p.key) && p.key.value === 'services');
    const servicesNode = servicesPair?.value;
    if (js.services === undefined || js.services === null) continue;
    if (!isMap(servicesNode) || !isRecord(js.services)) {
      const range = isScalar(servicesPair?.key) ? servicesPair.key.range : undefined;
      const message = 'services must be a mapping';
      model.errors.push(range ? { file, line: lineCounter.linePos(range[0]).line, message } : { file, message });
      return false;
    }
    for (const pair of servicesNode.items) {
      const key = pair.key;
      const name = isScalar(key) ? scalarString(key.value) : null;
      if (name === null) continue;
      const line = isScalar(key) && key.range ? lineCounter.linePos(key.range[0]).line : undefined;
      const value = js.services[name];
      const def = isRecord(value) ? value : {};
      let build: BuildSection | null;
      try {
        build = normalizeBuild(def.build);
      } catch (e) {
        if (!(e instanceof ShapeError)) throw e;
        model.errors.push(line === undefined ? { file, message: `service ${name}: ${e.message}` } : { file, line, message: `service ${name}: ${e.message}` });
        continue;
      }
      const ext = normalizeExtends(def.extends);
      const profiles = Array.isArray(def.profiles) ? def.profiles.filter((p): p is string => typeof p === 'string') : [];
      const prev = services.get(name);
      if (prev === undefined) {
        const entry: ServiceEntry = { name, file, build, profiles, mergedFrom: [] };
        if (line !== undefined) entry.line = line;
        if (ext !== undefined) entry.extends = ext;
        services.set(name, entry);
      } else {
        prev.build = mergeBuild(prev.build, build);
        if (ext !== undefined) prev.extends = ext;
        if (def.profiles !== undefined) prev.profiles = profiles;
        if (!prev.mergedFrom.includes(file) && file !== prev.file) prev.mergedFrom.push(file);
      }
    }
  }
  return true;
}

async function readDotenv(dir: string, env: Lookup, model: ComposeModel): Promise<Map<string, string>> {
  const file = path.join(dir, '.env');
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch {
    return new Map();
  }
  try {
    return parseDotenv(text, env);
  } catch (e) {
    if (e instanceof DotenvError) model.errors.push({ file, line: e.line, message: e.message });
    else throw e;
    return new Map();
  }
}

/**
 * Load a Compose model from `files` (the first one is the project file, the rest override it in
 * order). Never throws for bad input: problems land in `errors`.
 */
export async function loadCompose(files: readonly string[], env: Readonly<Record<string, string | undefined>>): Promise<ComposeModel> {
  const first = files[0];
  const dir = first === undefined ? '.' : path.dirname(first);
  const model: ComposeModel = { files, dir, services: [], errors: [], notes: [] };
  if (first === undefined) return model;
  const envLookup: Lookup = (k) => env[k];
  const dotenv = await readDotenv(dir, envLookup, model);
  const lookup: Lookup = (k) => env[k] ?? dotenv.get(k);

  const entries = new Map<string, ServiceEntry>();
  for (const [i, file] of files.entries()) {
    const ok = await readLayer(file, entries, model);
    if (!ok && i === 0) return model;
  }

  // Same-model `extends`: the extended service's build goes underneath.
  const resolved = new Map<string, BuildSection | null>();
  const extNotes = new Map<string, string[]>();
  const resolve = (name: string, chain: string[]): BuildSection | null => {
    const done = resolved.get(name);
    if (done !== undefined || resolved.has(name)) return done ?? null;
    const entry = entries.get(name);
    if (entry === undefined) return null;
    let build = entry.build;
    const ext = entry.extends;
    if (ext !== undefined) {
      const notes = extNotes.get(name) ?? [];
      if (ext.file !== undefined) {
        notes.push(`extends ${ext.service} from ${ext.file}: not followed, its build settings are missing here`);
      } else if (ext.service === name || chain.includes(ext.service)) {
        // Reported on the service where the chain started.
        const top = chain[0] ?? name;
        model.errors.push(lineOpt(entries.get(top) ?? entry, `service ${top}: extends cycle ${[...chain, name, ext.service].join(' -> ')}`));
      } else if (!entries.has(ext.service)) {
        model.errors.push(lineOpt(entry, `service ${name}: extends unknown service ${ext.service}`));
      } else {
        build = mergeBuild(resolve(ext.service, [...chain, name]), build);
        if (build !== null && entry.build === null) notes.push(`build settings come from service ${ext.service} (extends)`);
      }
      extNotes.set(name, notes);
    }
    resolved.set(name, build);
    return build;
  };

  for (const entry of entries.values()) {
    const build = resolve(entry.name, []);
    const notes = [...(extNotes.get(entry.name) ?? [])];
    if (build === null) {
      if (notes.length > 0 && entry.extends?.file !== undefined) model.notes.push(lineOpt(entry, `service ${entry.name}: ${notes.join('; ')}`));
      continue;
    }
    if (build.dockerfile !== undefined && build.dockerfile_inline !== undefined) {
      model.errors.push(lineOpt(entry, `service ${entry.name}: dockerfile and dockerfile_inline are mutually exclusive`));
      continue;
    }
    let raw: RawBuild;
    try {
      raw = interpolateBuild(build, lookup, notes);
    } catch (e) {
      if (!(e instanceof InterpolationError)) throw e;
      model.errors.push(lineOpt(entry, `service ${entry.name}: ${e.message}`));
      continue;
    }
    if (entry.profiles.length > 0) notes.push(`built only with profile ${entry.profiles.join(', ')} active`);
    for (const f of entry.mergedFrom) notes.push(`merged with ${path.basename(f)}`);
    const svc: ComposeService = { name: entry.name, file: entry.file, build: raw, notes };
    if (entry.line !== undefined) svc.line = entry.line;
    model.services.push(svc);
  }
  return model;
}

function lineOpt(entry: ServiceEntry, message: string): DiscoveryProblem {
  return entry.line === undefined ? { file: entry.file, message } : { file: entry.file, line: entry.line, message };
}

function interpolateBuild(b: BuildSection, lookup: Lookup, notes: string[]): RawBuild {
  const unset = new Set<string>();
  const sub = (s: string): string => {
    const r = substitute(s, lookup);
    for (const u of r.unset) unset.add(u);
    return r.value;
  };
  const raw: RawBuild = { args: {}, contexts: {} };
  if (b.context !== undefined) raw.context = sub(b.context);
  if (b.dockerfile !== undefined) raw.dockerfile = sub(b.dockerfile);
  if (b.dockerfile_inline !== undefined) raw.dockerfileInline = sub(b.dockerfile_inline);
  if (b.target !== undefined) raw.target = sub(b.target);
  for (const [k, v] of Object.entries(b.args)) raw.args[k] = v === null ? (lookup(k) ?? null) : sub(v);
  for (const [k, v] of Object.entries(b.additional_contexts)) raw.contexts[k] = sub(v);
  for (const u of unset) notes.push(`variable ${u} is not set: replaced by an empty string`);
  return raw;
}
