// Source resolution against a context listing, copied files, FollowPaths and missing sources,
// pinned from BuildKit (dockerfile2llb convert.go / convert_copy.go, fsutil copy, llbsolver
// file backend) and the BuildKit issues cited next to the cases.
import { describe, expect, it } from 'vitest';
import {
  copiedFiles,
  followPaths,
  indexFromPaths,
  isMissingSourceError,
  resolveSource,
  splitWildcards,
} from '../../src/dockerfile/copy-sources.js';
import type { CopyLike, RunInstr } from '../../src/dockerfile/model.js';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { goMatch } from '../../src/ignore/go-match.js';

const FILES = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'README.md',
  '.env',
  'a b.txt',
  'vendor.tar.gz',
  'go.mod',
  'go.sum',
  'nginx.conf',
  'src/index.ts',
  'src/notes.md',
  'src/a/index.ts',
  'src/a/util.ts',
  'src/b/index.ts',
  'src/b/deep/index.ts',
  'docs/guide.md',
  'docs/api/ref.md',
  'packages/web/package.json',
  'packages/web/src/app.ts',
  'packages/api/package.json',
  'packages/api/README.md',
];
const index = indexFromPaths([
  ...FILES.map((path) => ({ path, type: 'file' })),
  { path: './src/c', type: 'dir' },
  { path: 'link', type: 'symlink' },
]);
const ALL = [...FILES, 'link'].sort();

/** The single COPY/ADD/RUN of a one-instruction Dockerfile. */
const instr = (line: string): CopyLike | RunInstr => {
  const m = parseDockerfile(`FROM alpine AS s0\nFROM alpine\n${line}\n`);
  expect(m.errors).toEqual([]);
  const i = m.stages[1]!.instructions[0]!;
  if (i.kind === 'OTHER') throw new Error('not a COPY/ADD/RUN');
  return i;
};
const files = (line: string): string[] => [...copiedFiles(instr(line), index)].sort();

describe('indexFromPaths', () => {
  it('adds parent directories and sorts children by byte order', () => {
    expect(index.get('src')).toBe('dir');
    expect(index.get('src/b/deep')).toBe('dir');
    expect(index.get('src/c')).toBe('dir');
    expect(index.get('link')).toBe('symlink');
    expect(index.get('nope')).toBeUndefined();
    expect(index.children('src')).toEqual(['a', 'b', 'c', 'index.ts', 'notes.md']);
    expect(index.children('.').slice(0, 4)).toEqual(['.env', 'README.md', 'a b.txt', 'docs']);
  });
});

describe('resolveSource', () => {
  it('matches *.json at the root (byte order, "-" before ".")', () => {
    expect(resolveSource('*.json', index)).toEqual({
      matches: ['package-lock.json', 'package.json', 'tsconfig.json'],
      wildcard: true,
      base: '.',
    });
    expect(resolveSource('package*.json', index).matches).toEqual(['package-lock.json', 'package.json']);
  });

  it('matches src/*/index.ts with filepath.Match: "*" never crosses "/"', () => {
    expect(resolveSource('src/*/index.ts', index)).toEqual({
      matches: ['src/a/index.ts', 'src/b/index.ts'],
      wildcard: true,
      base: 'src',
    });
  });

  it('takes a matching directory whole and does not descend into it', () => {
    expect(resolveSource('sr?', index).matches).toEqual(['src']);
    expect(resolveSource('src/[ab]', index).matches).toEqual(['src/a', 'src/b']);
    expect(resolveSource('packages/*', index).matches).toEqual(['packages/api', 'packages/web']);
  });

  it('cleans literal paths relative to the root; ".." clamps at the root', () => {
    expect(resolveSource('.', index)).toEqual({ matches: ['.'], wildcard: false, base: '.' });
    expect(resolveSource('../../', index).matches).toEqual(['.']);
    expect(resolveSource('./src/', index)).toEqual({ matches: ['src'], wildcard: false, base: 'src' });
    expect(resolveSource('/src/../go.mod', index).matches).toEqual(['go.mod']);
    expect(resolveSource('/src/../src/*/index.ts', index).matches).toEqual(['src/a/index.ts', 'src/b/index.ts']);
    expect(resolveSource('a b.txt', index).matches).toEqual(['a b.txt']);
  });

  it('treats a backslash-escaped wildcard character as literal', () => {
    expect(resolveSource('src/\\*', index)).toEqual({ matches: [], wildcard: false, base: 'src/\\*' });
  });

  it('returns no match for a malformed pattern (Go ignores Match errors there)', () => {
    expect(resolveSource('src/[', index)).toEqual({ matches: [], wildcard: true, base: 'src' });
  });

  it('never expands wildcards for RUN bind-mount sources', () => {
    expect(resolveSource('*.json', index, { literal: true })).toEqual({ matches: [], wildcard: false, base: '*.json' });
  });
});

