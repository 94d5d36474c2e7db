// Discovery on layouts real repositories use: Dockerfile templates, Dev Container
// configurations, Bake paths as buildx resolves them, and Dockerfiles kept in a subdirectory
// but built from an ancestor.
import { join } from 'node:path';

import { describe, expect, test } from 'vitest';

import { discover } from '../../src/project/index.js';
import type { BuildTarget } from '../../src/project/index.js';
import { parseJsonc, stripJsonc } from '../../src/project/jsonc.js';
import { tempTrees } from './fixture.js';

/** Fixture trees, removed after each test. */
const tree = tempTrees().dir;

const byName = (ts: BuildTarget[], name: string): BuildTarget => {
  const t = ts.find((x) => x.name === name);
  if (!t) throw new Error(`no target ${name} in ${ts.map((x) => x.name).join(', ')}`);
  return t;
};

describe('Dockerfile templates', () => {
  test('Dockerfile.j2, .in, .tmpl, .template are skipped and listed, not analysed', async () => {
    const root = tree({
      'Dockerfile': 'FROM alpine\n',
      'Dockerfile.j2': 'FROM {{ base }}\nCOPY missing /x\n',
      'Dockerfile.in': 'FROM @BASE@\n',
      'docker/api.Dockerfile.tmpl': 'FROM alpine\n',
      'Dockerfile.template': 'FROM alpine\n',
      'Containerfile.in': 'FROM alpine\n',
      'Dockerfile.dev': 'FROM alpine\n',
    });
    const d = await discover(root, { env: {} });
    expect(d.targets.map((t) => t.name)).toEqual(['Dockerfile Dockerfile', 'Dockerfile Dockerfile.dev']);
    expect(d.found.map((f) => f.file)).toEqual([join(root, 'Dockerfile'), join(root, 'Dockerfile.dev')]);
    expect(d.skippedTemplates).toEqual(
      ['Containerfile.in', 'Dockerfile.in', 'Dockerfile.j2', 'Dockerfile.template', 'docker/api.Dockerfile.tmpl'].map((p) => join(root, p)),
    );
  });

  test('a Compose service that names a template as its Dockerfile still builds with it', async () => {
    const root = tree({ 'compose.yaml': 'services:\n  app:\n    build:\n      context: .\n      dockerfile: Dockerfile.in\n', 'Dockerfile.in': 'FROM alpine\n' });
    const d = await discover(root, { env: {} });
    expect(d.targets.map((t) => [t.name, t.dockerfile])).toEqual([['service app (compose.yaml)', join(root, 'Dockerfile.in')]]);
    expect(d.skippedTemplates).toEqual([join(root, 'Dockerfile.in')]);
  });
});

