import { join } from 'node:path';

import { describe, expect, test } from 'vitest';

import { discover } from '../../src/project/index.js';
import type { BuildTarget } from '../../src/project/index.js';
import { tempTrees } from './fixture.js';

/** Fixture trees, removed after each test (git work trees, so no "not a git work tree" note). */
const tree = tempTrees().repo;

/** A compose target with the fields a test does not care about filled in. */
function svc(root: string, over: Partial<BuildTarget> & { name: string; line: number; file?: string }): BuildTarget {
  const { line, file, ...rest } = over;
  return {
    kind: 'compose',
    context: root,
    dockerfile: join(root, 'Dockerfile'),
    dockerfileInline: null,
    args: {},
    additionalContexts: {},
    source: { file: join(root, file ?? 'compose.yaml'), line },
    notes: [],
    ...rest,
  };
}

describe('Compose services', () => {
  test('args and additional_contexts in map and list form; scalars become strings; remote contexts are skipped', async () => {
    const root = await tree({
      'compose.yaml': `x-common: &common
  args: &args
    FROM_ANCHOR: "yes"
services:
  maps:
    build:
      <<: *common
      context: app
      dockerfile: ../Dockerfile
      args:
        <<: *args
        NUM: 1.5
        BOOL: true
        FROM_ENV:
        NOT_SET: null
      additional_contexts:
        lib: ./lib
        img: docker-image://busybox
        svc: service:maps
        repo: https://github.com/moby/moby.git
  lists:
    build:
      context: /abs/elsewhere
      dockerfile: /abs/Dockerfile.x
      args: ["A=1", "B=x=y", FROM_ENV, NOT_SET]
      additional_contexts: ["lib=./lib"]
`,
      'Dockerfile': 'FROM x\n',
      'app/.keep': '',
      'lib/.keep': '',
    });
    const d = await discover(root, { env: { FROM_ENV: 'env-value' } });
    expect(d.errors).toEqual([]);
    expect(d.targets).toEqual([
      svc(root, {
        name: 'service maps (compose.yaml)',
        line: 5,
        context: join(root, 'app'),
        args: { FROM_ANCHOR: 'yes', NUM: '1.5', BOOL: 'true', FROM_ENV: 'env-value' },
        additionalContexts: { lib: join(root, 'lib') },
        notes: [
          'build arg NOT_SET has no value and is not passed',
          'additional context img (docker-image://busybox) is not a local directory: skipped',
          'additional context svc (service:maps) is not a local directory: skipped',
          'additional context repo (https://github.com/moby/moby.git) is not a local directory: skipped',
        ],
      }),
      svc(root, {
        name: 'service lists (compose.yaml)',
        line: 21,
        context: '/abs/elsewhere',
        dockerfile: '/abs/Dockerfile.x',
        args: { A: '1', B: 'x=y', FROM_ENV: 'env-value' },
        additionalContexts: { lib: join(root, 'lib') },
        notes: ['build arg NOT_SET has no value and is not passed', 'context directory does not exist', 'Dockerfile not found'],
      }),
      {
        name: 'Dockerfile Dockerfile',
        kind: 'dockerfile',
        context: root,
        dockerfile: join(root, 'Dockerfile'),
        dockerfileInline: null,
        args: {},
        additionalContexts: {},
        source: { file: join(root, 'Dockerfile') },
        notes: [
          "context is the Dockerfile's own directory by convention: no Compose service, Bake target or devcontainer builds it that way",
          'also built by service maps (compose.yaml) with context app',
        ],
      },
    ]);
  });

  test('a remote build context is not checked: a note instead of a target', async () => {
    const root = await tree({
      'compose.yaml': 'services:\n  git:\n    build: https://github.com/docker/welcome.git#main\n  ssh:\n    build:\n      context: git@github.com:org/repo.git\n',
    });
    const d = await discover(root, { env: {} });
    expect(d.targets).toEqual([]);
    expect(d.notes).toEqual([
      { file: join(root, 'compose.yaml'), line: 2, message: 'service git (compose.yaml): remote build context https://github.com/docker/welcome.git#main is not checked' },
      { file: join(root, 'compose.yaml'), line: 4, message: 'service ssh (compose.yaml): remote build context git@github.com:org/repo.git is not checked' },
    ]);
  });

  test('the override file is merged into the file docker compose picks; other base files are noted', async () => {
    const root = await tree({
      'compose.yaml': 'services:\n  app:\n    build:\n      context: .\n      args: { A: base, B: base }\n  other:\n    image: x\n',
      'compose.override.yaml': 'services:\n  app:\n    build:\n      dockerfile: Dockerfile.dev\n      args: [B=override, C=new]\n  other:\n    build: ./other\n',
      'docker-compose.yml': 'services:\n  legacy:\n    build: .\n',
      'Dockerfile': '',
      'Dockerfile.dev': '',
      'other/Dockerfile': '',
    });
    const d = await discover(root, { env: {} });
    expect(d.found).toEqual([
      { file: join(root, 'Dockerfile'), kind: 'dockerfile' },
      { file: join(root, 'Dockerfile.dev'), kind: 'dockerfile' },
      { file: join(root, 'compose.override.yaml'), kind: 'compose-override' },
      { file: join(root, 'compose.yaml'), kind: 'compose' },
      { file: join(root, 'docker-compose.yml'), kind: 'compose' },
      { file: join(root, 'other/Dockerfile'), kind: 'dockerfile' },
    ]);
    expect(d.targets).toEqual([
      svc(root, {
        name: 'service app (compose.yaml)',
        line: 2,
        dockerfile: join(root, 'Dockerfile.dev'),
        args: { A: 'base', B: 'override', C: 'new' },
        notes: ['merged with compose.override.yaml'],
      }),
      svc(root, {
        name: 'service other (compose.yaml)',
        line: 6,
        context: join(root, 'other'),
        dockerfile: join(root, 'other/Dockerfile'),
        notes: ['merged with compose.override.yaml'],
      }),
      svc(root, {
        name: 'service legacy (docker-compose.yml)',
        file: 'docker-compose.yml',
        line: 2,
        notes: ['docker compose uses compose.yaml in this directory: this file is used only with -f'],
      }),
      // Dockerfile.dev is built with context "." = its directory: not standalone. Dockerfile
      // is built by service legacy; other/Dockerfile by service other.
    ]);
  });

  test('extends: same-file services are resolved, other files are noted, cycles and unknown services are errors', async () => {
    const root = await tree({
      'compose.yaml': `services:
  base:
    build:
      context: .
      target: base
      args: { A: "1" }
  child:
    extends: base
    build:
      args: { B: "2" }
  grandchild:
    extends:
      service: child
  remote:
    extends:
      file: common.yml
      service: web
  loop1:
    extends: loop2
  loop2:
    extends: loop1
  orphan:
    extends: nowhere
    build: .
`,
      'Dockerfile': '',
    });
    const d = await discover(root, { env: {} });
    expect(d.targets).toEqual([
      svc(root, { name: 'service base (compose.yaml)', line: 2, target: 'base', args: { A: '1' } }),
      svc(root, { name: 'service child (compose.yaml)', line: 7, target: 'base', args: { A: '1', B: '2' } }),
      svc(root, { name: 'service grandchild (compose.yaml)', line: 11, target: 'base', args: { A: '1', B: '2' }, notes: ['build settings come from service child (extends)'] }),
      svc(root, { name: 'service orphan (compose.yaml)', line: 22 }),
    ]);
    const file = join(root, 'compose.yaml');
    expect(d.errors).toEqual([
      { file, line: 18, message: 'service loop1: extends cycle loop1 -> loop2 -> loop1' },
      { file, line: 22, message: 'service orphan: extends unknown service nowhere' },
    ]);
    expect(d.notes).toEqual([{ file, line: 14, message: 'service remote: extends web from common.yml: not followed, its build settings are missing here' }]);
  });

  test('interpolation: unset variables are noted, required ones and bad templates are errors with the service line', async () => {
    const root = await tree({
      'compose.yaml': `services:
  unset:
    build:
      context: ./\${NOPE}
      target: \${STAGE:-prod}
  required:
    build:
      context: \${CTX:?set CTX first}
  bad:
    build:
      dockerfile: \${}
  escaped:
    build:
      context: .
      args:
        PRICE: $$5
`,
      'Dockerfile': '',
    });
    const d = await discover(root, { env: {} });
    const file = join(root, 'compose.yaml');
    expect(d.errors).toEqual([
      { file, line: 6, message: 'service required: required variable CTX is missing a value: set CTX first' },
      { file, line: 9, message: 'service bad: invalid interpolation format: "${}"; you may need to escape any $ with another $' },
    ]);
    expect(d.targets).toEqual([
      svc(root, { name: 'service unset (compose.yaml)', line: 2, target: 'prod', notes: ['variable NOPE is not set: replaced by an empty string'] }),
      svc(root, { name: 'service escaped (compose.yaml)', line: 12, args: { PRICE: '$5' } }),
    ]);
  });

  test('.env problems are errors in the .env file; the environment alone is used then', async () => {
    const root = await tree({ '.env': 'OK=1\nBROKEN="never closed\n', 'compose.yaml': 'services:\n  a:\n    build: ./${DIR:-a}\n', 'a/Dockerfile': '' });
    const d = await discover(root, { env: { DIR: 'a' } });
    expect(d.errors).toEqual([{ file: join(root, '.env'), line: 2, message: 'unterminated quoted value for BROKEN' }]);
    expect(d.targets.map((t) => t.context)).toEqual([join(root, 'a')]);
  });

  test('structure problems: invalid build values, dockerfile with dockerfile_inline, services not a mapping, duplicate keys', async () => {
    const root = await tree({
      'compose.yaml': `services:
  num:
    build: 42
  both:
    build:
      dockerfile: Dockerfile
      dockerfile_inline: FROM scratch
  badargs:
    build:
      args: 7
  ok:
    profiles: [debug, tools]
    build: .
`,
      'list/compose.yaml': 'services:\n  - a\n  - b\n',
      'dup/docker-compose.yml': 'services:\n  a:\n    build: .\n  a:\n    build: .\n',
      'scalar/compose.yml': 'just a string\n',
      'empty/compose.yaml': '# nothing yet\n',
      'include/compose.yaml': 'include:\n  - other/compose.yaml\nservices: {}\n',
      'Dockerfile': '',
    });
    const d = await discover(root, { env: {} });
    const f = (p: string): string => join(root, p);
    expect(d.errors).toEqual([
      { file: f('compose.yaml'), line: 2, message: 'service num: build must be a string or a mapping' },
      { file: f('compose.yaml'), line: 8, message: 'service badargs: build.args must be a mapping or a list' },
      { file: f('compose.yaml'), line: 4, message: 'service both: dockerfile and dockerfile_inline are mutually exclusive' },
      { file: f('dup/docker-compose.yml'), line: 4, message: 'Map keys must be unique' },
      { file: f('list/compose.yaml'), line: 1, message: 'services must be a mapping' },
      { file: f('scalar/compose.yml'), line: 1, message: 'a Compose file must be a mapping' },
    ]);
    expect(d.notes).toEqual([
      { file: f('include/compose.yaml'), line: 1, message: 'include: is not followed: services of included files are not listed (list those files with -c)' },
    ]);
    expect(d.targets).toEqual([svc(root, { name: 'service ok (compose.yaml)', line: 11, notes: ['built only with profile debug, tools active'] })]);
  });
});
