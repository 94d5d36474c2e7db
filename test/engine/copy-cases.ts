// The case table for "does this COPY/ADD/RUN --mount source fail the build?", judged by a real
// engine (copy-verdicts.test.ts). Each case is a tree, an ignore file and a Dockerfile; the
// engine builds it with both builders and ctxcheck must put a copy-ignored / copy-missing
// finding on exactly the lines whose step fails there.
//
// Every COPY in a case has its own destination, so the step text a builder prints names one
// Dockerfile line.
import { BASE_IMAGE } from './engine.js';

export interface CopyCase {
  name: string;
  files?: Record<string, string>;
  links?: Record<string, string>;
  dirs?: string[];
  /** Tar archives to create: archive path → its members (path → content). */
  tars?: Record<string, Record<string, string>>;
  /** .dockerignore content (none when absent). */
  ignore?: string;
  /** Extra ignore files (e.g. a per-Dockerfile one): path → content. */
  ignoreFiles?: Record<string, string>;
  /** The Dockerfile, one instruction per line. */
  dockerfile: string[];
  /** -f, relative to the context (default "Dockerfile"). */
  file?: string;
  target?: string;
  buildArgs?: Record<string, string>;
  /**
   * Where the engine's BuildKit (v0.8 generation) and modern BuildKit disagree: the failing
   * lines modern BuildKit gives (ctxcheck's answer) and the v0.8 engine's, each asserted.
   */
  divergence?: { what: string; modern: number[]; v08: number[] };
}

const S = 'FROM scratch';
const B = `FROM ${BASE_IMAGE}`;

