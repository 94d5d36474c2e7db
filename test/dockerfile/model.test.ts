// The Dockerfile model: stages, --from resolution, target closure, ARG/ENV expansion, remote
// sources, heredocs, JSON form, continuations, escape directive, RUN --mount.
import { describe, expect, it } from 'vitest';
import type { CopyLike, DockerfileModel, RunInstr } from '../../src/dockerfile/model.js';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { contextUses, stagesToBuild } from '../../src/dockerfile/stages.js';

const copies = (m: DockerfileModel, stage = m.stages.length - 1): CopyLike[] =>
  m.stages[stage]!.instructions.filter((i): i is CopyLike => i.kind === 'COPY' || i.kind === 'ADD');
const runs = (m: DockerfileModel, stage = m.stages.length - 1): RunInstr[] =>
  m.stages[stage]!.instructions.filter((i): i is RunInstr => i.kind === 'RUN');
const usesOf = (m: DockerfileModel, target?: string): [number, number, string[]][] =>
  contextUses(m, target).map((u) => [u.stage, u.instr.line, u.sources]);

const MULTI = `FROM node:20 AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci

FROM deps AS build
COPY src ./src
RUN npm run build

FROM alpine AS tools
COPY tools/ /tools/

FROM nginx:alpine
COPY --from=build /app/dist /usr/share/nginx/html
COPY --from=0 /app/node_modules /nm
COPY nginx.conf /etc/nginx/nginx.conf
`;

describe('stages and --from', () => {
  const m = parseDockerfile(MULTI);

  it('records names, base images and FROM <stage> links', () => {
    expect(m.stages.map((s) => [s.index, s.name, s.image, s.baseStage, s.line])).toEqual([
      [0, 'deps', 'node:20', null, 1],
      [1, 'build', 'deps', 0, 6],
      [2, 'tools', 'alpine', null, 10],
      [3, null, 'nginx:alpine', null, 13],
    ]);
    expect(m.errors).toEqual([]);
  });

  it('resolves --from by name and by numeric index', () => {
    expect(copies(m).map((c) => [c.from, c.fromStage])).toEqual([
      ['build', 1],
      ['0', 0],
      [null, null],
    ]);
  });

  it('builds the target and its dependencies only; an unused stage is not built', () => {
    expect(stagesToBuild(m)).toEqual([0, 1, 3]);
    expect(stagesToBuild(m, 'tools')).toEqual([2]);
    expect(stagesToBuild(m, 'BUILD')).toEqual([0, 1]); // stage names are case-insensitive
  });

  it('lists context uses of the built stages only, in order', () => {
    expect(usesOf(m)).toEqual([
      [0, 3, ['package.json', 'package-lock.json']],
      [1, 7, ['src']],
      [3, 16, ['nginx.conf']],
    ]);
    // tools/ is only used by the unused "tools" stage.
    expect(usesOf(m).flatMap((u) => u[2])).not.toContain('tools/');
    expect(usesOf(m, 'tools')).toEqual([[2, 11, ['tools/']]]);
  });

  it('throws a clear error for an unknown target', () => {
    expect(() => stagesToBuild(m, 'nope')).toThrow(/target stage "nope" could not be found/);
    expect(() => contextUses(m, 'nope')).toThrow(/could not be found/);
  });

  it('treats COPY --from=<image> as not reading the context', () => {
    const m2 = parseDockerfile('FROM alpine\nCOPY --from=golang:1.22 /usr/local/go /go\nCOPY --from=nginx /etc/nginx /n\n');
    expect(copies(m2).map((c) => [c.from, c.fromStage])).toEqual([
      ['golang:1.22', null],
      ['nginx', null],
    ]);
    expect(contextUses(m2)).toEqual([]);
  });

  it('flags a --from that needs a later stage, and an out-of-range index', () => {
    const m2 = parseDockerfile('FROM alpine AS a\nCOPY --from=b /x /x\nFROM alpine AS b\nCOPY --from=7 /y /y\n');
    expect(m2.errors.map((e) => e.line)).toEqual([2, 4]);
    expect(m2.errors[0]!.message).toMatch(/needs to be defined before current stage "a"/);
    expect(m2.errors[1]!.message).toBe('invalid stage index 7');
  });

  it('refuses variables in --from', () => {
    const m2 = parseDockerfile('ARG S=build\nFROM alpine AS build\nFROM alpine\nCOPY --from=$S /x /x\n');
    expect(m2.errors.map((e) => e.line)).toEqual([4]);
    expect(m2.errors[0]!.message).toMatch(/variable expansion is not supported for --from/);
  });
});

