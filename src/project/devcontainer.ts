// Dev Container configurations (devcontainer.json): the image build they define.
//
// Following the Dev Containers spec (containers.dev/implementors/json_reference):
// - `build.dockerfile` is relative to the devcontainer.json's directory, and so is
//   `build.context` (default "."): unlike Compose and Bake, the Dockerfile is NOT relative to the
//   context. The older top-level `dockerFile` / `context` properties mean the same.
// - `build.args` and `build.target` are passed to the build.
// - `dockerComposeFile` (a path or a list, relative to the devcontainer.json) builds through
//   Compose: those files are read like `docker compose -f A -f B`, their services listed as
//   Compose targets.
// - `image` alone builds nothing.
// The file is JSONC (comments, trailing commas). `${localEnv:…}`, `${localWorkspaceFolder}` and
// other variables are not evaluated: a context or Dockerfile using one is reported.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';

import { resolveBuild, targetFrom } from './build.js';
import type { RawBuild } from './build.js';
import { JsoncError, parseJsonc } from './jsonc.js';
import { displayPath, isRecord, scalarString } from './names.js';
import type { BuildTarget, DiscoveryProblem } from './types.js';

export interface DevcontainerResult {
  targets: BuildTarget[];
  /** Compose files (absolute, in -f order) the configuration builds with. */
  composeFiles: string[];
  errors: DiscoveryProblem[];
  notes: DiscoveryProblem[];
}

function str(v: unknown): string | undefined {
  const s = scalarString(v);
  return s === null ? undefined : s;
}

export async function loadDevcontainer(file: string, root: string): Promise<DevcontainerResult> {
  const out: DevcontainerResult = { targets: [], composeFiles: [], errors: [], notes: [] };
  const dir = path.dirname(file);
  let doc: unknown;
  try {
    doc = parseJsonc(await fsp.readFile(file, 'utf8'));
  } catch (e) {
    if (e instanceof JsoncError) out.errors.push({ file, line: e.line, message: `invalid devcontainer.json: ${e.message}` });
    else out.errors.push({ file, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
    return out;
  }
  if (!isRecord(doc)) {
    out.errors.push({ file, line: 1, message: 'invalid devcontainer.json: not an object' });
    return out;
  }
  const label = `devcontainer ${displayPath(root, file)}`;

  const compose = doc['dockerComposeFile'];
  if (compose !== undefined) {
    const list = Array.isArray(compose) ? compose : [compose];
    for (const c of list) {
      const s = scalarString(c);
      if (s === null || s === '') {
        out.errors.push({ file, message: 'dockerComposeFile must be a path or a list of paths' });
        return out;
      }
      if (s.includes('${')) {
        out.notes.push({ file, message: `${label}: dockerComposeFile ${s} uses a variable ctxcheck does not evaluate: skipped` });
        return out;
      }
      out.composeFiles.push(path.resolve(dir, s));
    }
    return out;
  }

  const build = isRecord(doc['build']) ? doc['build'] : {};
  const dockerfileValue = str(build['dockerfile']) ?? str(doc['dockerFile']);
  if (dockerfileValue === undefined) {
    if (doc['image'] === undefined) out.notes.push({ file, message: `${label}: no build.dockerfile, image or dockerComposeFile: nothing to build` });
    return out;
  }
  const contextValue = str(build['context']) ?? str(doc['context']) ?? '.';
  const unevaluated = [contextValue, dockerfileValue].filter((v) => v.includes('${'));
  if (unevaluated.length > 0) {
    out.errors.push({ file, message: `${label}: ${unevaluated.join(', ')} uses a variable ctxcheck does not evaluate` });
    return out;
  }
  const raw: RawBuild = {
    context: path.resolve(dir, contextValue),
    // Relative to the devcontainer.json, not to the context: resolved here, absolute for resolveBuild.
    dockerfile: path.resolve(dir, dockerfileValue),
    args: {},
    contexts: {},
  };
  const target = str(build['target']);
  if (target !== undefined) raw.target = target;
  const notes: string[] = [];
  if (isRecord(build['args'])) {
    for (const [k, v] of Object.entries(build['args'])) {
      const s = scalarString(v);
      if (s === null) continue;
      if (s.includes('${')) notes.push(`build arg ${k} uses a variable ctxcheck does not evaluate: shown as written`);
      raw.args[k] = s;
    }
  }
  const built = await resolveBuild(raw, dir);
  if ('remote' in built) {
    out.notes.push({ file, message: `${label}: remote build context ${built.remote} is not checked` });
    return out;
  }
  out.targets.push(targetFrom(label, 'devcontainer', built, { file }, [...notes, ...built.notes]));
  return out;
}
