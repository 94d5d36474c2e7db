// Building blocks for corpus modules (test/secrets/corpus/*.ts): seeded token material and the
// file contexts users' repositories put credentials in (dotenv, YAML, JSON, code, shell,
// Terraform, compose, Kubernetes, CI workflows, properties, TOML, Dockerfiles).
//
//   const c = corpus('cloud', 1001);
//   c.pos('secret/azure', 'Entra client secret', () => entra(c.r), { key: 'AZURE_CLIENT_SECRET', in: ['env', 'yaml', 'tf'] });
//   c.near('secret/azure', 'Entra secret one character short', () => …, { key: 'AZURE_CLIENT_SECRET' });
//   c.placeholder('secret/azure', 'Entra secret template', () => '${AZURE_CLIENT_SECRET}', { key: 'AZURE_CLIENT_SECRET' });
//   export default c.module();
//
// Every call adds one sample per context in `in` (a fresh value for each), so one line covers a
// format in several file kinds. `raw` adds a sample whose whole text the module writes itself.
import { makeRandom } from './helpers.js';
import type { CorpusModule, NegativeKind, Sample } from './corpus/types.js';

export { B62, B64, HEX, UPPER_DIGITS } from './helpers.js';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const DIGITS = '0123456789';
export const ALNUM_LOWER = `${LOWER}${DIGITS}`;
export const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** Seeded random string of `n` characters of `alphabet` (never a placeholder-looking draw). */
export type Rand = (alphabet: string, n: number) => string;

/** Join parts at run time, so no committed line holds a whole token prefix + body. */
export const cat = (...parts: string[]): string => parts.join('');

export function uuid(r: Rand): string {
  const h = '0123456789abcdef';
  return `${r(h, 8)}-${r(h, 4)}-4${r(h, 3)}-${r('89ab', 1)}${r(h, 3)}-${r(h, 12)}`;
}

// ---- key spellings ----------------------------------------------------------------------------

const words = (key: string): string[] =>
  key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
export const upperSnake = (key: string): string => words(key).join('_').toUpperCase();
export const lowerSnake = (key: string): string => words(key).join('_');
export const camel = (key: string): string => words(key).map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('');
export const dotted = (key: string): string => words(key).join('.');
export const kebab = (key: string): string => words(key).join('-');

// ---- contexts ---------------------------------------------------------------------------------

export interface Placed {
  file: string;
  text: string;
}
/** Put `value` under (a spelling of) `key` in a file. `also`: see Sample.also. */
export type Context = (key: string, value: string) => Placed;

