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
import { suppress, type Suppressible } from './baseline-file.js';
import { CONFIG_FILE } from '../paths.js';

export { CONFIG_FILE };

export interface AllowEntry {
  /** Rule id, or a prefix ending in "*" (e.g. "secret/*"); omitted = any rule. */
  rule?: string;
  /** Context path pattern in .dockerignore syntax (e.g. "test/fixtures/**"); omitted = any path. */
  path?: string;
  /**
   * A finding's fingerprint (the 16 hex digits JSON and SARIF output carry): allows that one
   * value at that path, and nothing else, without writing the value anywhere.
   */
  fingerprint?: string;
}

export interface Config {
  builder?: 'buildkit' | 'legacy';
  failOn?: string;
  large?: number;
  maxScanSize?: number;
  format?: string;
  /** Show no character of a secret (as --redact). */
  redact?: boolean;
  /** Per-rule severity, or "off" to drop the rule's findings. */
  rules?: Partial<Record<RuleId, Severity | 'off'>>;
  allow?: AllowEntry[];
  /** Where it came from, for messages. */
  source?: string;
}

const KEYS = new Set(['builder', 'failOn', 'large', 'maxScanSize', 'format', 'redact', 'rules', 'allow']);

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
  if (obj['redact'] !== undefined) {
    if (typeof obj['redact'] !== 'boolean') fail(source, '"redact" must be true or false');
    cfg.redact = obj['redact'];
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
    if (!Array.isArray(obj['allow'])) fail(source, '"allow" must be a list of {"rule": ..., "path": ..., "fingerprint": ...}');
    cfg.allow = obj['allow'].map((a, i) => {
      if (typeof a !== 'object' || a === null || Array.isArray(a)) fail(source, `"allow[${i}]" must be an object`);
      const e = a as Record<string, unknown>;
      for (const k of Object.keys(e)) if (k !== 'rule' && k !== 'path' && k !== 'fingerprint') fail(source, `"allow[${i}]": unknown key "${k}" (known: rule, path, fingerprint)`);
      if (e['rule'] === undefined && e['path'] === undefined && e['fingerprint'] === undefined) fail(source, `"allow[${i}]" needs a rule, a path or a fingerprint (an empty entry would allow everything)`);
      for (const k of ['rule', 'path', 'fingerprint']) if (e[k] !== undefined && typeof e[k] !== 'string') fail(source, `"allow[${i}].${k}" must be a string`);
      const rule = e['rule'] as string | undefined;
      if (rule !== undefined && !rule.endsWith('*') && !(rule in RULES)) fail(source, `"allow[${i}].rule": unknown rule "${rule}"`);
      const fp = e['fingerprint'] as string | undefined;
      if (fp !== undefined && !/^[0-9a-f]{16}$/.test(fp)) fail(source, `"allow[${i}].fingerprint" must be the 16 hex digits a finding's "fingerprint" shows`);
      return { ...(rule !== undefined ? { rule } : {}), ...(typeof e['path'] === 'string' ? { path: e['path'] } : {}), ...(fp !== undefined ? { fingerprint: fp } : {}) };
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

/**
 * Apply per-rule severities ("off" drops the rule's findings: the rule is turned off, nothing is
 * suppressed) and the allowlist (its matches move to `suppressed`, counted under "config"). An
 * entry allows a finding when every field it gives matches.
 */
export function applyConfig(r: Suppressible, cfg: Config | null): void {
  if (!cfg) return;
  const allow = (cfg.allow ?? []).map((a) => ({
    rule: a.rule ?? null,
    fingerprint: a.fingerprint ?? null,
    path: a.path === undefined ? null : Matcher.fromRaw([{ text: a.path, line: 1, raw: a.path }], `${cfg.source} allow`),
  }));
  const ruleMatches = (pattern: string, id: string): boolean => (pattern.endsWith('*') ? id.startsWith(pattern.slice(0, -1)) : pattern === id);
  const out: Finding[] = [];
  for (const f of r.findings) {
    const sev = cfg.rules?.[f.rule];
    if (sev === 'off') continue;
    out.push(sev ? { ...f, severity: sev } : f);
  }
  r.findings = out;
  suppress(r, 'config', (f) =>
    allow.some(
      (a) =>
        (a.rule === null || ruleMatches(a.rule, f.rule)) &&
        (a.fingerprint === null || a.fingerprint === f.fingerprint) &&
        (a.path === null || (f.path !== undefined && a.path.matchesOrParentMatches(f.path).excluded)),
    ),
  );
}