describe('ARG and build-arg expansion', () => {
  const DF = `ARG BASE=alpine
ARG VERSION=3.19
ARG SRC_DIR=src
FROM \${BASE}:\${VERSION} AS app
ARG SRC_DIR
ARG CONF=default
COPY \${SRC_DIR}/ /app/
COPY config/\${CONF}.yaml /etc/app.yaml
COPY assets/\${THEME:-light}/ /assets/
`;

  it('expands global ARG defaults in FROM and re-declared ARGs in the stage', () => {
    const m = parseDockerfile(DF);
    expect(m.globalArgs).toEqual({ BASE: 'alpine', VERSION: '3.19', SRC_DIR: 'src' });
    expect(m.stages[0]!.image).toBe('alpine:3.19');
    expect(copies(m).map((c) => c.sources)).toEqual([['src/'], ['config/default.yaml'], ['assets/light/']]);
    expect(copies(m).map((c) => c.rawSources[0])).toEqual(['${SRC_DIR}/', 'config/${CONF}.yaml', 'assets/${THEME:-light}/']);
    expect(copies(m)[2]!.unresolvedVars).toEqual(['THEME']);
  });

  it('lets --build-arg override defaults before FROM and in the stage', () => {
    const m = parseDockerfile(DF, { buildArgs: { VERSION: '3.20', SRC_DIR: 'lib', CONF: 'prod', THEME: 'dark' } });
    expect(m.globalArgs.VERSION).toBe('3.20');
    expect(m.stages[0]!.image).toBe('alpine:3.20');
    // THEME is never declared with ARG, so the build arg does not reach the COPY.
    expect(copies(m).map((c) => c.sources[0])).toEqual(['lib/', 'config/prod.yaml', 'assets/light/']);
  });

  it('does not leak a global ARG into a stage that does not re-declare it', () => {
    const m = parseDockerfile('ARG DIR=web\nFROM alpine\nCOPY $DIR/index.html /x/\n');
    expect(copies(m)[0]!.sources).toEqual(['/index.html']);
  });

  it('uses ENV values, ARG values inherited through FROM <stage>, and automatic platform ARGs', () => {
    const m = parseDockerfile(
      'FROM alpine AS base\nARG APP=api\nENV CFG=conf/$APP\nFROM base\nARG TARGETARCH\nCOPY $CFG/${TARGETARCH}.json bin/$APP /x/\n',
      { platform: 'linux/arm64' },
    );
    expect(copies(m, 1)[0]!.sources).toEqual(['conf/api/arm64.json', 'bin/api']);
  });

  it('expands every ENV value with the environment from before the instruction', () => {
    const m = parseDockerfile('FROM alpine\nENV A=1\nENV A=2 B=$A\nCOPY $A$B /x\n');
    expect(copies(m)[0]!.sources).toEqual(['21']);
  });
});

describe('remote sources, archives and heredocs', () => {
  it('marks ADD URLs and git sources as remote, keeps local archives as context', () => {
    const m = parseDockerfile(
      'FROM alpine\nADD https://example.com/app.tar.gz git@github.com:moby/buildkit.git#v0.13 https://github.com/moby/buildkit.git vendor.tar.gz /opt/\n',
    );
    const add = copies(m)[0]!;
    expect(add.kind).toBe('ADD');
    expect(add.sources).toEqual([
      'https://example.com/app.tar.gz',
      'git@github.com:moby/buildkit.git#v0.13',
      'https://github.com/moby/buildkit.git',
      'vendor.tar.gz',
    ]);
    expect(add.remote).toEqual([true, true, true, false]);
    expect(usesOf(m)).toEqual([[0, 2, ['vendor.tar.gz']]]);
  });

  it('an ADD with only remote sources is not a context use', () => {
    const m = parseDockerfile('FROM alpine\nADD https://example.com/x.tgz /x\n');
    expect(copies(m)[0]!.remote).toEqual([true]);
    expect(contextUses(m)).toEqual([]);
  });

  it('rejects URL and git sources in COPY', () => {
    const m = parseDockerfile('FROM alpine\nCOPY https://example.com/x /x\nCOPY git@github.com:a/b.git /y\n');
    expect(m.errors).toEqual([
      { line: 2, message: "source can't be a URL for COPY" },
      { line: 3, message: "source can't be a git ref for COPY" },
    ]);
  });

  it('a heredoc COPY reads nothing from the context', () => {
    const m = parseDockerfile('FROM alpine\nCOPY <<EOF /etc/motd\nhello\nEOF\nCOPY <<-"A" app.conf /etc/\n\tx\n\tA\n');
    const [h1, h2] = copies(m);
    expect([h1!.heredoc, h1!.heredocs, h1!.sources, h1!.dest, h1!.line, h1!.endLine, h1!.text]).toEqual([
      true,
      ['EOF'],
      [],
      '/etc/motd',
      2,
      4,
      'COPY <<EOF /etc/motd',
    ]);
    expect([h2!.heredocs, h2!.sources, h2!.dest]).toEqual([['A'], ['app.conf'], '/etc/']);
    expect(usesOf(m)).toEqual([[0, 5, ['app.conf']]]);
  });
});

