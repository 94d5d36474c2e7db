// Which file names are build definitions, and small path helpers shared by the discovery modules.
import * as os from 'node:os';
import * as path from 'node:path';

import type { FoundKind } from './types.js';

/** Compose's default file names, in the order `docker compose` picks the first one present. */
export const COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'] as const;
/** Compose's override files, applied on top of the picked file when present (first one wins). */
export const COMPOSE_OVERRIDE_FILES = ['compose.override.yml', 'compose.override.yaml', 'docker-compose.override.yml', 'docker-compose.override.yaml'] as const;
/** Bake's own files, in the order `docker buildx bake` reads (and merges) them. */
export const BAKE_FILES = ['docker-bake.json', 'docker-bake.hcl'] as const;
export const BAKE_OVERRIDE_FILES = ['docker-bake.override.json', 'docker-bake.override.hcl'] as const;

const TEMPLATE_SUFFIXES = ['.j2', '.jinja', '.jinja2', '.tmpl', '.tpl', '.template', '.in', '.erb', '.mustache', '.hbs'];

/**
 * Is `name` a Dockerfile by its name: `Dockerfile`, `*.Dockerfile`, `Dockerfile.*`,
 * `Containerfile`, `Containerfile.*` (case-sensitive, as docker and podman are on Linux)?
 * Per-Dockerfile ignore files (`Dockerfile.dockerignore`, `api.Dockerfile.dockerignore`,
 * `*.containerignore`) are not.
 */
export function isDockerfileName(name: string): boolean {
  if (name.endsWith('.dockerignore') || name.endsWith('.containerignore')) return false;
  if (name === 'Dockerfile' || name === 'Containerfile') return true;
  if (name.startsWith('Dockerfile.') && name.length > 'Dockerfile.'.length) return true;
  if (name.startsWith('Containerfile.') && name.length > 'Containerfile.'.length) return true;
  return name.endsWith('.Dockerfile') && name.length > '.Dockerfile'.length;
}

/**
 * A Dockerfile name that is a template rendered before the build (`Dockerfile.j2`,
 * `Dockerfile.in`, `api.Dockerfile.tmpl`): a generator's input, not what `docker build -f` reads.
 * Its COPY lines are not a real build, so discovery skips it (and counts it).
 */
export function looksLikeTemplate(name: string): boolean {
  return TEMPLATE_SUFFIXES.some((s) => name.endsWith(s));
}

/** A Dockerfile template by its name: a Dockerfile name with a template suffix. */
export function isDockerfileTemplate(name: string): boolean {
  return looksLikeTemplate(name) && (isDockerfileName(name) || isDockerfileName(name.slice(0, name.lastIndexOf('.'))));
}

/** The kind of a build definition file by its name, or null. */
export function definitionKind(name: string): FoundKind | null {
  if ((COMPOSE_FILES as readonly string[]).includes(name)) return 'compose';
  if ((COMPOSE_OVERRIDE_FILES as readonly string[]).includes(name)) return 'compose-override';
  if ((BAKE_FILES as readonly string[]).includes(name)) return 'bake';
  if ((BAKE_OVERRIDE_FILES as readonly string[]).includes(name)) return 'bake-override';
  if (isDockerfileTemplate(name)) return null;
  if (isDockerfileName(name)) return 'dockerfile';
  return null;
}

/**
 * A Dev Container configuration by its path, as the Dev Containers spec looks for them:
 * `.devcontainer.json`, `.devcontainer/devcontainer.json` and `.devcontainer/<name>/devcontainer.json`.
 */
export function devcontainerKind(abs: string): FoundKind | null {
  const name = path.basename(abs);
  if (name === '.devcontainer.json') return 'devcontainer';
  if (name !== 'devcontainer.json') return null;
  const parent = path.dirname(abs);
  if (path.basename(parent) === '.devcontainer' || path.basename(path.dirname(parent)) === '.devcontainer') return 'devcontainer';
  return null;
}

/**
 * Is a build context (or named context) value remote rather than a local path? Git and HTTP(S)
 * references as BuildKit and compose-go recognise them, any `scheme://` value
 * (`docker-image://`, `oci-layout://`), and the `service:` / `target:` references of Compose and
 * Bake.
 */
export function remoteKind(value: string): string | null {
  if (/^(https?:\/\/|git:\/\/|ssh:\/\/|git@|github\.com\/)/.test(value)) return 'remote';
  if (value.includes('://')) return value.slice(0, value.indexOf('://') + 3);
  if (value.startsWith('service:')) return 'service:';
  if (value.startsWith('target:')) return 'target:';
  return null;
}

/** Resolve a local path value against `base`, expanding a leading `~/` like compose-go. */
export function resolveLocal(base: string, value: string): string {
  if (value === '~') return os.homedir();
  if (value.startsWith('~/')) return path.join(os.homedir(), value.slice(2));
  return path.resolve(base, value);
}

/** `file` relative to `root` with forward slashes, or the absolute path when it is outside. */
export function displayPath(root: string, file: string): string {
  const rel = path.relative(root, file);
  if (rel === '') return '.';
  if (rel.startsWith('..') || path.isAbsolute(rel)) return file;
  return rel.split(path.sep).join('/');
}

/** Code-unit order, stable across locales. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A scalar from YAML/JSON as the string a build tool would pass (null/undefined/objects → null). */
export function scalarString(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return null;
}

/** 1-based line of a character offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
