// Helpers for the secret-scanner tests: deterministic random token material (so no
// real-looking secret is committed in this repository), real key files made with ssh-keygen
// and openssl, and a small walker that lists a directory as ScanInput entries.
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ScanInput } from '../../src/analyzers/secrets/index.js';

export const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const B64 = `${B62}+/`;
export const HEX = '0123456789abcdef';
export const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Seeded random strings with no filtering at all (for false-negative rate checks). */
export function rawRandom(seed: number): (alphabet: string, n: number) => string {
  let a = seed >>> 0;
  return (alphabet, n) => {
    let s = '';
    for (let i = 0; i < n; i++) {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      s += alphabet[Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * alphabet.length)];
    }
    return s;
  };
}

/** Seeded random strings: reproducible, and free of accidental placeholder words. */
export function makeRandom(seed: number): (alphabet: string, n: number) => string {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const draw = (alphabet: string, n: number): string => {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(next() * alphabet.length)];
    return s;
  };
  // Reject draws that would trip the placeholder heuristics (xxxx, "example", "fake", …).
  return (alphabet, n) => {
    for (;;) {
      const s = draw(alphabet, n);
      if (!/xxxx|example|changeme|fake|dummy|todo|0000|1234|abcdefgh|\*\*\*/i.test(s)) return s;
    }
  };
}

/** Token shapes, prefixes assembled at run time. */
export function tokenFactory(seed: number) {
  const r = makeRandom(seed);
  const p = (...parts: string[]): string => parts.join('');
  return {
    awsId: () => p('AK', 'IA', r(UPPER_DIGITS, 16)),
    awsTempId: () => p('AS', 'IA', r(UPPER_DIGITS, 16)),
    // A real secret key always mixes cases and digits; force that so the sample is typical.
    awsSecret: () => p(r('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 2), r('abcdefghijklmnopqrstuvwxyz', 2), r('0123456789', 2), r(B64, 34)),
    github: () => p('gh', 'p_', r(B62, 36)),
    githubOAuth: () => p('gh', 'o_', r(B62, 36)),
    githubFine: () => p('github', '_pat_', r(B62, 22), '_', r(B62, 59)),
    gitlab: () => p('gl', 'pat-', r(B62, 20)),
    npm: () => p('np', 'm_', r(B62, 36)),
    slackBot: () => p('xo', 'xb-', r('0123456789', 12), '-', r('0123456789', 13), '-', r(B62, 24)),
    slackWebhookPath: () => p('T', r('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10), '/B', r('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10), '/', r(B62, 24)),
    stripeLive: () => p('sk', '_li', 've_', r(B62, 24)),
    stripeRestricted: () => p('rk', '_li', 've_', r(B62, 24)),
    stripeTest: () => p('sk', '_te', 'st_', r(B62, 24)),
    googleApi: () => p('AI', 'za', r(`${B62}_-`, 35)),
    googleOAuth: () => p('GOC', 'SPX-', r(`${B62}_-`, 28)),
    openai: () => p('sk', '-proj-', r(`${B62}_-`, 56), 'T3Blbk', 'FJ', r(`${B62}_-`, 56)),
    openaiLegacy: () => p('sk', '-', r(B62, 20), 'T3Blbk', 'FJ', r(B62, 20)),
    anthropic: () => p('sk', '-ant-', 'api03-', r(`${B62}_-`, 93), 'AA'),
    sendgrid: () => p('S', 'G.', r(`${B62}_-`, 22), '.', r(`${B62}_-`, 43)),
    twilio: () => p('S', 'K', r(HEX, 32)),
    shopify: () => p('shp', 'at_', r(HEX, 32)),
    huggingface: () => p('h', 'f_', r('ABCDEFGHIJKLMNOP', 17), r('abcdefghijklmnop', 17)),
    digitalocean: () => p('dop', '_v1_', r(HEX, 64)),
    dockerhub: () => p('dckr', '_pat_', r(`${B62}_-`, 27)),
    pypi: () => p('pypi', '-AgEIcHlwaS5vcmc', r(`${B62}_-`, 70)),
    linear: () => p('lin', '_api_', r(B62, 40)),
    vault: () => p('hv', 's.', r(`${B62}_-`, 90)),
    azureKey: () => p(r(B64, 86), '=='),
    terraform: () => p(r(B62, 14), '.atlas', 'v1.', r(`${B62}_-`, 64)),
    age: () => p('AGE-SECRET', '-KEY-1', r('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58)),
    password: () => r(B62, 18),
    base62: (n: number) => r(B62, n),
    base64: (n: number) => r(B64, n),
    hex: (n: number) => r(HEX, n),
    jwt: () => {
      const enc = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
      const head = enc({ alg: 'HS256', typ: 'JWT' });
      const body = enc({ sub: `user-${r(B62, 8)}`, iat: 1_700_000_000, scope: 'admin' });
      const sig = createHmac('sha256', r(B62, 32)).update(`${head}.${body}`).digest('base64url');
      return `${head}.${body}.${sig}`;
    },
  };
}

/** jwt.io's well-known sample token, rebuilt at run time (a documentation placeholder). */
export function jwtIoSample(): string {
  const enc = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = enc({ alg: 'HS256', typ: 'JWT' });
  const body = enc({ sub: '1234567890', name: 'John Doe', iat: 1516239022 });
  return `${head}.${body}.${createHmac('sha256', 'your-256-bit-secret').update(`${head}.${body}`).digest('base64url')}`;
}

export function haveTool(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  return r.error === undefined;
}

export function run(cmd: string, args: string[], cwd: string): void {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.error?.message ?? r.stderr}`);
}

/** List a directory tree as the scanner's input (lstat semantics, symlinks not followed). */
export function listTree(root: string, rel = ''): ScanInput[] {
  const out: ScanInput[] = [];
  const entries = readdirSync(rel === '' ? root : join(root, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const d of entries) {
    const p = rel === '' ? d.name : `${rel}/${d.name}`;
    const st = lstatSync(join(root, p));
    if (st.isDirectory()) {
      out.push({ path: p, size: 4096, type: 'dir' });
      out.push(...listTree(root, p));
    } else out.push({ path: p, size: st.size, type: st.isSymbolicLink() ? 'symlink' : st.isFile() ? 'file' : 'other' });
  }
  return out;
}

/** 1-based line of the first occurrence of `needle` in `text`. */
export function lineOf(text: string, needle: string): number {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`lineOf: ${needle.slice(0, 12)}… not found`);
  return text.slice(0, i).split('\n').length;
}
