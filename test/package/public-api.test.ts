// The library's public surface, read from the shipped declarations (dist/index.d.ts) with the
// TypeScript compiler: exactly the documented names, nothing from the pipeline's insides.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const INDEX = fileURLToPath(new URL('../../dist/index.d.ts', import.meta.url));

function publicSurface(): { names: string[]; text: string } {
  const program = ts.createProgram([INDEX], { strict: true, noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const mod = checker.getSymbolAtLocation(program.getSourceFile(INDEX)!)!;
  const names = checker.getExportsOfModule(mod).map((s) => s.name).sort();
  // Each export's own declaration, written out: no internal type may appear in it.
  const text = checker
    .getExportsOfModule(mod)
    .map((s) => {
      const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
      return (target.declarations ?? []).map((d) => d.getText()).join('\n');
    })
    .join('\n');
  return { names, text };
}

describe('public API (dist/index.d.ts)', () => {
  const { names, text } = publicSurface();

  it('exports the analysis, the gate (fail-on, baseline) and the reporters', () => {
    expect(names).toEqual(
      expect.arrayContaining([
        'analyze', 'listContext', 'iterateContext', 'explain', 'MemoryFS', 'RULES', 'InputError', 'IgnoreFileError',
        'parseFailOn', 'failingFindings', 'FailPolicy', 'makeBaseline', 'readBaseline', 'applyBaseline', 'BASELINE_FILE',
        'REPORTERS', 'FORMATS', 'Format', 'ReporterMeta', 'renderText', 'renderJson', 'renderSarif', 'renderMarkdown', 'renderGithub',
        'Report', 'Finding', 'AnalyzeOptions', 'CommonOptions', 'ContextFS',
      ]),
    );
  });

  it('exposes no pipeline internals', () => {
    const internal = ['Setup', 'setup', 'walkFor', 'transferWalk', 'EntryStore', 'ContextEntry', 'Matcher', 'buildReport', 'matcherFor', 'TarMeta'];
    for (const n of internal) expect(names, n).not.toContain(n);
    for (const n of internal) expect(text, n).not.toMatch(new RegExp(`\\b${n}\\b`));
  });

  it("IgnoreFileError is an InputError, through require('ctxcheck') as through import", async () => {
    const cjs = createRequire(import.meta.url)('ctxcheck') as typeof import('ctxcheck');
    const esm = await import('ctxcheck');
    expect(Object.keys(cjs).sort()).toEqual(Object.keys(esm).filter((k) => k !== 'default').sort());
    expect(new cjs.IgnoreFileError('.dockerignore', 3, 'bad pattern')).toBeInstanceOf(cjs.InputError);
  });
});
