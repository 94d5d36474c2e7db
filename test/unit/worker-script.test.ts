// Both worker threads (secret scan pool, excluded-file counter) find their script the same way:
// the compiled sibling of the module that starts them, or none from TypeScript sources.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { compiledSibling } from '../../src/util/worker-script.js';

const dir = mkdtempSync(join(tmpdir(), 'ctxcheck-worker-script-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'w.js'), '');

describe('compiledSibling', () => {
  it('is the named file next to a compiled module', () => {
    expect(compiledSibling('w.js', pathToFileURL(join(dir, 'mod.js')).href)?.href).toBe(pathToFileURL(join(dir, 'w.js')).href);
  });
  it('is null from a TypeScript module, even when the file exists', () => {
    expect(compiledSibling('w.js', pathToFileURL(join(dir, 'mod.ts')).href)).toBeNull();
  });
  it('is null when the compiled module has no such sibling', () => {
    expect(compiledSibling('missing.js', pathToFileURL(join(dir, 'mod.js')).href)).toBeNull();
  });
});
