import { join } from 'node:path';

import { describe, expect, test } from 'vitest';

import { discover } from '../../src/project/index.js';
import type { BuildTarget, HclParser } from '../../src/project/index.js';
import { tempTrees } from './fixture.js';

/** Fixture trees, removed after each test (git work trees, so no "not a git work tree" note). */
const tree = tempTrees().repo;

function bake(root: string, over: Partial<BuildTarget> & { name: string; line: number; file?: string }): BuildTarget {
  const { line, file, name, ...rest } = over;
  const f = file ?? 'docker-bake.json';
  return {
    name: `bake target ${name} (${f})`,
    kind: 'bake',
    context: root,
    dockerfile: join(root, 'Dockerfile'),
    dockerfileInline: null,
    args: {},
    additionalContexts: {},
    source: { file: join(root, f), line },
    notes: [],
    ...rest,
  };
}

const JSON_BAKE = `{
  "variable": {
    "IMAGE": { "default": "\${REGISTRY}/app:\${VERSION}" },
    "REGISTRY": { "default": "docker.io" },
    "VERSION": { "default": "0.0.0" },
    "EMPTY": {},
    "COMPUTED": { "default": "\${lower(REGISTRY)}" }
  },
  "group": {
    "default": { "targets": ["app", "shared-base", "loop-a"] }
  },
  "target": {
    "shared-base": {
      "args": { "A": "base", "B": "base", "C": "base" },
      "contexts": { "proto": "./proto" }
    },
    "mid": {
      "inherits": ["shared-base"],
      "args": { "B": "mid" },
      "target": "mid-stage"
    },
    "other": {
      "args": { "C": "other" }
    },
    "app": {
      "inherits": ["mid", "other"],
      "context": "cwd://services/app",
      "dockerfile": "../../docker/app.Dockerfile",
      "args": {
        "VERSION": "v\${VERSION}",
        "REG": "\${ REGISTRY }/x",
        "LITERAL": "$\${NOT_A_VAR}",
        "EMPTY": "[\${EMPTY}]",
        "NUM": 3,
        "UNSET": null,
        "FN": "\${upper(VERSION)}",
        "IMAGE": "\${IMAGE}",
        "USES_COMPUTED": "\${COMPUTED}"
      },
      "contexts": {
        "alpine": "docker-image://alpine:3",
        "builder": "target:mid",
        "computed": "\${notavar}/dir"
      }
    },
    "inline": [
      { "dockerfile": "ignored.Dockerfile" },
      { "dockerfile-inline": "FROM scratch\\nCOPY . /\\n" }
    ],
    "remote": { "context": "https://github.com/docker/buildx.git" },
    "exprctx": { "context": "\${BAKE_CMD_CONTEXT}/x" },
    "loop-a": { "inherits": ["loop-b"] },
    "loop-b": { "inherits": ["loop-a"] },
    "lost": { "inherits": ["nowhere"] }
  }
}
`;

