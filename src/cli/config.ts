// Project configuration: `ctxcheck.config.json`, or a "ctxcheck" key in package.json, given with
// --config or found from the context directory up to the repository root. CLI flags override it. Unknown keys are an error, so a typo never
// silently turns a check off.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../errors.js';
import { Matcher } from '../ignore/matcher.js';
import { RULES, type RuleId, type Severity } from '../rules.js';
import type { Finding } from '../types.js';
import { parseSize } from '../units.js';

export interface AllowEntry {
  /** Rule id, or a prefix ending in "*" (e.g. "secret/*"). */
  rule: string;
  /** Context path pattern in .dockerignore syntax (e.g. "test/fixtures/**"); omitted = any path. */
  path?: string;
}

export interface Config {
  builder?: 'buildkit' | 'legacy';
  failOn?: string;
  large?: number;
  maxScanSize?: number;
  format?: string;
  /** Per-rule severity, or "off" to drop the rule's findings. */
  rules?: Partial<Record<RuleId, Severity | 'off'>>;
  allow?: AllowEntry[];
  /** Where it came from, for messages. */
  source?: string;
}

export const CONFIG_FILE = 'ctxcheck.config.json';
const KEYS = new Set(['builder', 'failOn', 'large', 'maxScanSize', 'format', 'rules', 'allow']);

function fail(source: string, message: string): never {
  throw new InputError(`${source}: ${message}`);
}

function sizeOf(v: unknown, key: string, source: string): number {
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
  const n = typeof v === 'string' ? parseSize(v) : null;
  if (n === null) fail(source, `"${key}" must be a size like "10MB" or a number of bytes`);
  return n;
}

export function validateConfig(raw: unknown, source: string): Config {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(source, 'the configuration must be a JSON object');
  const obj = raw as Record<string, unknown>;
  for (const k of Object.keys(obj)) if (!KEYS.has(k)) fail(source, `unknown key "${k}" (known: ${[...KEYS].join(', ')})`);
  const cfg: Config = { source };
  if (obj['builder'] !== undefined) {
    if (obj['builder'] !== 'buildkit' && obj['builder'] !== 'legacy') fail(source, '"builder" must be "buildkit" or "legacy"');
    cfg.builder = obj['builder'];
  }
  if (obj['failOn'] !== undefined) {
    if (typeof obj['failOn'] !== 'string') fail(source, '"failOn" must be a string like "error" or "secret,copy"');
    cfg.failOn = obj['failOn'];
  }
  if (obj['format'] !== undefined) {
    if (typeof obj['format'] !== 'string') fail(source, '"format" must be a string');
    cfg.format = obj['format'];
  }
  if (obj['large'] !== undefined) cfg.large = sizeOf(obj['large'], 'large', source);
  if (obj['maxScanSize'] !== undefined) cfg.maxScanSize = sizeOf(obj['maxScanSize'], 'maxScanSize', source);
  if (obj['rules'] !== undefined) {
    const rules = obj['rules'];
    if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) fail(source, '"rules" must be an object of rule id → severity or "off"');
    cfg.rules = {};
    for (const [id, sev] of Object.entries(rules)) {
      if (!(id in RULES)) fail(source, `"rules": unknown rule "${id}"`);
      if (sev !== 'error' && sev !== 'warning' && sev !== 'note' && sev !== 'off') fail(source, `"rules.${id}" must be error, warning, note or off`);
      cfg.rules[id as RuleId] = sev;
    }
  }
  if (obj['allow'] !== undefined) {
    if (!Array.isArray(obj['allow'])) fail(source, '"allow" must be a list of {"rule": ..., "path": ...}');
    cfg.allow = obj['allow'].map((a, i) => {
      if (typeof a !== 'object' || a === null) fail(source, `"allow[${i}]" must be an object`);
      const e = a as Record<string, unknown>;
      for (const k of Object.keys(e)) if (k !== 'rule' && k !== 'path') fail(source, `"allow[${i}]": unknown key "${k}"`);
      if (typeof e['rule'] !== 'string') fail(source, `"allow[${i}].rule" must be a string`);
      if (e['path'] !== undefined && typeof e['path'] !== 'string') fail(source, `"allow[${i}].path" must be a string`);
      return { rule: e['rule'], ...(typeof e['path'] === 'string' ? { path: e['path'] } : {}) };
    });
  }
  return cfg;
}

/** Read one configuration file: a ctxcheck.config.json, or the "ctxcheck" key of a package.json. */
export function loadConfigFile(file: string, label = file): Config | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    fail(label, code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? (err as Error).message})`);
  }
  if (path.basename(file) === 'package.json') {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return null; // an unparseable package.json is not ours to judge
    }
    const own = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)['ctxcheck'] : undefined;
    return own === undefined ? null : validateConfig(own, `${label} "ctxcheck"`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    fail(label, `invalid JSON (${(err as Error).message.split('\n')[0]})`);
  }
  return validateConfig(raw, label);
}

/** The configuration in `dir` itself (ctxcheck.config.json first, then package.json), or null. */
export function loadConfig(dir: string, cwd = process.cwd()): Config | null {
  for (const name of [CONFIG_FILE, 'package.json']) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) continue;
    const cfg = loadConfigFile(file, path.relative(cwd, file) || name);
    if (cfg !== null || name === CONFIG_FILE) return cfg;
  }
  return null;
}

/** The git work tree holding `dir`: the nearest ancestor (or itself) with a .git entry. */
function repoTop(dir: string): string | null {
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return null;
  }
}

/**
 * The configuration for a context: `--config FILE` when given; otherwise the nearest one from the
 * context directory up to the repository root (never above it: a config outside the repository is
 * not the project's), or only the context directory outside any repository.
 */
export function findConfig(context: string, configFlag?: string, cwd = process.cwd()): Config | null {
  if (configFlag !== undefined) return loadConfigFile(path.resolve(cwd, configFlag), configFlag);
  const start = path.resolve(cwd, context);
  if (!fs.existsSync(start)) return null; // the missing context is reported elsewhere
  const top = repoTop(start);
  for (let d = start; ; d = path.dirname(d)) {
    const cfg = loadConfig(d, cwd);
    if (cfg !== null) return cfg;
    if (top === null || d === top || path.dirname(d) === d) return null;
  }
}

/** Apply per-rule severities ("off" drops) and the allowlist. */
export function applyConfig(findings: readonly Finding[], cfg: Config | null): Finding[] {
  if (!cfg) return [...findings];
  const allow = (cfg.allow ?? []).map((a) => ({
    rule: a.rule,
    path: a.path === undefined ? null : Matcher.fromRaw([{ text: a.path, line: 1, raw: a.path }], `${cfg.source} allow`),
  }));
  const ruleMatches = (pattern: string, id: string): boolean => (pattern.endsWith('*') ? id.startsWith(pattern.slice(0, -1)) : pattern === id);
  const out: Finding[] = [];
  for (const f of findings) {
    const sev = cfg.rules?.[f.rule];
    if (sev === 'off') continue;
    if (allow.some((a) => ruleMatches(a.rule, f.rule) && (a.path === null || (f.path !== undefined && a.path.matchesOrParentMatches(f.path).excluded)))) continue;
    out.push(sev ? { ...f, severity: sev } : f);
  }
  return out;
}