describe('isMissingSourceError', () => {
  it('a missing literal source is an error', () => {
    const r = resolveSource('missing.txt', index);
    expect([r.matches, r.wildcard]).toEqual([[], false]);
    expect(isMissingSourceError('missing.txt', r.matches, r.wildcard)).toBe(true);
    expect(isMissingSourceError('go.mod', resolveSource('go.mod', index).matches, false)).toBe(false);
  });

  it('a wildcard matching nothing is not an error when its directory exists (AllowEmptyWildcard)', () => {
    const r = resolveSource('*.xml', index);
    expect([r.matches, r.wildcard]).toEqual([[], true]);
    expect(isMissingSourceError('*.xml', r.matches, r.wildcard)).toBe(false);
    const d = resolveSource('docs/*.txt', index);
    expect(isMissingSourceError('docs/*.txt', d.matches, d.wildcard, index)).toBe(false);
  });

  it('a wildcard whose fixed directory is absent fails (lstat), moby/buildkit#2933', () => {
    const r = resolveSource('nodir/*.json', index);
    expect([r.matches, r.wildcard, r.base]).toEqual([[], true, 'nodir']);
    expect(isMissingSourceError('nodir/*.json', r.matches, r.wildcard, index)).toBe(true);
    // Without a transferred-files index: FollowPaths only send what matches, so an unmatched
    // non-root prefix directory is assumed not to exist on the builder side.
    expect(isMissingSourceError('docs/*.txt', [], true)).toBe(true);
  });
});