describe('syntax handled by dockerfile-ast', () => {
  it('reads JSON form with spaces and escapes', () => {
    const m = parseDockerfile('FROM alpine\nCOPY ["a b.txt", "dir/c\\td.txt", "/x y/"]\nCOPY ["/x"] extra\n');
    const [json, notJson] = copies(m);
    expect(json!.sources).toEqual(['a b.txt', 'dir/c\td.txt']);
    expect(json!.dest).toBe('/x y/');
    // Not valid JSON after the bracket: BuildKit falls back to whitespace splitting, and the
    // shell lexer then removes the double quotes of the first word.
    expect(notJson!.sources).toEqual(['[/x]']);
    expect(notJson!.dest).toBe('extra');
  });

  it('splits shell form on whitespace only (quotes are removed per word later)', () => {
    const m = parseDockerfile('FROM alpine\nCOPY "a.txt" \'$HOME\' /x\n');
    expect(copies(m)[0]!.sources).toEqual(['a.txt', '$HOME']);
  });

  it('joins line continuations and honours # escape=`', () => {
    const m = parseDockerfile('# escape=`\nFROM mcr.microsoft.com/windows/servercore AS w\nCOPY --from=w `\n  c:\\src\\app.exe `\n  c:\\app\\\n');
    const c = copies(m)[0]!;
    expect(m.escape).toBe('`');
    expect([c.line, c.endLine, c.from, c.sources, c.dest]).toEqual([3, 5, 'w', ['c:\\src\\app.exe'], 'c:\\app\\']);
    expect(c.text).toBe('COPY --from=w   c:\\src\\app.exe   c:\\app\\');

    const m2 = parseDockerfile('FROM alpine\nCOPY a.txt \\\n# a comment inside the continuation\n     b.txt \\\n  /dst/\n');
    expect(copies(m2)[0]!.sources).toEqual(['a.txt', 'b.txt']);
    expect(copies(m2)[0]!.endLine).toBe(5);
  });

  it('unquotes flag values like BuildKit', () => {
    const m = parseDockerfile('FROM alpine AS b\nFROM alpine\nCOPY --from="b" --chown="1:2" --exclude=\'*.md\' . /x\n');
    const c = copies(m, 1)[0]!;
    expect([c.from, c.fromStage, c.exclude]).toEqual(['b', 0, ['*.md']]);
  });
});

describe('COPY flags', () => {
  it('collects --exclude patterns and --parents', () => {
    const m = parseDockerfile('FROM alpine\nCOPY --exclude=*.md --exclude=test/** --parents ./packages/./*/package.json /app/\n');
    const c = copies(m)[0]!;
    expect([c.exclude, c.parents, c.sources]).toEqual([['*.md', 'test/**'], true, ['./packages/./*/package.json']]);
  });

  it('keeps paths as written: COPY . ., COPY ./src/ /app, COPY ["a b.txt", "/x"]', () => {
    const m = parseDockerfile('FROM alpine\nCOPY . .\nCOPY ./src/ /app\nCOPY ["a b.txt", "/x"]\n');
    expect(copies(m).map((c) => [c.sources, c.dest])).toEqual([
      [['.'], '.'],
      [['./src/'], '/app'],
      [['a b.txt'], '/x'],
    ]);
  });

  it('records, rather than guesses, a flag value whose quotes or escapes span whitespace', () => {
    const m = parseDockerfile('FROM alpine\nCOPY --from=x\\\n  --chown=1 src /x\nCOPY --exclude="a b" src /y\nCOPY --exclude=a\\ b src /z\n');
    expect(m.errors.filter((e) => /not modelled/.test(e.message)).map((e) => e.line)).toEqual([4, 5]);
    // A flag followed directly by a line continuation is fine.
    expect(copies(m)[0]!.from).toBe('x');
    expect(copies(m)[0]!.sources).toEqual(['src']);
  });

  it('treats an empty --from= or from= as the build context', () => {
    const m = parseDockerfile('FROM alpine\nCOPY --from= a /a\nRUN --mount=from=,source=b,target=/b true\n');
    expect(usesOf(m)).toEqual([
      [0, 2, ['a']],
      [0, 3, ['b']],
    ]);
  });

  it('reports unknown flags', () => {
    const m = parseDockerfile('FROM alpine\nCOPY --frm=x a /b\nADD --from=x a /b\n');
    expect(m.errors).toEqual([
      { line: 2, message: 'unknown flag: frm' },
      { line: 3, message: 'unknown flag: from' },
    ]);
  });
});

