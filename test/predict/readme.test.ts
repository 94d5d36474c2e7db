// The README's `ctxcheck predict` example is a real run: the same steps on a copy of
// fixtures/shop-api give the same output (the record's time and file name aside).
import { appendFileSync, chmodSync, cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

const AGAINST = /^ {2}against the build recorded \S+ \(\S+\)$/m;
const RECORDED = /: \S+\.json$/m;

it('README shows the real output of record and predict', () => {
  const work = mkdtempSync(join(tmpdir(), 'ctxcheck-readme-predict-'));
  cpSync(join(ROOT, 'fixtures/shop-api'), join(work, 'shop-api'), { recursive: true });
  const env = { CTXCHECK_CACHE_DIR: join(work, 'cache') };
  const rec = runCli(['record', 'shop-api'], { cwd: work, env });
  expect(rec.code, rec.stderr).toBe(0);
  appendFileSync(join(work, 'shop-api/logs/access.log'), 'GET /orders 200\n');
  chmodSync(join(work, 'shop-api/src/server.js'), 0o755);
  const p = runCli(['predict', 'shop-api'], { cwd: work, env });
  expect(p.code, p.stderr).toBe(0);
  const shown = README.slice(README.indexOf('$ docker build shop-api && npx ctxcheck record shop-api'));
  const norm = (s: string): string => s.replace(AGAINST, '  against the build recorded T (F)').replace(RECORDED, ': F');
  expect(norm(shown)).toContain(norm(rec.stdout));
  expect(norm(shown)).toContain(`$ npx ctxcheck predict shop-api\n${norm(p.stdout)}\`\`\``);
});