describe('copiedFiles', () => {
  it('COPY . . copies everything; COPY ./src/ /app copies what is under src', () => {
    expect(files('COPY . .')).toEqual(ALL);
    expect(files('COPY ./src/ /app')).toEqual(['src/a/index.ts', 'src/a/util.ts', 'src/b/deep/index.ts', 'src/b/index.ts', 'src/index.ts', 'src/notes.md']);
    expect(files('COPY ["a b.txt", "/x"]')).toEqual(['a b.txt']);
  });

  it('evaluates --exclude relative to each copied source, with dockerignore syntax', () => {
    expect(files('COPY --exclude=*.md . /x')).toEqual(ALL.filter((p) => p !== 'README.md'));
    expect(files('COPY --exclude=*.md src /x')).not.toContain('src/notes.md');
    expect(files('COPY --exclude=**/*.md . /x').filter((p) => p.endsWith('.md'))).toEqual([]);
    // Wildcard matches are roots too: paths are relative to each matched directory.
    expect(files('COPY --exclude=src packages/* /x')).toEqual([
      'packages/api/README.md',
      'packages/api/package.json',
      'packages/web/package.json',
    ]);
  });

  it('supports exceptions in --exclude', () => {
    expect(files('COPY --exclude=packages --exclude=!packages/web/package.json . /x').filter((p) => p.startsWith('packages/'))).toEqual([
      'packages/web/package.json',
    ]);
  });

  it('never applies --exclude to a wildcard match that is itself a file (moby/buildkit#5489)', () => {
    expect(files('COPY --exclude=package.json *.json /x')).toEqual(['package-lock.json', 'package.json', 'tsconfig.json']);
  });

  it('--parents copies the files matching the source under the root or the /./ pivot', () => {
    const expected = ['packages/api/package.json', 'packages/web/package.json'];
    expect(files('COPY --parents packages/*/package.json /app/')).toEqual(expected);
    expect(files('COPY --parents ./packages/./*/package.json /app/')).toEqual(expected);
    expect(files('COPY --parents src/*/index.ts /app/')).toEqual(['src/a/index.ts', 'src/b/index.ts']);
    expect(files('COPY --parents docs /app/')).toEqual(['docs/api/ref.md', 'docs/guide.md']);
  });

  it('a source that expands to nothing is the context root: the whole context is copied', () => {
    const c = instr('COPY $NOPE /x') as CopyLike;
    expect([c.sources, c.unresolvedVars]).toEqual([[''], ['NOPE']]);
    expect(files('COPY $NOPE /x')).toEqual(ALL);
    expect(followPaths(parseDockerfile('FROM alpine\nCOPY go.mod $NOPE /x/\n'))).toBeNull();
  });

  it('reads nothing from the context for --from, remote and heredoc sources', () => {
    expect(files('COPY --from=s0 /etc /etc')).toEqual([]);
    expect(files('COPY --from=golang:1.22 /usr/local/go /go')).toEqual([]);
    expect(files('ADD https://example.com/x.tgz vendor.tar.gz /opt/')).toEqual(['vendor.tar.gz']);
    expect(files('COPY <<EOF /x\nhi\nEOF')).toEqual([]);
  });

  it('RUN reads its bind mounts without from=, literally', () => {
    expect(files('RUN --mount=type=bind,source=go.mod,target=/m --mount=type=cache,target=/c true')).toEqual(['go.mod']);
    expect(files('RUN --mount=target=/ctx true')).toEqual(ALL);
    expect(files('RUN --mount=from=s0,source=/,target=/s true')).toEqual([]);
    expect(files('RUN --mount=type=secret,id=x true')).toEqual([]);
  });
});

describe('followPaths', () => {
  const MULTI = `FROM node:20 AS deps
COPY package.json package-lock.json ./
FROM deps AS build
COPY ./src/ ./src
FROM alpine AS unused
COPY tools/ /tools/
FROM nginx
COPY --from=build /app/dist /html
COPY nginx.conf /etc/nginx/nginx.conf
`;

  it('lists the ctxPaths of the built stages, sorted, without the leading "/"', () => {
    expect(followPaths(parseDockerfile(MULTI))).toEqual(['nginx.conf', 'package-lock.json', 'package.json', 'src']);
    expect(followPaths(parseDockerfile(MULTI), 'unused')).toEqual(['tools']);
  });

  it('sends no FollowPaths (whole context) for COPY . . or a context-root bind mount', () => {
    expect(followPaths(parseDockerfile('FROM alpine\nCOPY package.json ./\nCOPY . .\n'))).toBeNull();
    expect(followPaths(parseDockerfile('FROM alpine\nCOPY ../ /x\n'))).toBeNull();
    expect(followPaths(parseDockerfile('FROM alpine\nRUN --mount=target=/src make\n'))).toBeNull();
  });

  it('returns [] when nothing reads the context (it is never transferred)', () => {
    expect(followPaths(parseDockerfile('FROM alpine\nRUN echo hi\n'))).toEqual([]);
    expect(followPaths(parseDockerfile('FROM alpine AS a\nFROM alpine\nCOPY --from=a /x /x\nADD https://e.com/x /x\n'))).toEqual([]);
    expect(followPaths(parseDockerfile('FROM alpine\nCOPY <<EOF /x\nhi\nEOF\n'))).toEqual([]);
  });

  it('keeps wildcards and collapses the --parents pivot', () => {
    expect(followPaths(parseDockerfile('FROM alpine\nCOPY src/*/index.ts *.json /x/\n'))).toEqual(['*.json', 'src/*/index.ts']);
    expect(followPaths(parseDockerfile('FROM alpine\nCOPY --parents ./packages/./*/package.json /x/\n'))).toEqual(['packages/*/package.json']);
  });

  it('reproduces the ctxPaths quirks: tmpfs mounts add "/", ADD git sources are listed', () => {
    expect(followPaths(parseDockerfile('FROM alpine\nCOPY a /a\nRUN --mount=type=tmpfs,target=/t true\n'))).toBeNull();
    expect(followPaths(parseDockerfile('FROM alpine\nCOPY a /a\nRUN --mount=type=cache,target=/c --mount=type=secret,id=s true\n'))).toEqual(['a']);
    expect(followPaths(parseDockerfile('FROM alpine\nCOPY a /a\nADD git@github.com:moby/buildkit.git /bk\n'))).toEqual([
      'a',
      'git@github.com:moby/buildkit.git',
    ]);
    // http(s) sources are skipped by prefix, even a git repository over https.
    expect(followPaths(parseDockerfile('FROM alpine\nCOPY a /a\nADD https://e.com/x.tgz https://github.com/moby/buildkit.git /x/\n'))).toEqual(['a']);
  });
});

