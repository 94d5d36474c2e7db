// Write small fixture trees to a fresh temp directory per test.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';

export interface TreeSpec {
  /** Path → content (string or bytes). Parent directories are created. */
  files?: Record<string, string | Uint8Array> | string[];
  /** Empty directories. */
  dirs?: string[];
  /** Symlink path → target (never followed). */
  links?: Record<string, string>;
}

const created: string[] = [];

/** Create the tree under a new temp dir and return its path; removed after the test. */
export function writeTree(spec: TreeSpec, prefix = 'ctxcheck-'): string {
  const root = makeTree(spec, prefix);
  created.push(root);
  return root;
}

/** Like writeTree, but the caller removes it (with removeTree), e.g. in afterAll. */
export function makeTree(spec: TreeSpec, prefix = 'ctxcheck-'): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  addToTree(root, spec);
  return root;
}

export function removeTree(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

export function addToTree(root: string, spec: TreeSpec): void {
  const files = Array.isArray(spec.files) ? Object.fromEntries(spec.files.map((f) => [f, 'x'])) : (spec.files ?? {});
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), content);
  }
  for (const d of spec.dirs ?? []) mkdirSync(join(root, d), { recursive: true });
  for (const [p, target] of Object.entries(spec.links ?? {})) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    symlinkSync(target, join(root, p));
  }
}

afterEach(() => {
  while (created.length > 0) rmSync(created.pop()!, { recursive: true, force: true });
});