describe('RUN --mount', () => {
  const DF = `FROM golang:1.22 AS build
WORKDIR /src
RUN --mount=type=bind,source=go.mod,target=/src/go.mod \\
    --mount=type=bind,source=go.sum,target=/src/go.sum \\
    --mount=type=cache,target=/go/pkg/mod \\
    go mod download
RUN --mount=type=bind,target=. go build -o /out/app .
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc true

FROM alpine
RUN --mount=from=build,source=/out/app,target=/tmp/app cp /tmp/app /app
RUN --mount=type=cache,from=build,source=/go,target=/go true
`;
  const m = parseDockerfile(DF);

  it('parses mount options', () => {
    expect(runs(m, 0).map((r) => r.mounts.map((x) => [x.type, x.source, x.target, x.from]))).toEqual([
      [
        ['bind', 'go.mod', '/src/go.mod', null],
        ['bind', 'go.sum', '/src/go.sum', null],
        ['cache', null, '/go/pkg/mod', null],
      ],
      [['bind', null, '.', null]],
      [['secret', null, '/root/.npmrc', null]],
    ]);
    expect(runs(m, 0)[0]!.line).toBe(3);
    expect(runs(m, 0)[0]!.endLine).toBe(6);
    expect(runs(m, 0)[0]!.command).toBe('go mod download');
  });

  it('bind mounts without from= read the context; from=<stage> does not but pulls the stage in', () => {
    expect(runs(m, 1).map((r) => r.mounts.map((x) => x.fromStage))).toEqual([[0], [0]]);
    expect(stagesToBuild(m)).toEqual([0, 1]);
    expect(usesOf(m)).toEqual([
      [0, 3, ['go.mod', 'go.sum']],
      [0, 7, ['.']],
    ]);
  });

  it('resolves mount from= by stage name only, not by numeric index', () => {
    const m2 = parseDockerfile('FROM alpine AS first\nFROM alpine\nRUN --mount=from=0,target=/a --mount=from=FIRST,target=/b true\n');
    expect(runs(m2)[0]!.mounts.map((x) => [x.from, x.fromStage])).toEqual([
      ['0', null],
      ['FIRST', 0],
    ]);
  });

  it('expands variables in mount values', () => {
    const m2 = parseDockerfile('FROM alpine\nARG MOD=go.mod\nRUN --mount=source=$MOD,target=/m true\n');
    expect(runs(m2)[0]!.mounts[0]!.source).toBe('go.mod');
  });

  it('handles CSV quoting in a mount (flag quotes are removed first, like extractBuilderFlags)', () => {
    const m2 = parseDockerfile('FROM alpine\nRUN --mount=\'type=bind,"source=a,b",target=/m\' true\n');
    expect(runs(m2)[0]!.mounts[0]!.source).toBe('a,b');
    expect(m2.errors).toEqual([]);
    // Unprotected double quotes are stripped before the CSV split, leaving a bare "b" field.
    const m3 = parseDockerfile('FROM alpine\nRUN --mount=type=bind,"source=a,b",target=/m true\n');
    expect(m3.errors).toEqual([{ line: 2, message: "invalid field 'b' must be a key=value pair" }]);
  });
});

describe('ONBUILD triggers of a base stage', () => {
  it('run at the start of the stage built on it, with that stage\'s context use', () => {
    const m = parseDockerfile('FROM node AS base\nONBUILD COPY package.json /app/\nFROM base\nCOPY . /app\n');
    const first = m.stages[1]!.instructions[0] as CopyLike;
    expect([first.kind, first.onbuild, first.line, first.sources]).toEqual(['COPY', true, 2, ['package.json']]);
    expect(usesOf(m)).toEqual([
      [1, 2, ['package.json']],
      [1, 4, ['.']],
    ]);
  });
});