describe('Bake JSON', () => {
  test('inherits, variables, contexts, unevaluated expressions and broken targets', async () => {
    const root = await tree({
      'docker-bake.json': JSON_BAKE,
      'docker/app.Dockerfile': 'FROM scratch\n',
      'services/app/main.go': 'package main\n',
      'proto/a.proto': '',
      'Dockerfile': '',
    });
    const d = await discover(root, { env: { VERSION: '1.2.3' } });
    const file = join(root, 'docker-bake.json');
    expect(d.targets.filter((t) => t.kind === 'bake')).toEqual([
      bake(root, {
        name: 'shared-base',
        line: 13,
        args: { A: 'base', B: 'base', C: 'base' },
        additionalContexts: { proto: join(root, 'proto') },
      }),
      bake(root, {
        name: 'app',
        line: 25,
        context: join(root, 'services/app'),
        dockerfile: join(root, 'docker/app.Dockerfile'),
        target: 'mid-stage',
        args: {
          A: 'base',
          B: 'mid',
          C: 'other',
          VERSION: 'v1.2.3',
          REG: 'docker.io/x',
          LITERAL: '${NOT_A_VAR}',
          EMPTY: '[]',
          NUM: '3',
          FN: '${upper(VERSION)}',
          IMAGE: 'docker.io/app:1.2.3',
          USES_COMPUTED: '${COMPUTED}',
        },
        additionalContexts: { proto: join(root, 'proto') },
        notes: [
          'inherits mid, other',
          'build arg FN uses an expression ctxcheck does not evaluate: shown as written',
          'build arg USES_COMPUTED uses an expression ctxcheck does not evaluate: shown as written',
          'additional context computed (${notavar}/dir) uses an expression ctxcheck does not evaluate: skipped',
          'build arg UNSET has no value and is not passed',
          'additional context alpine (docker-image://alpine:3) is not a local directory: skipped',
          'additional context builder (target:mid) is not a local directory: skipped',
        ],
      }),
      bake(root, {
        name: 'inline',
        line: 46,
        dockerfile: null,
        dockerfileInline: 'FROM scratch\nCOPY . /\n',
        notes: ['dockerfile ignored.Dockerfile is not used: the inline Dockerfile takes precedence'],
      }),
    ]);
    expect(d.errors).toEqual([
      { file, line: 51, message: 'target exprctx: context = ${BAKE_CMD_CONTEXT}/x uses an expression ctxcheck does not evaluate; see `docker buildx bake --print exprctx`' },
      { file, line: 52, message: 'target loop-a: inherits cycle loop-a -> loop-b -> loop-a' },
      { file, line: 54, message: 'target lost: inherits unknown target nowhere' },
    ]);
    expect(d.notes).toEqual([
      { file, line: 10, message: 'bake group default (app, shared-base, loop-a) is not a build: its targets are listed one by one' },
      { file, line: 17, message: 'bake target mid is only inherited by other targets: not listed' },
      { file, line: 22, message: 'bake target other is only inherited by other targets: not listed' },
      { file, line: 50, message: 'bake target remote (docker-bake.json): remote build context https://github.com/docker/buildx.git is not checked' },
      { file, line: 53, message: 'bake target loop-b is only inherited by other targets: not listed' },
    ]);
    // The root Dockerfile is built by shared-base from the root: not repeated. app.Dockerfile is
    // built from services/app only, so it is also listed on its own.
    expect(d.targets.filter((t) => t.kind === 'dockerfile').map((t) => [t.name, t.notes])).toEqual([
      [
        'Dockerfile docker/app.Dockerfile',
        [
          "context is the Dockerfile's own directory by convention: no Compose service, Bake target or devcontainer builds it that way",
          'also built by bake target app (docker-bake.json) with context services/app',
        ],
      ],
    ]);
  });

  test('override files merge over the Bake file; HCL-JSON arrays of bodies merge in order', async () => {
    const root = await tree({
      'docker-bake.json': '{ "target": { "web": { "context": "web", "args": { "A": "1", "B": "1" } } } }\n',
      'docker-bake.override.json': '{\n  "target": {\n    "web": [{ "args": { "B": "2" } }, { "target": "dev" }],\n    "extra": {}\n  }\n}\n',
      'web/Dockerfile': '',
      'Dockerfile': '',
    });
    const d = await discover(root, { env: {} });
    expect(d.found.map((f) => f.kind)).toEqual(['dockerfile', 'bake', 'bake-override', 'dockerfile']);
    expect(d.targets).toEqual([
      bake(root, { name: 'web', line: 1, context: join(root, 'web'), dockerfile: join(root, 'web/Dockerfile'), target: 'dev', args: { A: '1', B: '2' } }),
      bake(root, { name: 'extra', line: 4, file: 'docker-bake.override.json' }),
    ]);
    expect(d.errors).toEqual([]);
  });

  test('invalid JSON is an error with its line; so is a JSON file that is not an object', async () => {
    const root = await tree({
      'a/docker-bake.json': '{\n  "target": {\n    "x": { "context": "." },\n  }\n}\n',
      'b/docker-bake.json': '[1, 2]\n',
      'c/docker-bake.json': '{ "target": { "x": { "context": ["."] , "args": "nope" } } }',
    });
    const d = await discover(root, { env: {} });
    expect(d.errors).toEqual([
      { file: join(root, 'a/docker-bake.json'), line: 4, message: expect.stringMatching(/^invalid JSON: /) as unknown as string },
      { file: join(root, 'b/docker-bake.json'), line: 1, message: 'a Bake JSON file must be an object' },
      { file: join(root, 'c/docker-bake.json'), line: 1, message: 'target x: context must be a string' },
      { file: join(root, 'c/docker-bake.json'), line: 1, message: 'target x: args must be a map' },
    ]);
    expect(d.targets.map((t) => t.name)).toEqual(['bake target x (c/docker-bake.json)']);
  });
});

// ---------------------------------------------------------------------------------------------
// HCL

const HCL = `variable "TAG" {
  default = "latest"
}

group "default" {
  targets = ["app"]
}

target "base" {
  args = {
    GO_VERSION = "1.22"
  }
}

target "app" {
  inherits = ["base"]
  context = "./app"
  dockerfile = "build/Dockerfile"
  target = "final"
  contexts = {
    protos = "./protos"
  }
  args = {
    VERSION = "v\${TAG}"
    COMMIT = null
  }
}

target "app" {
  platforms = ["linux/amd64"]
}
`;

