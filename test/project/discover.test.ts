import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { discover } from '../../src/project/index.js';
import type { BuildTarget, Discovery } from '../../src/project/index.js';
import { makeDir, removeDir, writeFiles } from './fixture.js';
import { makeMonorepo } from './monorepo.js';

const CONVENTION = "context is the Dockerfile's own directory by convention: no Compose service, Bake target or devcontainer builds it that way";

let root = '';
const at = (p = ''): string => (p === '' ? root : join(root, p));

beforeAll(async () => {
  root = await makeMonorepo();
});
afterAll(() => removeDir(root));

function apiService(args: Record<string, string>, notes: string[]): BuildTarget {
  return {
    name: 'service api (compose.yaml)',
    kind: 'compose',
    context: at(),
    dockerfile: at('docker/api.Dockerfile'),
    dockerfileInline: null,
    target: 'runtime',
    args,
    additionalContexts: { shared: at('shared') },
    source: { file: at('compose.yaml'), line: 2 },
    notes,
  };
}

function toolsService(tag: string): BuildTarget {
  return {
    name: 'service tools (compose.yaml)',
    kind: 'compose',
    context: at('tools'),
    dockerfile: null,
    dockerfileInline: 'FROM alpine:3.20\nRUN echo "$HOME"\n',
    args: { TAG: tag },
    additionalContexts: {},
    source: { file: at('compose.yaml'), line: 15 },
    notes: [],
  };
}

function apiImage(buildTag: string): BuildTarget {
  return {
    name: 'bake target api-image (docker-bake.json)',
    kind: 'bake',
    context: at(),
    dockerfile: at('docker/api.Dockerfile'),
    dockerfileInline: null,
    target: 'runtime',
    args: { NODE_VERSION: '22', BUILD_TAG: buildTag, PORT: '8080' },
    additionalContexts: { shared: at('shared') },
    source: { file: at('docker-bake.json'), line: 12 },
    notes: ['inherits _common', 'additional context alpine (docker-image://alpine:3.20) is not a local directory: skipped'],
  };
}

const standaloneApi = (): BuildTarget => ({
  name: 'Dockerfile docker/api.Dockerfile',
  kind: 'dockerfile',
  context: at('docker'),
  dockerfile: at('docker/api.Dockerfile'),
  dockerfileInline: null,
  args: {},
  additionalContexts: {},
  source: { file: at('docker/api.Dockerfile') },
  notes: [CONVENTION, 'also built by service api (compose.yaml) with context .', 'also built by bake target api-image (docker-bake.json) with context .'],
});

const bakeNotes = (): Discovery['notes'] => [
  { file: at('docker-bake.json'), line: 6, message: 'bake group default (api-image, web) is not a build: its targets are listed one by one' },
  { file: at('docker-bake.json'), line: 9, message: 'bake target _common is only inherited by other targets: not listed' },
];

