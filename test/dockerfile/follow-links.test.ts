// fsutil FollowLinks (followlinks.go), which turns BuildKit's FollowPaths into the transfer's
// include patterns: each symlink along a path is kept and its target followed from the context
// root; a wildcard component follows every matching symlink; the root itself means no filter.
import { describe, expect, it } from 'vitest';
import { followLinks } from '../../src/dockerfile/follow-links.js';
import { analyze, listContext, MemoryFS } from '../../src/index.js';

const fs = new MemoryFS({
  files: {
    'plain/a.txt': 'a',
    'real/app/main.js': 'm',
    'real/app/lib/x.js': 'x',
    'shared/x.ts': 'x',
    'opt/conf/app.ini': 'i',
    'vendor/a/index.js': 'v',
    'pkgs/b/index.js': 'b',
    'other/big.bin': 'zzzz',
  },
  links: {
    app: 'real/app',
    'src/lib': '../shared',
    etc: '/opt/conf',
    loop1: 'loop2',
    loop2: 'loop1',
    all: '.',
    'pkgs/a': '../vendor/a',
    dangling: 'nowhere/file',
  },
});

describe('followLinks', () => {
  it.each([
    ['no link on the way: the paths themselves', ['plain/a.txt', 'real'], ['plain/a.txt', 'real']],
    ['a linked directory and its target', ['app'], ['app', 'real/app']],
    ['a link in the middle of a path: the link, and the rest under its target', ['src/lib/x.ts'], ['shared/x.ts', 'src/lib']],
    ['an absolute link resolves inside the context', ['etc/app.ini'], ['etc', 'opt/conf/app.ini']],
    ['a loop ends', ['loop1'], ['loop1', 'loop2']],
    ['a wildcard component follows each matching link', ['pkgs/*/index.js'], ['pkgs/*', 'vendor/a/index.js']],
    ['a dangling link keeps its target name', ['dangling'], ['dangling', 'nowhere/file']],
    ['nested paths are dropped', ['real', 'real/app/main.js', 'app/lib'], ['app', 'real']],
  ])('%s', (_name, paths, expected) => {
    expect(followLinks(fs, paths)).toEqual(expected);
  });

  it('a link to the root means no filter (null)', () => {
    expect(followLinks(fs, ['plain', 'all'])).toBeNull();
  });
});

describe('BuildKit transfer with links among the sources', () => {
  const opts = (dockerfile: string) => ({ context: '/ctx', cwd: '/', dockerfileInline: dockerfile });

  it('sends the target of a linked COPY source', async () => {
    const r = await analyze(opts('FROM scratch\nCOPY app /app\n'), fs);
    expect(r.transfer?.followPaths).toEqual(['app']);
    expect(r.transfer?.files).toBe(3); // app (the link) + real/app/main.js + real/app/lib/x.js
    const sent = await listContext({ ...opts('FROM scratch\nCOPY app /app\n'), transfer: true }, fs);
    expect(sent).toEqual(['app', 'real/app/lib/x.js', 'real/app/main.js']);
  });

  it('a linked source pointing at the root transfers the whole context', async () => {
    const whole = await listContext({ context: '/ctx', cwd: '/' }, fs);
    expect(await listContext({ ...opts('FROM scratch\nCOPY all /x\n'), transfer: true }, fs)).toEqual(whole);
  });
});
