// The source layout stays a one-way graph: no module under src/ reaches itself again through its
// imports (static, type-only, re-exports or dynamic import()). The graph is read from the sources
// with a small parser of import/export-from statements, so no dependency is needed. And no source
// file grows past MAX_LINES without saying why at its top.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SRC = join(ROOT, 'src');

const MAX_LINES = 500;
// A longer file states why in its leading comment, in words like "Over 500 lines: <reason>".
const REASON = /\bover 500 lines\b/i;
// Files another change owns right now: they are left to it (each entry says which). None today.
const SIZE_PENDING: Record<string, string> = {};

/** Every .ts module under src/, as a path relative to the repository ("src/cli/main.ts"). */
function sourceFiles(): string[] {
  return readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => `src/${f.split(sep).join('/')}`)
    .sort();
}

/** The comment lines a file starts with (before its first line of code). */
function leadingComment(text: string): string {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const l = line.trim();
    if (l.startsWith('//') || l.startsWith('/*') || l.startsWith('*') || l === '') out.push(l);
    else break;
  }
  return out.join('\n');
}

/** The text with comments blanked out, so a commented-out import is not an edge. */
function stripComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
      out += ' ';
    } else if (c === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === "'" || c === '"' || c === '`') {
      // Copy a string literal whole: a "//" inside it is not a comment.
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

// `import x from '…'`, `import type { a, b } from '…'`, `import '…'`, `export * from '…'`,
// `export { a as b } from '…'`, `export type { T } from '…'`: the clause before `from` holds only
// names, braces, commas, `*`, and the words type/as.
const STATIC = /(?:^|[;\n])\s*(?:import|export)\s+(?:type\s+)?(?:[\w$*{}\s,]+?\s+from\s+)?(['"])([^'"\n]+)\1/g;
const DYNAMIC = /\bimport\(\s*(['"])([^'"\n]+)\1\s*\)/g;

/** Relative module specifiers a source text imports. */
export function importSpecifiers(text: string): string[] {
  const code = stripComments(text);
  const out: string[] = [];
  for (const re of [STATIC, DYNAMIC]) for (const m of code.matchAll(re)) out.push(m[2]!);
  return out.filter((s) => s.startsWith('.'));
}

/** file → the src files it imports (NodeNext: "./x.js" in the source names "./x.ts"). */
function importGraph(files: readonly string[]): { graph: Map<string, string[]>; unresolved: string[] } {
  const graph = new Map<string, string[]>();
  const unresolved: string[] = [];
  for (const file of files) {
    const deps: string[] = [];
    for (const spec of importSpecifiers(readFileSync(join(ROOT, file), 'utf8'))) {
      const abs = resolve(ROOT, dirname(file), spec.replace(/\.js$/, '.ts'));
      const rel = relative(ROOT, abs).split(sep).join('/');
      if (existsSync(abs)) deps.push(rel);
      else unresolved.push(`${file} imports ${spec}`);
    }
    graph.set(file, [...new Set(deps)]);
  }
  return { graph, unresolved };
}

/** Every cycle's members, one list per strongly connected component of more than one module (or a self-import). */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  // Tarjan's algorithm, iterative so a deep graph cannot overflow the stack.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const deps = graph.get(top.node) ?? [];
      if (top.next < deps.length) {
        const dep = deps[top.next++]!;
        if (!index.has(dep)) {
          index.set(dep, counter);
          low.set(dep, counter++);
          stack.push(dep);
          onStack.add(dep);
          work.push({ node: dep, next: 0 });
        } else if (onStack.has(dep)) {
          low.set(top.node, Math.min(low.get(top.node)!, index.get(dep)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(top.node)!));
      if (low.get(top.node) === index.get(top.node)) {
        const members: string[] = [];
        let m: string;
        do {
          m = stack.pop()!;
          onStack.delete(m);
          members.push(m);
        } while (m !== top.node);
        if (members.length > 1 || deps.includes(top.node)) cycles.push(members.sort());
      }
    }
  }
  return cycles;
}

describe('import parser and cycle finder', () => {
  it('reads every form of import and re-export, and skips comments', () => {
    const text = [
      "import { a, type B } from './a.js';",
      "import type {\n  C,\n  D as E,\n} from '../c.js';",
      "import * as ns from './ns.js';",
      "import def, { f } from './def.js';",
      "import './side-effect.js';",
      "export * from './all.js';",
      "export { g as h } from './g.js';",
      "export type { T } from './t.js';",
      "const lazy = await import('./lazy.js');",
      "// import { no } from './commented.js';",
      "/* export * from './blocked.js'; */",
      "const url = 'https://example.com/x'; import { after } from './after-string.js';",
      "import { readFileSync } from 'node:fs';",
    ].join('\n');
    expect(importSpecifiers(text)).toEqual([
      './a.js',
      '../c.js',
      './ns.js',
      './def.js',
      './side-effect.js',
      './all.js',
      './g.js',
      './t.js',
      './after-string.js',
      './lazy.js',
    ]);
  });

  it('finds cycles, including a self-import, and nothing in a DAG', () => {
    const cyclic = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
      ['e', ['e']],
    ]);
    expect(findCycles(cyclic)).toEqual([['a', 'b', 'c'], ['e']]);
    const dag = new Map([
      ['a', ['b', 'c']],
      ['b', ['c']],
      ['c', []],
    ]);
    expect(findCycles(dag)).toEqual([]);
  });
});

describe('src/ layout', () => {
  const files = sourceFiles();
  const { graph, unresolved } = importGraph(files);

  it('resolves every relative import to a source file', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(unresolved).toEqual([]);
    // The parser really sees the graph: the CLI entry imports its commands.
    expect(graph.get('src/cli/main.ts')).toContain('src/cli/commands/report.ts');
  });

  it('has no import cycle among src/ modules', () => {
    expect(findCycles(graph)).toEqual([]);
  });

  // Issue #17 (start-up): in the CLI bundle a module runs when something imports it statically,
  // or when an import() is reached. `ls` and `why` must not run the analysis: the report
  // pipeline, the secret detectors, the reporters (the CLI imports them when a report is made).
  it('ctxcheck ls and why statically import no analysis', () => {
    const runs = (entry: string): Set<string> => {
      const seen = new Set<string>();
      const todo = [entry];
      while (todo.length > 0) {
        const f = todo.pop()!;
        if (seen.has(f)) continue;
        seen.add(f);
        for (const spec of valueImports(readFileSync(join(ROOT, f), 'utf8'))) {
          todo.push(relative(ROOT, resolve(ROOT, dirname(f), spec.replace(/\.js$/, '.ts'))).split(sep).join('/'));
        }
      }
      return seen;
    };
    const analysis = (m: string): boolean => m === 'src/pipeline/report.ts' || (m.startsWith('src/analyzers/secrets/') && m !== 'src/analyzers/secrets/rules.ts') || /^src\/report\/(text|json|sarif|markdown|github|index)\.ts$/.test(m);
    const main = runs('src/cli/main.ts');
    expect(main).toContain('src/cli/commands/ls.ts');
    expect(main).toContain('src/context/walk.ts');
    expect([...main].filter(analysis)).toEqual([]);
    // The check sees the analysis where it is imported.
    expect([...runs('src/index.ts')].filter(analysis).length).toBeGreaterThan(5);
  });
});

/** Relative imports that run the imported module: static, not type-only. */
function valueImports(text: string): string[] {
  const code = stripComments(text);
  const out: string[] = [];
  for (const m of code.matchAll(STATIC)) if (!/^\s*(?:[;\n]\s*)?(?:import|export)\s+type\s/.test(m[0])) out.push(m[2]!);
  return out.filter((s) => s.startsWith('.'));
}

describe('source file size', () => {
  it(`every src/ file over ${MAX_LINES} lines says why at its top`, () => {
    const unexplained: string[] = [];
    for (const file of sourceFiles()) {
      if (file in SIZE_PENDING) continue;
      const text = readFileSync(join(ROOT, file), 'utf8');
      const lines = text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length;
      if (lines > MAX_LINES && !REASON.test(leadingComment(text))) unexplained.push(`${file} (${lines} lines)`);
    }
    expect(unexplained).toEqual([]);
  });

  it('reads the reason only from the leading comment', () => {
    expect(REASON.test(leadingComment('// Over 500 lines: one table.\nexport const x = 1;\n'))).toBe(true);
    expect(REASON.test(leadingComment('export const x = 1;\n// over 500 lines\n'))).toBe(false);
  });
});
