// The README's example is a real captured run: fail when the output drifts from it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const README = readFileSync(`${ROOT}/README.md`, 'utf8');

it.each([
  [['fixtures/shop-api']],
  [['ls', 'fixtures/shop-api']],
  [['why', '-C', 'fixtures/shop-api', 'logs/access.log', 'config/production.json']],
])('README shows the real output of ctxcheck %j', (args) => {
  const r = runCli(args, { cwd: ROOT });
  expect(README).toContain(r.stdout);
});

it('README shows the real suggest --diff output', () => {
  const r = runCli(['suggest', 'fixtures/shop-api', '--diff'], { cwd: ROOT });
  expect(README).toContain(r.stdout + r.stderr);
});
