#!/usr/bin/env node
// Generate README.md's rule table from the rule registry (RULES in the built dist/index.js).
//
//   node scripts/gen-rules-doc.mjs            rewrite the block between the markers
//   node scripts/gen-rules-doc.mjs --check    exit 1 (with a diff) when README.md is out of date
//   --readme <file>                           work on another file (tests)
//
// The block lives between `<!-- rules:start -->` and `<!-- rules:end -->`; everything outside
// the markers is left byte for byte. Run `npm run build` first: the registry is read from dist/.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const START = '<!-- rules:start -->';
export const END = '<!-- rules:end -->';

/** Markdown-escape a registry description for a table cell (it is plain text, not Markdown). */
export function cell(text) {
  return text.replace(/[\\`*_~<>[\]|]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** The generated block, markers included, for `rules` (the RULES registry object). */
export function renderRulesBlock(rules) {
  const lines = [
    START,
    '<!-- Generated from the rule registry (src/rules.ts) by `node scripts/gen-rules-doc.mjs`; do not edit by hand. -->',
    '',
    '| rule | category | default severity | meaning |',
    '| --- | --- | --- | --- |',
    ...Object.values(rules).map((r) => `| \`${r.id}\` | ${r.category} | ${r.severity} | ${cell(r.description)} |`),
    '',
    END,
  ];
  return lines.join('\n');
}

/** Replace the marked block in `text`; throws when the markers are missing or out of order. */
export function replaceBlock(text, block) {
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < 0 || end < start || text.indexOf(START, start + 1) >= 0 || text.indexOf(END, end + 1) >= 0) {
    throw new Error(`needs exactly one "${START}" followed by one "${END}"`);
  }
  return text.slice(0, start) + block + text.slice(end + END.length);
}

/** A small line diff (- README, + generated) of the marked blocks, for --check. */
export function blockDiff(current, expected) {
  const a = current.split('\n');
  const b = expected.split('\n');
  const inB = new Set(b);
  const inA = new Set(a);
  const lines = [...a.filter((l) => !inB.has(l)).map((l) => `- ${l}`), ...b.filter((l) => !inA.has(l)).map((l) => `+ ${l}`)];
  return lines.length > 0 ? lines.join('\n') : '  (the same lines in another order or number)';
}

async function main(argv) {
  const check = argv.includes('--check');
  const at = argv.indexOf('--readme');
  const readme = at >= 0 ? argv[at + 1] : fileURLToPath(new URL('../README.md', import.meta.url));
  const unknown = argv.filter((a, i) => a !== '--check' && a !== '--readme' && !(at >= 0 && i === at + 1));
  if (!readme || unknown.length > 0) {
    process.stderr.write('usage: node scripts/gen-rules-doc.mjs [--check] [--readme <file>]\n');
    return 2;
  }
  const dist = new URL('../dist/index.js', import.meta.url);
  if (!existsSync(dist)) {
    process.stderr.write('gen-rules-doc: dist/index.js not found: run `npm run build` first\n');
    return 2;
  }
  const { RULES } = await import(dist.href);
  const block = renderRulesBlock(RULES);
  const text = readFileSync(readme, 'utf8');
  let updated;
  try {
    updated = replaceBlock(text, block);
  } catch (err) {
    process.stderr.write(`gen-rules-doc: ${readme} ${err.message} (put them where the rule table belongs)\n`);
    return 2;
  }
  if (updated === text) {
    process.stdout.write(`gen-rules-doc: ${readme} rule table is up to date (${Object.keys(RULES).length} rules)\n`);
    return 0;
  }
  if (check) {
    const current = text.slice(text.indexOf(START), text.indexOf(END) + END.length);
    process.stderr.write(
      `gen-rules-doc: ${readme} rule table differs from the registry (- README, + registry):\n${blockDiff(current, block)}\n` +
        'Run `npm run build && node scripts/gen-rules-doc.mjs` to update it.\n',
    );
    return 1;
  }
  writeFileSync(readme, updated);
  process.stdout.write(`gen-rules-doc: updated the rule table in ${readme} (${Object.keys(RULES).length} rules)\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