describe('devcontainer.json', () => {
  test('JSONC: comments and trailing commas parse, strings keep // and /*', () => {
    expect(parseJsonc('{\n  // a comment\n  "a": "http://x/*y*/", /* b */\n  "b": [1, 2,],\n}\n')).toEqual({ a: 'http://x/*y*/', b: [1, 2] });
    expect(stripJsonc('{"a":1,/*\n*/}')).toBe('{"a":1   \n  }');
    expect(() => parseJsonc('{\n "a": 1\n "b": 2\n}')).toThrow(expect.objectContaining({ line: 3 }));
  });

  test('build.dockerfile and build.context are relative to the devcontainer.json; context defaults to its directory', async () => {
    const root = tree({
      '.devcontainer/devcontainer.json': '{\n  // VS Code writes comments\n  "name": "dev",\n  "build": {\n    "dockerfile": "Dockerfile",\n    "context": "..",\n    "args": { "VARIANT": "3.12", },\n    "target": "dev",\n  },\n}\n',
      '.devcontainer/Dockerfile': 'FROM python\nCOPY requirements.txt /\n',
      'requirements.txt': 'x\n',
      '.devcontainer/py/devcontainer.json': '{ "dockerFile": "py.Dockerfile" }',
      '.devcontainer/py/py.Dockerfile': 'FROM python\n',
      'sub/.devcontainer.json': '{ "image": "mcr.microsoft.com/devcontainers/base" }',
    });
    const d = await discover(root, { env: {} });
    const main = byName(d.targets, 'devcontainer .devcontainer/devcontainer.json');
    expect(main).toMatchObject({
      kind: 'devcontainer',
      context: root,
      dockerfile: join(root, '.devcontainer/Dockerfile'),
      target: 'dev',
      args: { VARIANT: '3.12' },
      source: { file: join(root, '.devcontainer/devcontainer.json') },
      notes: [],
    });
    expect(byName(d.targets, 'devcontainer .devcontainer/py/devcontainer.json')).toMatchObject({
      context: join(root, '.devcontainer/py'),
      dockerfile: join(root, '.devcontainer/py/py.Dockerfile'),
    });
    expect(d.targets.filter((t) => t.kind === 'devcontainer')).toHaveLength(2);
    expect(d.found.filter((f) => f.kind === 'devcontainer').map((f) => f.file)).toEqual(
      ['.devcontainer/devcontainer.json', '.devcontainer/py/devcontainer.json', 'sub/.devcontainer.json'].map((p) => join(root, p)),
    );
    // The Dockerfile it builds with the root as context is not also guessed a context of its own.
    expect(byName(d.targets, 'Dockerfile .devcontainer/Dockerfile').notes).toContain('also built by devcontainer .devcontainer/devcontainer.json with context .');
    expect(d.errors).toEqual([]);
  });

  test('dockerComposeFile: the files are read as Compose files (in -f order); invalid JSONC is an error with its line', async () => {
    const root = tree({
      '.devcontainer/devcontainer.json': '{\n  "dockerComposeFile": ["../compose.dev.yml", "compose.extend.yml"],\n  "service": "app",\n}\n',
      'compose.dev.yml': 'services:\n  app:\n    build: ./app\n',
      '.devcontainer/compose.extend.yml': 'services:\n  app:\n    build:\n      target: dev\n',
      'app/Dockerfile': 'FROM alpine\n',
      'broken/.devcontainer.json': '{\n  "build": {\n    "dockerfile": "Dockerfile"\n    "context": "."\n  }\n}\n',
    });
    const d = await discover(root, { env: {} });
    const app = byName(d.targets, 'service app (compose.dev.yml)');
    expect(app).toMatchObject({ kind: 'compose', context: join(root, 'app'), dockerfile: join(root, 'app/Dockerfile'), target: 'dev' });
    expect(app.notes).toContain('read because .devcontainer/devcontainer.json builds with it (dockerComposeFile)');
    expect(d.found.filter((f) => f.kind === 'compose').map((f) => f.file)).toEqual([join(root, '.devcontainer/compose.extend.yml'), join(root, 'compose.dev.yml')]);
    expect(d.errors).toEqual([expect.objectContaining({ file: join(root, 'broken/.devcontainer.json'), line: 4 })]);
  });

  test('a dockerComposeFile already found is not read twice; a missing one is an error', async () => {
    const root = tree({
      '.devcontainer/devcontainer.json': '{ "dockerComposeFile": "docker-compose.yml", "service": "app" }',
      '.devcontainer/docker-compose.yml': 'services:\n  app:\n    build: .\n',
      '.devcontainer/Dockerfile': 'FROM alpine\n',
      'x/.devcontainer.json': '{ "dockerComposeFile": "nope.yml" }',
    });
    const d = await discover(root, { env: {} });
    expect(d.targets.filter((t) => t.kind === 'compose').map((t) => t.name)).toEqual(['service app (.devcontainer/docker-compose.yml)']);
    expect(d.errors).toEqual([{ file: join(root, 'x/.devcontainer.json'), message: 'dockerComposeFile x/nope.yml does not exist' }]);
  });
});

