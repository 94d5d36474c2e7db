// Where a secret goes, case by case and per builder: the placements ctxcheck must report, each
// checked against a real build on the engine (secret-placement.test.ts) and against ctxcheck
// alone where no engine runs (test/analysis/secret-placement.test.ts).
//
// Every case's context holds `.env` (a dotenv secret whose bytes are unique per build),
// `app.txt` and `dist/app.js`, plus the case's own files. `base` in a Dockerfile stands for the
// busybox image the engine imports (RUN needs a shell); everything else builds FROM scratch.
import type { SecretPlacement } from '../../src/index.js';

export interface SecretCase {
  name: string;
  dockerfile: string;
  files?: Record<string, string>;
  target?: string;
  /** What ctxcheck reports per builder; null = no finding (the file is excluded). */
  legacy: SecretPlacement | null;
  buildkit: SecretPlacement | null;
  /** The legacy builder fails this Dockerfile (RUN --mount needs BuildKit). */
  legacyFails?: boolean;
  /** maybe-final-image: whether this build's RUN really did carry it (what the engine shows). */
  reallyInFinal?: boolean;
  /** build-stage under BuildKit: the stage (its --target) whose image holds the file. */
  stage?: string;
}

export const SECRET_CASES: SecretCase[] = [
  { name: 'COPY of the file in the final stage', dockerfile: 'FROM scratch\nCOPY .env /app/.env\n', legacy: 'final-image', buildkit: 'final-image' },
  { name: 'COPY . in the final stage', dockerfile: 'FROM scratch\nCOPY . /app/\n', legacy: 'final-image', buildkit: 'final-image' },
  // BuildKit transfers only app.txt; the legacy CLI uploads the whole context.
  { name: 'a COPY of other files only', dockerfile: 'FROM scratch\nCOPY app.txt /app.txt\n', legacy: 'sent', buildkit: 'not-sent' },
  {
    name: 'excluded by the ignore file',
    dockerfile: 'FROM scratch\nCOPY . /app/\n',
    files: { '.dockerignore': '.env\n' },
    legacy: null,
    buildkit: null,
  },
  {
    name: 'RUN --mount=type=bind of the whole context reads it',
    dockerfile: 'FROM base\nRUN --mount=type=bind,target=/ctx cat /ctx/.env > /dev/null\n',
    legacy: 'sent',
    buildkit: 'sent',
    legacyFails: true,
  },
  {
    name: 'RUN --mount=type=bind of the file reads it',
    dockerfile: 'FROM base\nRUN --mount=type=bind,source=.env,target=/run/e.env cat /run/e.env > /dev/null\n',
    legacy: 'sent',
    buildkit: 'sent',
    legacyFails: true,
  },
  {
    name: 'a stage the target does not need copies it',
    dockerfile: 'FROM scratch AS leak\nCOPY .env /leak.env\nFROM scratch\nCOPY app.txt /app.txt\n',
    legacy: 'legacy-stage',
    buildkit: 'not-sent',
  },
  {
    name: 'an unneeded test stage copies everything',
    dockerfile: 'FROM scratch AS test\nCOPY . /src/\nFROM scratch\nCOPY app.txt /app.txt\n',
    legacy: 'legacy-stage',
    buildkit: 'not-sent',
  },
  {
    name: 'a stage after --target copies it',
    dockerfile: 'FROM scratch AS app\nCOPY app.txt /app.txt\nFROM scratch AS later\nCOPY . /src/\n',
    target: 'app',
    legacy: 'sent',
    buildkit: 'not-sent',
  },
  {
    name: 'a stage before --target that the target does not need copies it',
    dockerfile: 'FROM scratch AS leak\nCOPY . /src/\nFROM scratch AS app\nCOPY app.txt /app.txt\nFROM scratch AS later\nCOPY .env /x\n',
    target: 'app',
    legacy: 'legacy-stage',
    buildkit: 'not-sent',
  },
  {
    name: '--target names the stage that copies it',
    dockerfile: 'FROM scratch AS builder\nCOPY . /src/\nFROM scratch\nCOPY app.txt /app.txt\n',
    target: 'builder',
    legacy: 'final-image',
    buildkit: 'final-image',
  },
  {
    name: 'COPY --from carries the directory holding it',
    dockerfile: 'FROM scratch AS builder\nCOPY . /src\nFROM scratch\nCOPY --from=builder /src /app\n',
    legacy: 'final-image',
    buildkit: 'final-image',
  },
  {
    name: 'COPY --from of the file itself',
    dockerfile: 'FROM scratch AS builder\nCOPY . /src\nFROM scratch\nCOPY --from=builder /src/.env /e.env\n',
    legacy: 'final-image',
    buildkit: 'final-image',
  },
  {
    name: 'COPY --from by stage index',
    dockerfile: 'FROM scratch\nCOPY . /src\nFROM scratch\nCOPY --from=0 /src /app\n',
    legacy: 'final-image',
    buildkit: 'final-image',
  },
  {
    name: 'COPY --from of a sibling directory',
    dockerfile: 'FROM scratch AS builder\nCOPY . /src\nFROM scratch\nCOPY --from=builder /src/dist /app\n',
    legacy: 'build-stage',
    buildkit: 'build-stage',
    stage: 'builder',
  },
  {
    name: 'COPY --from with a wildcard that misses it',
    dockerfile: 'FROM scratch AS builder\nCOPY . /src\nFROM scratch\nCOPY --from=builder /src/*.txt /app/\n',
    legacy: 'build-stage',
    buildkit: 'build-stage',
    stage: 'builder',
  },
  {
    name: 'COPY --from with a wildcard that matches it',
    dockerfile: 'FROM scratch AS builder\nCOPY . /src\nFROM scratch\nCOPY --from=builder /src/.e* /app/\n',
    legacy: 'final-image',
    buildkit: 'final-image',
  },
  {
    name: 'a RUN in the builder could move it into the copied directory (it does not)',
    dockerfile: 'FROM base AS builder\nCOPY . /src\nRUN mkdir /out && cp /src/app.txt /out/\nFROM scratch\nCOPY --from=builder /out /app\n',
    legacy: 'maybe-final-image',
    buildkit: 'maybe-final-image',
    reallyInFinal: false,
  },
  {
    name: 'a RUN in the builder moves it into the copied directory',
    dockerfile: 'FROM base AS builder\nCOPY . /src\nRUN mkdir /out && cp /src/.env /out/\nFROM scratch\nCOPY --from=builder /out /app\n',
    legacy: 'maybe-final-image',
    buildkit: 'maybe-final-image',
    reallyInFinal: true,
  },
  {
    name: 'a RUN in the builder, then COPY --from of the directory holding it',
    dockerfile: 'FROM base AS builder\nCOPY . /src\nRUN touch /src/built\nFROM scratch\nCOPY --from=builder /src /app\n',
    legacy: 'final-image',
    buildkit: 'final-image',
  },
  {
    name: 'FROM <builder stage> carries everything',
    dockerfile: 'FROM scratch AS builder\nCOPY .env /s/.env\nFROM builder\nCOPY app.txt /app.txt\n',
    legacy: 'final-image',
    buildkit: 'final-image',
  },
  {
    name: 'FROM <builder stage> after a RUN deleted it: the layer still holds it',
    dockerfile: 'FROM base AS builder\nCOPY .env /s/.env\nRUN rm /s/.env\nFROM builder\nRUN true\n',
    legacy: 'final-image',
    buildkit: 'final-image',
  },
  {
    name: 'a chain of COPY --from through a middle stage',
    dockerfile: 'FROM scratch AS a\nCOPY . /src\nFROM scratch AS b\nCOPY --from=a /src /mid\nFROM scratch\nCOPY --from=b /mid/.env /x.env\n',
    legacy: 'final-image',
    buildkit: 'final-image',
  },
  {
    name: 'a chain whose last hop misses it',
    dockerfile: 'FROM scratch AS a\nCOPY . /src\nFROM scratch AS b\nCOPY --from=a /src /mid\nFROM scratch\nCOPY --from=b /mid/app.txt /app.txt\n',
    legacy: 'build-stage',
    buildkit: 'build-stage',
    stage: 'b',
  },
  {
    name: 'WORKDIR, COPY . . and COPY --from of the working directory',
    dockerfile: 'FROM scratch AS builder\nWORKDIR /w\nCOPY . .\nFROM scratch\nCOPY --from=builder /w /app\n',
    legacy: 'final-image',
    buildkit: 'final-image',
  },
  {
    name: 'WORKDIR, COPY . . and COPY --from of another directory',
    dockerfile: 'FROM scratch AS builder\nWORKDIR /w\nCOPY . .\nFROM scratch\nCOPY --from=builder /w/dist /app\n',
    legacy: 'build-stage',
    buildkit: 'build-stage',
    stage: 'builder',
  },
];