describe('resolveSource: only directories shallow enough to hold a match are walked', () => {
  // The unpruned reference: fsutil's ResolveWildcards walking every path under the prefix.
  function everyMatch(src: string, idx: ReturnType<typeof indexFromPaths>): string[] {
    const { base, pattern } = splitWildcards(src);
    const out: string[] = [];
    const walk = (dir: string, relDir: string): void => {
      for (const name of idx.children(dir)) {
        const path = dir === '.' ? name : `${dir}/${name}`;
        const r = relDir === '' ? name : `${relDir}/${name}`;
        let m = false;
        try {
          m = goMatch(pattern, r);
        } catch {
          m = false;
        }
        if (m) out.push(path);
        else if (idx.get(path) === 'dir') walk(path, r);
      }
    };
    if (idx.get(base) === 'dir') walk(base, '');
    return out;
  }

  const deep = indexFromPaths(
    ['a/b', 'a/b/c/d.txt', 'x/z', 'x/y/z', 'q/w/e/r/t.txt', 'q/w.txt', 'a.txt', 'p[/]q', 'm/n/o/p/q/r/s.json'].map((path) => ({ path, type: 'file' })),
  );

  it.each([
    ['a[/]b', ['a/b']], // a class can match "/" in Go's filepath.Match
    ['x[^y]z', ['x/z']],
    ['*.txt', ['a.txt']],
    ['*/*.txt', ['q/w.txt']],
    ['q/*/*/*/*.txt', ['q/w/e/r/t.txt']],
    ['*/*/*/*/*/*/*.json', ['m/n/o/p/q/r/s.json']],
    ['q/[a-z]/e', ['q/w/e']],
  ])('%s', (src, expected) => {
    expect(resolveSource(src, deep).matches).toEqual(expected);
    expect(resolveSource(src, deep).matches).toEqual(everyMatch(src, deep));
  });

  it('agrees with the unpruned walk on random patterns', () => {
    let seed = 7;
    const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const atoms = ['*', '?', '/', 'a', 'b', 'q', 'w', 'x', 'z', '.txt', '[a-z]', '[^y]', '[/]', '\\*'];
    for (let k = 0; k < 2000; k++) {
      let src = '';
      for (let n = 1 + rnd(6); n > 0; n--) src += atoms[rnd(atoms.length)];
      if (splitWildcards(src).pattern === '') continue;
      expect(resolveSource(src, deep).matches, src).toEqual(everyMatch(src, deep));
    }
  });
});