export const COPY_CASES: CopyCase[] = [
  // --- literal sources
  { name: 'a present file', files: { a: 'a' }, dockerfile: [S, 'COPY a /a'] },
  { name: 'a missing file', files: { a: 'a' }, dockerfile: [S, 'COPY a /a', 'COPY nope /x'] },
  { name: 'an excluded file', files: { a: 'a', b: 'b' }, ignore: 'b\n', dockerfile: [S, 'COPY a /a', 'COPY b /b'] },
  { name: 'an excluded directory', files: { 'd/f': 'f' }, ignore: 'd\n', dockerfile: [S, 'COPY d /d/'] },
  { name: 'a file in an excluded directory', files: { 'd/f': 'f', a: 'a' }, ignore: 'd\n', dockerfile: [S, 'COPY a /a', 'COPY d/f /f'] },
  { name: 'an excluded directory with a re-included child', files: { 'd/keep': 'k', 'd/drop': 'd' }, ignore: 'd\n!d/keep\n', dockerfile: [S, 'COPY d /d/', 'COPY d/keep /keep', 'COPY d/drop /drop'] },
  {
    name: 'an excluded directory whose exception matches nothing',
    files: { 'd/f': 'f', a: 'a' },
    ignore: 'd\n!d/nothere\n',
    dockerfile: [S, 'COPY a /a', 'COPY d /d/'],
    // fsutil's filter walk: v0.8 sends an excluded directory kept open by an exception as soon
    // as it walks into it; modern fsutil (filter.go, parentDirs) sends it only once a child is
    // re-included, so nothing arrives and the COPY fails.
    divergence: { what: 'an excluded directory kept open by an exception that re-includes nothing is sent by v0.8, not by modern BuildKit', modern: [3], v08: [] },
  },
  { name: 'a directory whose contents are all excluded (d/*)', files: { 'd/f': 'f', 'd/g': 'g' }, ignore: 'd/*\n', dockerfile: [S, 'COPY d /d/', 'COPY d/f /f'] },
  { name: 'a directory whose contents are all excluded (d/**)', files: { 'd/f': 'f', 'd/e/g': 'g' }, ignore: 'd/**\n', dockerfile: [S, 'COPY d /d/'] },
  { name: 'an empty directory', files: { a: 'a' }, dirs: ['e'], dockerfile: [S, 'COPY e /e/'] },
  { name: 'several sources, one missing', files: { a: 'a' }, dockerfile: [S, 'COPY a nope /x/'] },
  { name: 'a different case', files: { readme: 'r' }, dockerfile: [S, 'COPY README /r'] },
  { name: 'an ignore pattern of a different case', files: { readme: 'r' }, ignore: 'README\n', dockerfile: [S, 'COPY readme /r'] },

  // --- wildcards
  { name: 'an empty wildcard', files: { a: 'a' }, dockerfile: [S, 'COPY a /a', 'COPY *.nomatch /x/'] },
  { name: 'an empty wildcard beside a match', files: { a: 'a' }, dockerfile: [S, 'COPY *.nomatch a /x/'] },
  { name: 'a wildcard whose matches are all excluded', files: { 'a.txt': 'a', 'b.txt': 'b', c: 'c' }, ignore: '*.txt\n', dockerfile: [S, 'COPY c /c', 'COPY *.txt /x/'] },
  { name: 'a wildcard in a missing directory', files: { a: 'a' }, dockerfile: [S, 'COPY a /a', 'COPY nodir/*.txt /x/'] },
  {
    name: 'a wildcard in a present directory, no match',
    files: { 'd/a': 'a', a: 'a' },
    dockerfile: [S, 'COPY a /a', 'COPY d/*.txt /x/'],
    // The FollowPaths include "d/*.txt": v0.8's filter sends "d" itself (a prefix of an include
    // pattern); modern fsutil sends a directory only for an included child, so "d" is not
    // transferred and ResolveWildcards fails on "lstat d" (moby/buildkit#2933).
    divergence: { what: 'a wildcard in a directory with no match: v0.8 transfers the directory, modern BuildKit does not (lstat fails)', modern: [3], v08: [] },
  },
  { name: 'a wildcard in a directory with no match, the directory sent for another COPY', files: { 'd/a': 'a' }, dockerfile: [S, 'COPY d/a /a', 'COPY d/*.txt /x/'] },
  { name: 'a wildcard under a symlinked directory', files: { 'd/a.txt': 'a' }, links: { ld: 'd' }, dockerfile: [S, 'COPY ld/*.txt /x/'] },
  { name: 'a wildcard in an excluded directory', files: { 'd/a.txt': 'a', a: 'a' }, ignore: 'd\n', dockerfile: [S, 'COPY a /a', 'COPY d/*.txt /x/'] },
  { name: 'a wildcard directory component', files: { 'p/f.txt': 'f', 'q/f.txt': 'g' }, dockerfile: [S, 'COPY */f.txt /x/'] },
  { name: 'a wildcard after ".."', files: { 'a.txt': 'a', 'd/b': 'b' }, dockerfile: [S, 'COPY d/b /b', 'COPY d/../*.txt /x/'] },
  { name: 'a character class', files: { 'a.txt': 'a', 'b.txt': 'b' }, dockerfile: [S, 'COPY [ab].txt /x/'] },
  { name: 'a wildcard matching a dangling symlink', files: { 'a.txt': 'a' }, links: { 'l.txt': 'nothere' }, dockerfile: [S, 'COPY *.txt /x/'] },
  { name: 'a wildcard matching a symlink to an excluded file', files: { 'a.txt': 'a', secret: 's' }, links: { 'l.txt': 'secret' }, ignore: 'secret\n', dockerfile: [S, 'COPY *.txt /x/'] },

  // --- symlinks
  { name: 'a symlink to a file', files: { a: 'a' }, links: { l: 'a' }, dockerfile: [S, 'COPY l /l'] },
  { name: 'a symlink chain', files: { a: 'a' }, links: { l1: 'l2', l2: 'a' }, dockerfile: [S, 'COPY l1 /l'] },
  { name: 'a symlink to an absolute path outside', files: { a: 'a' }, links: { l: '/etc/hostname' }, dockerfile: [S, 'COPY a /a', 'COPY l /l'] },
  { name: 'a symlink to an absolute path that exists in the context', files: { 'etc/hostname': 'h' }, links: { l: '/etc/hostname' }, dockerfile: [S, 'COPY l /l'] },
  { name: 'a symlink climbing out of the context', files: { a: 'a' }, links: { l: '../../../../outside' }, dockerfile: [S, 'COPY a /a', 'COPY l /l'] },
  { name: 'a symlink climbing out and back in', files: { a: 'a' }, links: { l: '../../../../a' }, dockerfile: [S, 'COPY l /l'] },
  { name: 'a symlink to an excluded file', files: { a: 'a', secret: 's' }, links: { l: 'secret' }, ignore: 'secret\n', dockerfile: [S, 'COPY a /a', 'COPY l /l'] },
  { name: 'a dangling symlink', files: { a: 'a' }, links: { l: 'nothere' }, dockerfile: [S, 'COPY a /a', 'COPY l /l'] },
  { name: 'a symlink loop', files: { a: 'a' }, links: { l1: 'l2', l2: 'l1' }, dockerfile: [S, 'COPY a /a', 'COPY l1 /l'] },
  { name: 'a path through a file', files: { a: 'a' }, dockerfile: [S, 'COPY a /a', 'COPY a/b /b'] },
  { name: 'an excluded symlink to a present file', files: { a: 'a' }, links: { l: 'a' }, ignore: 'l\n', dockerfile: [S, 'COPY a /a', 'COPY l /l'] },
  { name: 'a dangling symlink inside a copied directory', files: { 'd/f': 'f' }, links: { 'd/l': 'nothere' }, dockerfile: [S, 'COPY d /d/'] },
  { name: 'a symlink to an excluded file inside a copied directory', files: { 'd/f': 'f', secret: 's' }, links: { 'd/l': '../secret' }, ignore: 'secret\n', dockerfile: [S, 'COPY d /d/'] },
  { name: 'a symlink to a directory', files: { 'd/f': 'f' }, links: { ld: 'd' }, dockerfile: [S, 'COPY ld /x/', 'COPY ld/f /f'] },
  { name: 'a path through a symlink to an excluded directory', files: { 'd/f': 'f', a: 'a' }, links: { ld: 'd' }, ignore: 'd\n', dockerfile: [S, 'COPY a /a', 'COPY ld/f /f'] },
  { name: 'a path through a symlink to a missing file', files: { 'd/f': 'f', a: 'a' }, links: { ld: 'd' }, dockerfile: [S, 'COPY a /a', 'COPY ld/nope /n'] },

  // --- path spellings
  { name: '"../x" in a source', files: { a: 'a' }, dockerfile: [S, 'COPY ../a /a'] },
  { name: '"d/../../x" in a source', files: { a: 'a', 'd/f': 'f' }, dockerfile: [S, 'COPY d/f /f', 'COPY d/../../a /a'] },
  { name: '"d/../x" in a source', files: { a: 'a', 'd/f': 'f' }, dockerfile: [S, 'COPY d/../a /a'] },
  { name: 'an absolute source', files: { a: 'a' }, dockerfile: [S, 'COPY /a /a'] },
  { name: 'a trailing "/." on a directory', files: { 'd/f': 'f' }, dockerfile: [S, 'COPY d/. /x/', 'COPY ./ /y/'] },
  { name: 'a trailing "/." on a missing path', files: { a: 'a' }, dockerfile: [S, 'COPY a /a', 'COPY nope/. /x/'] },
  { name: 'a trailing "/." or "/" on a file', files: { a: 'a' }, dockerfile: [S, 'COPY a/. /x', 'COPY a/ /y'] },

  // --- the Dockerfile and the ignore file themselves
  { name: 'COPY of an excluded Dockerfile', files: { a: 'a' }, ignore: 'Dockerfile\n', dockerfile: [S, 'COPY a /a', 'COPY Dockerfile /df'] },
  { name: 'COPY of an excluded .dockerignore', files: { a: 'a' }, ignore: '.dockerignore\n', dockerfile: [S, 'COPY a /a', 'COPY .dockerignore /di'] },
  { name: 'COPY of a Dockerfile excluded by an allow-list', files: { a: 'a' }, ignore: '*\n!a\n', dockerfile: [S, 'COPY a /a', 'COPY Dockerfile /df'] },
  { name: 'COPY of a Dockerfile that is not excluded', files: { a: 'a' }, ignore: 'a\n', dockerfile: [S, 'COPY Dockerfile /df', 'COPY .dockerignore /di'] },
  { name: 'a wildcard that only matches an excluded Dockerfile', files: { a: 'a' }, ignore: 'Dockerfile\n', dockerfile: [S, 'COPY a /a', 'COPY Docker* /x/'] },
  { name: 'COPY . . with an excluded Dockerfile', files: { a: 'a' }, ignore: 'Dockerfile\n.dockerignore\n', dockerfile: [S, 'COPY . /ctx/'] },
  { name: '-f in an excluded directory, COPY of that directory', files: { a: 'a' }, ignore: 'sub\n', file: 'sub/Dockerfile', dockerfile: [S, 'COPY a /a', 'COPY sub /sub/'] },
  { name: '-f in a subdirectory, the Dockerfile excluded', files: { a: 'a' }, ignore: 'sub/Dockerfile\n', file: 'sub/Dockerfile', dockerfile: [S, 'COPY a /a', 'COPY sub/Dockerfile /df'] },
  { name: '-f in a subdirectory, nothing excluded', files: { a: 'a' }, file: 'sub/Dockerfile', dockerfile: [S, 'COPY sub/Dockerfile /df'] },
  // BuildKit v0.8 already reads <Dockerfile>.dockerignore (and then ignores .dockerignore).
  {
    name: 'a per-Dockerfile ignore file',
    files: { a: 'a', b: 'b' },
    ignore: 'b\n',
    ignoreFiles: { 'sub/app.Dockerfile.dockerignore': 'a\n' },
    file: 'sub/app.Dockerfile',
    dockerfile: [S, 'COPY a /a', 'COPY b /b'],
  },

  // --- stages
  { name: 'a failing COPY in a stage the target does not need', files: { a: 'a' }, dockerfile: ['FROM scratch AS unused', 'COPY nope /x', S, 'COPY a /a'] },
  { name: 'a failing COPY in a stage the target needs', files: { a: 'a' }, dockerfile: ['FROM scratch AS dep', 'COPY nope /x', S, 'COPY --from=dep / /dep/', 'COPY a /a'] },
  { name: 'a failing COPY after the target', files: { a: 'a' }, target: 'first', dockerfile: ['FROM scratch AS first', 'COPY a /a', 'FROM scratch AS second', 'COPY nope /x'] },
  { name: 'a failing COPY before the target, not needed by it', files: { a: 'a' }, target: 'second', dockerfile: ['FROM scratch AS first', 'COPY nope /x', 'FROM scratch AS second', 'COPY a /a', 'FROM scratch AS third', 'COPY nope2 /y'] },

  // --- variables
  { name: 'an ARG source', files: { a: 'a' }, dockerfile: [S, 'ARG F=a', 'COPY $F /a'] },
  { name: 'an ARG source set by --build-arg to a missing file', files: { a: 'a' }, buildArgs: { F: 'nope' }, dockerfile: [S, 'ARG F=a', 'COPY $F /a'] },
  { name: 'an ENV source', files: { 'd/f': 'f' }, dockerfile: [S, 'ENV D=d', 'COPY ${D}/f /f', 'COPY ${D}/g /g'] },
  { name: 'an unset variable in a source', files: { a: 'a' }, dockerfile: [S, 'COPY ${NOPE}a /a', 'COPY ${NOPE}b /b'] },

  // --- ADD
  { name: 'ADD of a local tar archive', tars: { 'a.tar': { 'in.txt': 'i' } }, files: { b: 'b' }, ignore: 'b.tar\n', dockerfile: [S, 'ADD a.tar /x/', 'ADD missing.tar /y/'] },
  { name: 'ADD of an excluded tar archive', tars: { 'a.tar': { 'in.txt': 'i' }, 'b.tar': { 'in2.txt': 'j' } }, ignore: 'b.tar\n', dockerfile: [S, 'ADD a.tar /x/', 'ADD b.tar /y/'] },

  // --- RUN --mount=type=bind
  { name: 'RUN --mount=type=bind of a present file', files: { a: 'a' }, dockerfile: [B, 'RUN --mount=type=bind,source=a,target=/m cat /m'] },
  { name: 'RUN --mount=type=bind of a missing file', files: { a: 'a' }, dockerfile: [B, 'RUN --mount=type=bind,source=nope,target=/m true'] },
  { name: 'RUN --mount=type=bind of an excluded file', files: { a: 'a' }, ignore: 'a\n', dockerfile: [B, 'RUN --mount=type=bind,source=a,target=/m true'] },
  { name: 'RUN --mount=type=bind of a symlink to a present file', files: { a: 'a' }, links: { l: 'a' }, dockerfile: [B, 'RUN --mount=type=bind,source=l,target=/m cat /m'] },
  { name: 'RUN --mount=type=bind of a symlink to an excluded file', files: { a: 'a' }, links: { l: 'a' }, ignore: 'a\n', dockerfile: [B, 'RUN --mount=type=bind,source=l,target=/m true'] },
  { name: 'RUN --mount=type=bind of a dangling symlink', files: { a: 'a' }, links: { l: 'nothere' }, dockerfile: [B, 'RUN --mount=type=bind,source=l,target=/m true'] },
];