export const CONTEXTS = {
  env: (k, v) => ({ file: '.env.production', text: `NODE_ENV=production\nPORT=8080\nLOG_LEVEL=info\n${upperSnake(k)}=${v}\nFEATURE_FLAGS=search,billing\n` }),
  envQuoted: (k, v) => ({ file: 'deploy/staging.env', text: `# staging settings\nAPP_NAME="orders"\n${upperSnake(k)}="${v}"\nREGION="eu-west-1"\n` }),
  yaml: (k, v) => ({
    file: 'config/application.yml',
    text: `server:\n  port: 8080\n  shutdown: graceful\nintegrations:\n  ${lowerSnake(k)}: "${v}"\n  timeout_seconds: 30\nlogging:\n  level: info\n`,
  }),
  yamlBare: (k, v) => ({ file: 'config/settings.yaml', text: `app:\n  name: billing\n  credentials:\n    ${lowerSnake(k)}: ${v}\n  retries: 3\n` }),
  json: (k, v) => ({ file: 'config/production.json', text: `{\n  "name": "orders-api",\n  "port": 8080,\n  "${camel(k)}": "${v}",\n  "debug": false\n}\n` }),
  js: (k, v) => ({
    file: 'src/config.js',
    text: `'use strict';\n\nmodule.exports = {\n  port: Number(process.env.PORT || 3000),\n  ${camel(k)}: '${v}',\n  retries: 3,\n};\n`,
  }),
  ts: (k, v) => ({
    file: 'src/clients/api-client.ts',
    text: `import { Client } from './client.js';\n\nconst ${upperSnake(k)} = "${v}";\n\nexport const client = new Client({ token: ${upperSnake(k)}, timeoutMs: 5000 });\n`,
  }),
  py: (k, v) => ({ file: 'app/settings.py', text: `import os\n\nDEBUG = False\nALLOWED_HOSTS = ["*"]\n${upperSnake(k)} = "${v}"\nTIME_ZONE = "UTC"\n` }),
  go: (k, v) => ({ file: 'internal/config/config.go', text: `package config\n\n// Defaults for local runs.\nconst (\n\tlistenAddr = ":8080"\n\t${camel(k)} = "${v}"\n)\n` }),
  sh: (k, v) => ({ file: 'scripts/deploy.sh', text: `#!/usr/bin/env bash\nset -euo pipefail\n\nexport ${upperSnake(k)}=${v}\n./bin/release --env production "$@"\n` }),
  shCurl: (_k, v) => ({ file: 'scripts/smoke.sh', text: `#!/bin/sh\ncurl -fsS -H "Authorization: Bearer ${v}" https://api.internal/v1/health\n` }),
  tf: (k, v) => ({
    file: 'infra/main.tf',
    text: `terraform {\n  required_version = ">= 1.5"\n}\n\nvariable "${lowerSnake(k)}" {\n  type    = string\n  default = "${v}"\n}\n`,
  }),
  tfvars: (k, v) => ({ file: 'infra/prod.auto.tfvars', text: `region = "us-east-1"\n${lowerSnake(k)} = "${v}"\ninstance_count = 3\n` }),
  compose: (k, v) => ({
    file: 'docker-compose.yml',
    text: `services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    environment:\n      - PORT=8080\n      - ${upperSnake(k)}=${v}\n    ports:\n      - "8080:8080"\n`,
  }),
  k8s: (k, v) => ({
    file: 'k8s/deployment.yaml',
    text: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          env:\n            - name: ${upperSnake(k)}\n              value: "${v}"\n`,
  }),
  gha: (k, v) => ({
    file: '.github/workflows/deploy.yml',
    text: `name: deploy\non: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n      ${upperSnake(k)}: ${v}\n    steps:\n      - uses: actions/checkout@v4\n      - run: make deploy\n`,
  }),
  properties: (k, v) => ({ file: 'src/main/resources/application.properties', text: `server.port=8080\nspring.application.name=orders\n${dotted(k)}=${v}\n` }),
  toml: (k, v) => ({ file: 'config/app.toml', text: `[server]\nport = 8080\n\n[integrations]\n${lowerSnake(k)} = "${v}"\n` }),
  ini: (k, v) => ({ file: 'config/app.ini', text: `[default]\nregion = eu-central-1\n${lowerSnake(k)} = ${v}\n` }),
  dockerfile: (k, v) => ({ file: 'Dockerfile', text: `FROM node:20-alpine\nWORKDIR /app\nENV ${upperSnake(k)}=${v}\nCOPY . .\nCMD ["node", "server.js"]\n` }),
  md: (k, v) => ({ file: 'docs/setup.md', text: `## Setup\n\nSet the key before running:\n\n\`\`\`sh\nexport ${upperSnake(k)}=${v}\n\`\`\`\n` }),
} satisfies Record<string, Context>;

export type ContextName = keyof typeof CONTEXTS;

// ---- the builder ------------------------------------------------------------------------------

export interface PlaceOptions {
  /** The variable name the value is assigned to (spelled per context). */
  key: string;
  /** Contexts to place the value in, one sample each (default: one rotating context). */
  in?: (ContextName | Context)[];
}

export function corpus(family: string, seed: number) {
  const r: Rand = makeRandom(seed);
  const samples: Sample[] = [];
  const names = Object.keys(CONTEXTS) as ContextName[];
  let rotate = 0;

  function place(kind: 'pos' | NegativeKind, rule: string, name: string, make: () => string, opts: PlaceOptions): void {
    const ctxs = opts.in ?? [names[rotate++ % names.length]!];
    for (const c of ctxs) {
      const ctx = typeof c === 'function' ? c : CONTEXTS[c];
      const label = typeof c === 'function' ? 'custom' : c;
      const value = make();
      const { file, text } = ctx(opts.key, value);
      add(kind, rule, `${name} [${label}]`, file, text, value);
    }
  }

  function add(kind: 'pos' | NegativeKind, rule: string, name: string, file: string, text: string, value?: string, also?: string[]): void {
    if (kind === 'pos') samples.push({ name, file, text, expect: rule, ...(value !== undefined ? { value } : {}), ...(also ? { also } : {}) });
    else samples.push({ name, file, text, expect: null, target: rule, negative: kind, ...(value !== undefined ? { value } : {}) });
  }

  return {
    /** Seeded random characters for this module. */
    r,
    /** Positives: `rule` must fire on each. */
    pos: (rule: string, name: string, make: () => string, opts: PlaceOptions) => place('pos', rule, name, make, opts),
    /** Near misses of `rule`'s format: nothing may fire. */
    near: (rule: string, name: string, make: () => string, opts: PlaceOptions) => place('near-miss', rule, name, make, opts),
    /** Placeholders in `rule`'s format: nothing may fire. */
    placeholder: (rule: string, name: string, make: () => string, opts: PlaceOptions) => place('placeholder', rule, name, make, opts),
    /** A sample whose text the module writes whole; `value` must occur in `text`. */
    raw: (kind: 'pos' | NegativeKind, rule: string, name: string, file: string, text: string, value?: string, also?: string[]) =>
      add(kind, rule, name, file, text, value, also),
    module: (): CorpusModule => ({ family, samples }),
  };
}