/** What @cdktn/hcl2json 0.24 returns for HCL above (recorded from the real parser). */
const HCL_AS_JSON = {
  group: { default: [{ targets: ['app'] }] },
  target: {
    app: [
      { args: { COMMIT: null, VERSION: 'v${TAG}' }, context: './app', contexts: { protos: './protos' }, dockerfile: 'build/Dockerfile', inherits: ['base'], target: 'final' },
      { platforms: ['linux/amd64'] },
    ],
    base: [{ args: { GO_VERSION: '1.22' } }],
  },
  variable: { TAG: [{ default: 'latest' }] },
};

async function hclTree(): Promise<string> {
  return tree({ 'docker-bake.hcl': HCL, 'app/build/Dockerfile': 'FROM golang\n', 'protos/a.proto': '' });
}

function hclTarget(root: string): BuildTarget {
  return bake(root, {
    name: 'app',
    file: 'docker-bake.hcl',
    line: 15,
    context: join(root, 'app'),
    dockerfile: join(root, 'app/build/Dockerfile'),
    target: 'final',
    args: { GO_VERSION: '1.22', VERSION: 'v2.0' },
    additionalContexts: { protos: join(root, 'protos') },
    notes: ['inherits base', 'build arg COMMIT has no value and is not passed'],
  });
}

describe('Bake HCL', () => {
  test('with a parser: hcl2json output is read like JSON, lines come from the HCL text', async () => {
    const root = await hclTree();
    const seen: string[] = [];
    const parser: HclParser = async (file, text) => {
      seen.push(file, text);
      return HCL_AS_JSON;
    };
    const d = await discover(root, { env: { TAG: '2.0' }, hclParser: parser });
    expect(seen).toEqual(['docker-bake.hcl', HCL]);
    expect(d.targets.filter((t) => t.kind === 'bake')).toEqual([hclTarget(root)]);
    const file = join(root, 'docker-bake.hcl');
    expect(d.notes).toEqual([
      { file, line: 5, message: 'bake group default (app) is not a build: its targets are listed one by one' },
      { file, line: 9, message: 'bake target base is only inherited by other targets: not listed' },
    ]);
    expect(d.errors).toEqual([]);
  });

  test('a parse error becomes an error with the line hcl2json reports', async () => {
    const root = await hclTree();
    const parser: HclParser = () =>
      Promise.reject(new Error('parse config: [docker-bake.hcl:4,9-5,1: Invalid expression; Expected the start of an expression, but found an invalid expression token.]'));
    const d = await discover(root, { env: {}, hclParser: parser });
    expect(d.errors).toEqual([
      {
        file: join(root, 'docker-bake.hcl'),
        line: 4,
        message: 'invalid HCL: parse config: [docker-bake.hcl:4,9-5,1: Invalid expression; Expected the start of an expression, but found an invalid expression token.]',
      },
    ]);
    expect(d.targets.filter((t) => t.kind === 'bake')).toEqual([]);
  });

  test('without a parser, an HCL file is an error that says how to convert it', async () => {
    const root = await hclTree();
    const d = await discover(root, { env: {}, hclParser: null });
    expect(d.errors).toEqual([{ file: join(root, 'docker-bake.hcl'), message: 'HCL not supported: convert with `docker buildx bake --print` (or install @cdktn/hcl2json)' }]);
    expect(d.found).toEqual([
      { file: join(root, 'app/build/Dockerfile'), kind: 'dockerfile' },
      { file: join(root, 'docker-bake.hcl'), kind: 'bake' },
    ]);
  });

  test('by default, the installed hcl2json is used; without one, HCL is reported as unsupported', async () => {
    const root = await hclTree();
    const installed = await import('@cdktn/hcl2json' as string).then(
      () => true,
      () => import('@cdktf/hcl2json' as string).then(
        () => true,
        () => false,
      ),
    );
    const d = await discover(root, { env: { TAG: '2.0' } });
    if (installed) {
      expect(d.errors).toEqual([]);
      expect(d.targets.filter((t) => t.kind === 'bake')).toEqual([hclTarget(root)]);
    } else {
      expect(d.errors).toEqual([{ file: join(root, 'docker-bake.hcl'), message: 'HCL not supported: convert with `docker buildx bake --print` (or install @cdktn/hcl2json)' }]);
      expect(d.targets.filter((t) => t.kind === 'bake')).toEqual([]);
    }
  });
});