describe('discover: fixture monorepo', () => {
  test('every build target, described exactly (variables from .env)', async () => {
    const d = await discover(root, { env: {} });
    expect(d.targets).toEqual([
      apiService({ NODE_VERSION: '20' }, ['build arg GIT_SHA has no value and is not passed', 'additional context base (docker-image://alpine:3.20) is not a local directory: skipped']),
      {
        name: 'service web (compose.yaml)',
        kind: 'compose',
        context: at('web'),
        dockerfile: at('web/Dockerfile'),
        dockerfileInline: null,
        args: {},
        additionalContexts: {},
        source: { file: at('compose.yaml'), line: 13 },
        notes: [],
      },
      toolsService('1.0'),
      apiImage('dev'),
      {
        name: 'bake target web (docker-bake.json)',
        kind: 'bake',
        context: at('web'),
        dockerfile: at('web/Dockerfile'),
        dockerfileInline: null,
        args: { EXTRA: '1' },
        additionalContexts: {},
        source: { file: at('docker-bake.json'), line: 23 },
        notes: ['merged over service web of compose.yaml (bake reads both files)'],
      },
      // web/Dockerfile is built by service web with its own directory as context: not repeated.
      standaloneApi(),
    ]);
  });

  test('found: definition files only (no per-Dockerfile ignore files, nothing skipped)', async () => {
    const d = await discover(root, { env: {} });
    expect(d.found).toEqual([
      { file: at('compose.yaml'), kind: 'compose' },
      { file: at('docker-bake.json'), kind: 'bake' },
      { file: at('docker/api.Dockerfile'), kind: 'dockerfile' },
      { file: at('services/broken/compose.yml'), kind: 'compose' },
      { file: at('web/Dockerfile'), kind: 'dockerfile' },
    ]);
  });

  test('skipped directories, errors and notes', async () => {
    const d = await discover(root, { env: {} });
    expect(d.skippedDirs).toEqual([at('dist'), at('node_modules')]);
    expect(d.errors).toEqual([{ file: at('services/broken/compose.yml'), line: 5, message: 'All mapping items must start at the same column' }]);
    expect(d.notes).toEqual(bakeNotes());
  });

  test('the environment wins over .env, and changes what is listed', async () => {
    const d = await discover(root, { env: { WEB_DIR: 'site', TAG: '2.0', GIT_SHA: 'abc123' } });
    expect(d.targets).toEqual([
      apiService({ NODE_VERSION: '20', GIT_SHA: 'abc123' }, ['additional context base (docker-image://alpine:3.20) is not a local directory: skipped']),
      {
        name: 'service web (compose.yaml)',
        kind: 'compose',
        context: at('site'),
        dockerfile: at('site/Dockerfile'),
        dockerfileInline: null,
        args: {},
        additionalContexts: {},
        source: { file: at('compose.yaml'), line: 13 },
        notes: ['context directory does not exist', 'Dockerfile not found'],
      },
      toolsService('2.0'),
      // Bake variables come from the environment (not from .env): TAG overrides the default.
      apiImage('2.0'),
      {
        name: 'bake target web (docker-bake.json)',
        kind: 'bake',
        context: at('site'),
        dockerfile: at('site/Dockerfile'),
        dockerfileInline: null,
        args: { EXTRA: '1' },
        additionalContexts: {},
        source: { file: at('docker-bake.json'), line: 23 },
        notes: ['merged over service web of compose.yaml (bake reads both files)', 'context directory does not exist', 'Dockerfile not found'],
      },
      standaloneApi(),
      // No definition builds web/ with web/Dockerfile any more: listed on its own.
      {
        name: 'Dockerfile web/Dockerfile',
        kind: 'dockerfile',
        context: at('web'),
        dockerfile: at('web/Dockerfile'),
        dockerfileInline: null,
        args: {},
        additionalContexts: {},
        source: { file: at('web/Dockerfile') },
        notes: [CONVENTION],
      },
    ]);
  });

  test('process.env is the default environment', async () => {
    const saved = process.env.WEB_DIR;
    process.env.WEB_DIR = 'from-process';
    try {
      const d = await discover(root);
      expect(d.targets.find((t) => t.name === 'service web (compose.yaml)')?.context).toBe(at('from-process'));
    } finally {
      if (saved === undefined) delete process.env.WEB_DIR;
      else process.env.WEB_DIR = saved;
    }
  });

  test('outside git, git-ignored directories are searched; dependency directories still are not', async () => {
    const copy = makeDir({});
    try {
      cpSync(root, copy, { recursive: true });
      rmSync(join(copy, '.git'), { recursive: true, force: true });
      const d = await discover(copy, { env: {} });
      expect(d.skippedDirs).toEqual([join(copy, 'node_modules')]);
      expect(d.found.filter((f) => f.kind === 'dockerfile').map((f) => f.file)).toEqual([
        join(copy, 'dist/Dockerfile'),
        join(copy, 'docker/api.Dockerfile'),
        join(copy, 'web/Dockerfile'),
      ]);
      expect(d.targets.map((t) => t.name).filter((n) => n.startsWith('Dockerfile '))).toEqual(['Dockerfile dist/Dockerfile', 'Dockerfile docker/api.Dockerfile']);
      expect(d.notes[0]).toEqual({ file: copy, message: 'not inside a git work tree: directories git would ignore are searched too' });
    } finally {
      removeDir(copy);
    }
  });

  test('explicit Compose files (-c), relative or absolute; a missing one is an error', async () => {
    writeFiles(root, {
      'deploy/stack.yml': 'services:\n  worker:\n    build:\n      context: ../docker\n      dockerfile: api.Dockerfile\n      args:\n        MODE: worker\n',
    });
    try {
      const d = await discover(root, { env: {}, composeFiles: ['deploy/stack.yml', at('deploy/missing.yml'), 'compose.yaml'] });
      expect(d.targets.filter((t) => t.name.includes('deploy/'))).toEqual([
        {
          name: 'service worker (deploy/stack.yml)',
          kind: 'compose',
          context: at('docker'),
          dockerfile: at('docker/api.Dockerfile'),
          dockerfileInline: null,
          args: { MODE: 'worker' },
          additionalContexts: {},
          source: { file: at('deploy/stack.yml'), line: 2 },
          notes: [],
        },
      ]);
      // compose.yaml was already found: not listed twice.
      expect(d.targets.filter((t) => t.name === 'service api (compose.yaml)')).toHaveLength(1);
      expect(d.found).toContainEqual({ file: at('deploy/stack.yml'), kind: 'compose' });
      expect(d.errors).toContainEqual({ file: at('deploy/missing.yml'), message: 'Compose file given with -c does not exist' });
      // The worker service builds docker/api.Dockerfile in its own directory: no standalone entry.
      expect(d.targets.map((t) => t.name)).not.toContain('Dockerfile docker/api.Dockerfile');
    } finally {
      rmSync(at('deploy'), { recursive: true, force: true });
    }
  });

  test('a root that is not a directory is an error, not a throw', async () => {
    const d = await discover(at('compose.yaml'), { env: {} });
    expect(d).toEqual({ targets: [], found: [], skippedTemplates: [], skippedDirs: [], errors: [{ file: at('compose.yaml'), message: 'not a directory' }], notes: [] });
  });
});
