// README.md's rule table is generated from the rule registry: this fails whenever the two
// disagree (a rule added, renamed, re-categorised or re-described without regenerating).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules.js';
import { writeTree } from '../helpers/tree.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPT = join(ROOT, 'scripts', 'gen-rules-doc.mjs');
const START = '<!-- rules:start -->';
const END = '<!-- rules:end -->';

// The expected block, written out here independently of the script (which must agree with it).
const escapeCell = (s: string): string => s.replace(/[\\`*_~<>[\]|]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
const EXPECTED = [
  START,
  '<!-- Generated from the rule registry (src/rules.ts) by `node scripts/gen-rules-doc.mjs`; do not edit by hand. -->',
  '',
  '| rule | category | default severity | meaning |',
  '| --- | --- | --- | --- |',
  ...Object.values(RULES).map((r) => `| \`${r.id}\` | ${r.category} | ${r.severity} | ${escapeCell(r.description)} |`),
  '',
  END,
].join('\n');

function runScript(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('README.md rule table', () => {
  it('matches the registry exactly', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    if (start < 0 || end < start) {
      expect.fail(
        `README.md has no "${START}" … "${END}" block. Replace the hand-written table under "## Rules" ` +
          `with the generated one (npm run build && node scripts/gen-rules-doc.mjs, after adding the two markers), i.e.:\n\n${EXPECTED}\n`,
      );
    }
    expect(readme.indexOf(START, start + 1), 'a second rules:start marker').toBe(-1);
    expect(readme.indexOf(END, end + 1), 'a second rules:end marker').toBe(-1);
    expect(readme.slice(start, end + END.length)).toBe(EXPECTED);
  });

  it('covers every rule once', () => {
    const ids = [...EXPECTED.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
    expect(ids).toEqual(Object.keys(RULES));
  });

  it('gen-rules-doc.mjs --check agrees (exit 0)', () => {
    const r = runScript(['--check']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('scripts/gen-rules-doc.mjs', () => {
  const before = '# Title\n\n## Rules\n\nIntro text stays.\n\n';
  const after = '\n\nMore text | with pipes\n<!-- bench:start -->\nkept\n<!-- bench:end -->\n';

  it('writes the registry block between the markers, leaving the rest byte for byte', () => {
    const dir = writeTree({ files: { 'README.md': `${before}${START}\n| stale | table |\n${END}${after}` } });
    const file = join(dir, 'README.md');
    const check = runScript(['--check', '--readme', file]);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('differs from the registry');
    expect(check.stderr).toContain('- | stale | table |');
    expect(check.stderr).toContain('+ | `copy-missing` | copy | error |');

    const write = runScript(['--readme', file]);
    expect(write.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(`${before}${EXPECTED}${after}`);
    expect(runScript(['--check', '--readme', file]).code).toBe(0);
    // Idempotent.
    expect(runScript(['--readme', file]).stdout).toContain('up to date');
    expect(readFileSync(file, 'utf8')).toBe(`${before}${EXPECTED}${after}`);
  });

  it('--check notices a changed description', () => {
    const dir = writeTree({ files: { 'README.md': `${before}${EXPECTED.replace('| large | warning |', '| large | error |')}${after}` } });
    const r = runScript(['--check', '--readme', join(dir, 'README.md')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^- \| `large-file` \| large \| error \|/m);
    expect(r.stderr).toMatch(/^\+ \| `large-file` \| large \| warning \|/m);
  });

  it('missing markers: exit 2 with a message, file untouched', () => {
    const dir = writeTree({ files: { 'README.md': '# no markers\n' } });
    const file = join(dir, 'README.md');
    for (const args of [['--readme', file], ['--check', '--readme', file]]) {
      const r = runScript(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(START);
    }
    expect(readFileSync(file, 'utf8')).toBe('# no markers\n');
  });

  it('two blocks are refused rather than guessed', () => {
    const dir = writeTree({ files: { 'README.md': `${START}\n${END}\n${START}\n${END}\n` } });
    expect(runScript(['--readme', join(dir, 'README.md')]).code).toBe(2);
  });

  it('an unknown flag is a usage error', () => {
    const dir = writeTree({ files: { 'README.md': `${START}\n${END}\n` } });
    const r = runScript(['--bogus', '--readme', join(dir, 'README.md')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('usage:');
  });
});