describe('Bake paths resolve like buildx toBuildOpt', () => {
  test('context from the Bake file directory, dockerfile from the context, cwd:// dockerfile from the Bake file directory', async () => {
    const root = tree({
      'deploy/docker-bake.json': JSON.stringify({
        target: {
          plain: { context: 'app' },
          rel: { context: 'app', dockerfile: '../docker/app.Dockerfile' },
          cwd: { context: 'cwd://app', dockerfile: 'cwd://docker/app.Dockerfile' },
          dflt: {},
        },
      }),
      'deploy/app/Dockerfile': 'FROM alpine\n',
      'deploy/docker/app.Dockerfile': 'FROM alpine\n',
      'deploy/Dockerfile': 'FROM alpine\n',
    });
    const d = await discover(root, { env: {} });
    const at = (p: string): string => join(root, 'deploy', p);
    const got = Object.fromEntries(d.targets.filter((t) => t.kind === 'bake').map((t) => [t.name.split(' ')[2], [t.context, t.dockerfile]]));
    expect(got).toEqual({
      plain: [at('app'), at('app/Dockerfile')],
      rel: [at('app'), at('docker/app.Dockerfile')],
      cwd: [at('app'), at('docker/app.Dockerfile')],
      dflt: [join(root, 'deploy'), at('Dockerfile')],
    });
  });
});

describe('the context of a Dockerfile found by name alone', () => {
  const df = 'FROM node AS build\nCOPY package.json yarn.lock ./\nCOPY src/ ./src/\nCOPY --from=build /x /y\nADD https://example.com/a.tgz /\nFROM alpine\n';

  test('sources missing next to it but present in an ancestor: that ancestor, with the counts', async () => {
    const root = tree({ 'docker/api/Dockerfile': df, 'package.json': '{}', 'yarn.lock': '', 'src/index.js': '' });
    const d = await discover(root, { env: {} });
    const t = byName(d.targets, 'Dockerfile docker/api/Dockerfile');
    expect(t.context).toBe(root);
    expect(t.contextChoice).toEqual({ reason: 'copy-sources', sources: 3, resolved: 3, resolvedInOwnDir: 0 });
    expect(t.notes[0]).toMatch(/^context is \., chosen by its COPY\/ADD sources: 3 of 3 resolve there, 0 in the Dockerfile's own directory/);
  });

  test('the nearest ancestor wins a tie; the one resolving most wins over a nearer one', async () => {
    const root = tree({
      'a/b/c/Dockerfile': 'FROM alpine\nCOPY one two *.cfg /\n',
      'a/b/one': '',
      'a/one': '',
      'a/two': '',
      'one': '',
      'two': '',
      'x.cfg': '',
      'a/b/c/x/Dockerfile': 'FROM alpine\nCOPY one /\n',
    });
    const d = await discover(root, { env: {} });
    // a/b: 1 of 3, a: 2 of 3, root: 3 of 3 → root.
    expect(byName(d.targets, 'Dockerfile a/b/c/Dockerfile')).toMatchObject({ context: root, contextChoice: { sources: 3, resolved: 3, resolvedInOwnDir: 0 } });
    // a/b/c/x: `one` resolves first in a/b (nearest of a/b, a and root).
    expect(byName(d.targets, 'Dockerfile a/b/c/x/Dockerfile')).toMatchObject({ context: join(root, 'a/b'), contextChoice: { sources: 1, resolved: 1 } });
  });

  test('all sources next to it, no sources, or none resolving anywhere: its own directory, no choice', async () => {
    const root = tree({
      'ok/Dockerfile': 'FROM alpine\nCOPY app.py /\n',
      'ok/app.py': '',
      'app.py': '',
      'empty/Dockerfile': 'FROM alpine\nRUN true\n',
      'lost/Dockerfile': 'FROM alpine\nCOPY nowhere /\n',
    });
    const d = await discover(root, { env: {} });
    for (const name of ['ok', 'empty', 'lost']) {
      const t = byName(d.targets, `Dockerfile ${name}/Dockerfile`);
      expect(t.context).toBe(join(root, name));
      expect(t.contextChoice).toBeUndefined();
    }
  });
});
