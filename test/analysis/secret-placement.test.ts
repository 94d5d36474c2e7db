// Where a secret goes, without an engine: the engine-checked cases (test/engine/secret-cases.ts,
// each verified by a real build in test/engine/secret-placement.test.ts) through analyze(), and
// the placement model's corners that the engine cases do not reach.
import { describe, expect, it } from 'vitest';
import { analyze, type Finding, type SecretPlacement } from '../../src/index.js';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { indexFromPaths } from '../../src/dockerfile/copy-sources.js';
import { contextPlacer } from '../../src/analyzers/secret-placement.js';
import { writeTree } from '../helpers/tree.js';
import { SECRET_CASES } from '../engine/secret-cases.js';

const BUILDERS = ['legacy', 'buildkit'] as const;

async function secretOf(files: Record<string, string>, builder: 'legacy' | 'buildkit', target?: string): Promise<Finding | undefined> {
  const dir = writeTree({ files });
  const r = await analyze({ context: dir, cwd: dir, builder, ...(target ? { target } : {}), git: false });
  return r.findings.find((f) => f.category === 'secret' && f.path === '.env');
}

describe('secret placement: the engine-checked cases', () => {
  const cases = SECRET_CASES.flatMap((c) => BUILDERS.map((b) => [`${b}: ${c.name}`, c, b] as const));
  it.each(cases)('%s', async (_n, c, builder) => {
    const files = { Dockerfile: c.dockerfile.replace(/^FROM base\b/gm, 'FROM busybox'), 'app.txt': 'app\n', 'dist/app.js': 'x\n', '.env': 'API_TOKEN=abcdef0123456789\n', ...c.files };
    const f = await secretOf(files, builder, c.target);
    const expected = builder === 'legacy' ? c.legacy : c.buildkit;
    expect(f?.placement ?? null).toBe(expected);
    if (!f) return;
    // error exactly when it is in the final image; note when this build never sends it.
    expect(f.severity).toBe(expected === 'final-image' ? 'error' : expected === 'not-sent' ? 'note' : 'warning');
    // Every placement that names a COPY/ADD points at it.
    if (expected !== 'sent' && expected !== 'not-sent') expect(f.dockerfile?.line).toBeGreaterThan(0);
  });
});

/** Placement of `.env` in a context of these paths (all files), straight from the model. */
function place(dockerfile: string, builder: 'legacy' | 'buildkit', opts: { target?: string; transfer?: string[] | null; paths?: string[] } = {}): SecretPlacement {
  const paths = opts.paths ?? ['.env', 'app.txt', 'dist/app.js', 'src/main.go'];
  const index = indexFromPaths(paths.map((path) => ({ path, type: 'file' })));
  const transfer = opts.transfer === undefined || opts.transfer === null ? null : indexFromPaths(opts.transfer.map((path) => ({ path, type: 'file' })));
  const model = parseDockerfile(dockerfile);
  expect(model.errors).toEqual([]);
  return contextPlacer({ model, ...(opts.target ? { target: opts.target } : {}), builder, index, transfer })('.env').placement;
}

describe('secret placement: the model', () => {
  it('an image base stage has an unknown WORKDIR: a relative COPY lands somewhere only the image knows, so a COPY --from of a directory possibly carries it', () => {
    const df = 'FROM golang AS build\nCOPY . .\nRUN go build -o /out/app\nFROM scratch\nCOPY --from=build /out/app /app\n';
    // The RUN alone makes it possible; without a RUN, the unknown place still does.
    expect(place(df, 'buildkit')).toBe('maybe-final-image');
    expect(place('FROM golang AS build\nCOPY . .\nFROM scratch\nCOPY --from=build /go/src /app\n', 'buildkit')).toBe('maybe-final-image');
    // COPY --from of the whole filesystem carries it wherever it is.
    expect(place('FROM golang AS build\nCOPY . .\nFROM scratch\nCOPY --from=build / /app\n', 'buildkit')).toBe('final-image');
    // A WORKDIR with an absolute path makes the place known again.
    expect(place('FROM golang AS build\nWORKDIR /src\nCOPY . .\nFROM scratch\nCOPY --from=build /src/dist /app\n', 'buildkit')).toBe('build-stage');
    // A WORKDIR with a variable is unknown.
    expect(place('FROM scratch AS build\nARG D=/src\nWORKDIR $D\nCOPY . .\nFROM scratch\nCOPY --from=build /src/dist /app\n', 'buildkit')).toBe('maybe-final-image');
    // A relative WORKDIR joins the one before it (scratch starts at /).
    expect(place('FROM scratch AS build\nWORKDIR /a\nWORKDIR b\nCOPY . .\nFROM scratch\nCOPY --from=build /a/b/.env /x\n', 'buildkit')).toBe('final-image');
  });

  it('a single-file COPY to a destination without a trailing slash lands at dest, or inside it when dest is a directory: certain only when both are carried', () => {
    // /s may be the file itself or a directory holding .env: COPY --from=b /s covers both.
    expect(place('FROM scratch AS b\nCOPY .env /s\nFROM scratch\nCOPY --from=b /s /x\n', 'buildkit')).toBe('final-image');
    // Only /s/.env is copied: it is there only if /s was a directory.
    expect(place('FROM scratch AS b\nCOPY .env /s\nFROM scratch\nCOPY --from=b /s/.env /x\n', 'buildkit')).toBe('maybe-final-image');
    // A trailing slash settles it.
    expect(place('FROM scratch AS b\nCOPY .env /s/\nFROM scratch\nCOPY --from=b /s/.env /x\n', 'buildkit')).toBe('final-image');
  });

  it('COPY --from an image (not a stage) carries nothing from the context', () => {
    // Stage b is not needed: the final stage copies from the alpine image. Nothing reads the context.
    const df = 'FROM scratch AS b\nCOPY . /src\nFROM scratch\nCOPY --from=alpine /src /x\n';
    expect(place(df, 'buildkit', { transfer: [] })).toBe('not-sent');
    expect(place(df, 'legacy')).toBe('legacy-stage');
  });

  it('a possible carry is loose in the next stage too', () => {
    const df = 'FROM busybox AS a\nCOPY . /src\nRUN make\nFROM scratch AS b\nCOPY --from=a /out /out\nFROM scratch\nCOPY --from=b /out/bin /bin\n';
    expect(place(df, 'buildkit')).toBe('maybe-final-image');
    // Any COPY --from of a stage that possibly holds it possibly carries it.
    expect(place('FROM busybox AS a\nCOPY . /src\nRUN make\nFROM scratch AS b\nCOPY --from=a /out /out\nFROM scratch\nCOPY --from=b /etc /etc\n', 'buildkit')).toBe('maybe-final-image');
    // Stages the target does not need: the legacy builder still builds them.
    const unneeded = 'FROM busybox AS a\nCOPY . /src\nRUN make\nFROM scratch AS b\nCOPY --from=a /out /out\nFROM scratch\nCOPY app.txt /\n';
    expect(place(unneeded, 'legacy')).toBe('legacy-stage');
    expect(place(unneeded, 'buildkit', { transfer: ['app.txt'] })).toBe('not-sent');
  });

  it('a stage built on an unneeded stage is unneeded too; the legacy builder builds both', () => {
    const df = 'FROM scratch AS a\nCOPY .env /e\nFROM a AS b\nFROM scratch\nCOPY app.txt /\n';
    expect(place(df, 'legacy')).toBe('legacy-stage');
    expect(place(df, 'buildkit', { transfer: ['app.txt'] })).toBe('not-sent');
  });

  it('BuildKit: sent when the transfer set holds it, not-sent when it does not; legacy always sends', () => {
    const df = 'FROM scratch\nCOPY app.txt /\n';
    expect(place(df, 'buildkit', { transfer: ['app.txt'] })).toBe('not-sent');
    expect(place(df, 'buildkit', { transfer: ['app.txt', '.env'] })).toBe('sent');
    expect(place(df, 'buildkit', { transfer: null })).toBe('sent');
    expect(place(df, 'legacy', { transfer: ['app.txt'] })).toBe('sent');
  });

  // Modern-only Dockerfile syntax (the engine's v0.8 frontend cannot build it): pinned from
  // dockerfile2llb's convert_copy.go, where --exclude patterns filter what the COPY takes.
  it('modern BuildKit: COPY --exclude of the file leaves it out (v0.8 divergence: the engine rejects --exclude)', () => {
    expect(place('FROM scratch\nCOPY --exclude=.env . /app\n', 'buildkit')).toBe('sent');
    expect(place('FROM scratch\nCOPY --exclude=*.txt . /app\n', 'buildkit')).toBe('final-image');
  });

  it('modern BuildKit: COPY --parents still puts it in the image (where under dest is not modelled)', () => {
    expect(place('FROM scratch\nCOPY --parents ./.env /app/\n', 'buildkit')).toBe('final-image');
    // Its place in a builder stage is unknown, so a COPY --from of a directory possibly carries it.
    expect(place('FROM scratch AS b\nCOPY --parents ./.env /app/\nFROM scratch\nCOPY --from=b /app /x\n', 'buildkit')).toBe('maybe-final-image');
  });

  it('ADD from the context places like COPY; ADD of a URL reads nothing from it', () => {
    expect(place('FROM scratch\nADD .env /e\n', 'buildkit')).toBe('final-image');
    expect(place('FROM scratch\nADD https://example.com/x /x\nCOPY app.txt /\n', 'buildkit', { transfer: ['app.txt'] })).toBe('not-sent');
  });
});

describe('secret placement in the report', () => {
  it('the JSON finding carries placement; messages say where it goes', async () => {
    const f = await secretOf({ Dockerfile: 'FROM scratch AS b\nCOPY . /src\nFROM scratch\nCOPY --from=b /src /app\n', '.env': 'API_TOKEN=abcdef0123456789\n' }, 'buildkit');
    expect(f).toMatchObject({ placement: 'final-image', severity: 'error', dockerfile: { line: 2 } });
    expect(f!.message).toContain('copied into the image by line 2 (COPY . /src) in stage "b" and line 4 (COPY --from=b /src /app)');
  });

  it('without a Dockerfile there is no placement and the secret is an error', async () => {
    const dir = writeTree({ files: { '.env': 'API_TOKEN=abcdef0123456789\n' } });
    const r = await analyze({ context: dir, cwd: dir, git: false });
    const f = r.findings.find((x) => x.path === '.env')!;
    expect(f.severity).toBe('error');
    expect(f.placement).toBeUndefined();
  });
});
