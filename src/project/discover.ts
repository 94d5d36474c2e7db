// Discover every build definition in a repository and describe each build.
//
// - Dockerfiles by name (see names.ts). A Dockerfile that no Compose service or Bake target
//   builds with its own directory as the context is listed on its own, with that directory as
//   its context: the convention `docker build -f DIR/NAME DIR` (a note says it is assumed).
// - Compose files (compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml) at any
//   depth, plus `composeFiles`. Every Compose file found is listed (the one `docker compose`
//   picks in a directory gets that directory's override file; the others get a note that they
//   are used only with -f). Services with a build section become targets (see compose.ts).
// - Bake files (docker-bake.json / .hcl and their .override variants). A directory's Bake
//   targets include what Bake reads from its Compose file; Compose services themselves are not
//   listed a second time as Bake targets (see bake.ts).
// - Targets come in this order: Compose (by file path, services in file order), Bake (by
//   directory, targets in definition order), Dev Containers (by path), standalone Dockerfiles
//   (by path).
// - Dev Container configurations (.devcontainer.json, .devcontainer/devcontainer.json,
//   .devcontainer/<name>/devcontainer.json): their `build` is a target, their
//   `dockerComposeFile` files are read as Compose files (see devcontainer.ts).
// - Dockerfile templates (Dockerfile.j2, Dockerfile.in, *.tmpl, *.template…) are generator
//   inputs, not builds: skipped, and listed in `skippedTemplates`.
// - A standalone Dockerfile whose COPY sources do not resolve in its own directory gets the
//   nearest ancestor in which most of them do as its context (see context-choice.ts).
// - Nothing is thrown for bad input: unreadable or invalid files land in `errors`.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';

import { bakeTargets } from './bake.js';
import { resolveBuild, targetFrom } from './build.js';
import { loadCompose } from './compose.js';
import type { ComposeModel } from './compose.js';
import { chooseContext, localCopySources } from './context-choice.js';
import { loadDevcontainer } from './devcontainer.js';
import { loadHclParser } from './hcl.js';
import { BAKE_FILES, BAKE_OVERRIDE_FILES, COMPOSE_FILES, COMPOSE_OVERRIDE_FILES, compareStrings, displayPath } from './names.js';
import type { BuildTarget, DiscoverOptions, Discovery, DiscoveryProblem, FoundKind } from './types.js';
import { walkTree } from './walk.js';

function byName(names: readonly string[], files: readonly string[]): string[] {
  const out: string[] = [];
  for (const n of names) {
    const f = files.find((x) => path.basename(x) === n);
    if (f !== undefined) out.push(f);
  }
  return out;
}

async function composeToTargets(model: ComposeModel, root: string, extraNote: string | null): Promise<{ targets: BuildTarget[]; notes: DiscoveryProblem[] }> {
    const targets: BuildTarget[] = [];
    const notes: DiscoveryProblem[] = [];
    const projectFile = model.files[0] ?? model.dir;
    for (const svc of model.services) {
      const label = `service ${svc.name} (${displayPath(root, projectFile)})`;
      const source = svc.line === undefined ? { file: svc.file } : { file: svc.file, line: svc.line };
      const built = await resolveBuild(svc.build, model.dir);
      if ('remote' in built) {
        notes.push({ ...source, message: `${label}: remote build context ${built.remote} is not checked` });
        continue;
      }
      const t = targetFrom(label, 'compose', built, source, [...svc.notes, ...built.notes, ...(extraNote === null ? [] : [extraNote])]);
      targets.push(t);
    }
    return { targets, notes };
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await fsp.stat(p)).isDirectory();
  } catch {
    return false;
  }
}

export async function discover(rootIn: string, opts: DiscoverOptions = {}): Promise<Discovery> {
  const root = path.resolve(rootIn);
  const env = opts.env ?? process.env;
  const out: Discovery = { targets: [], found: [], skippedTemplates: [], skippedDirs: [], errors: [], notes: [] };
  if (!(await isDirectory(root))) {
    out.errors.push({ file: root, message: 'not a directory' });
    return out;
  }
  const walk = await walkTree(root, opts.maxEntries === undefined ? {} : { maxEntries: opts.maxEntries });
  out.skippedDirs = walk.skippedDirs;
  out.skippedTemplates = walk.templates;
  out.errors.push(...walk.errors);
  out.notes.push(...walk.notes);
  for (const f of walk.gitIgnoredFiles) out.notes.push({ file: f, message: 'git ignores this file: not listed' });

  const found = new Map<string, FoundKind>();
  for (const f of walk.files) found.set(f.file, f.kind);

  // Definition files by directory.
  const byDir = new Map<string, { file: string; kind: FoundKind }[]>();
  for (const f of walk.files) {
    const dir = path.dirname(f.file);
    const list = byDir.get(dir) ?? [];
    list.push(f);
    byDir.set(dir, list);
  }
  const dirs = [...byDir.keys()].sort(compareStrings);

  // Compose
  const composeTargets: BuildTarget[] = [];
  const winners = new Map<string, ComposeModel>();
  const addCompose = async (layers: string[], extraNote: string | null): Promise<ComposeModel> => {
    const model = await loadCompose(layers, env);
    out.errors.push(...model.errors);
    out.notes.push(...model.notes);
    const { targets, notes } = await composeToTargets(model, root, extraNote);
    composeTargets.push(...targets);
    out.notes.push(...notes);
    return model;
  };
  const parsedCompose = new Set<string>();
  for (const dir of dirs) {
    const files = (byDir.get(dir) ?? []).map((f) => f.file);
    const bases = byName(COMPOSE_FILES, files);
    const overrides = byName(COMPOSE_OVERRIDE_FILES, files);
    const [winner, ...others] = bases;
    if (winner === undefined) {
      for (const o of overrides) out.notes.push({ file: o, message: `no ${COMPOSE_FILES.join(' / ')} next to this override file: not used` });
      continue;
    }
    const override = overrides[0];
    for (const o of overrides.slice(1)) out.notes.push({ file: o, message: `docker compose applies only the first override file (${path.basename(override ?? '')}): not used` });
    winners.set(dir, await addCompose(override === undefined ? [winner] : [winner, override], null));
    parsedCompose.add(winner);
    for (const other of others) {
      await addCompose([other], `docker compose uses ${path.basename(winner)} in this directory: this file is used only with -f`);
      parsedCompose.add(other);
    }
  }
  for (const cf of opts.composeFiles ?? []) {
    const file = path.resolve(root, cf);
    if (parsedCompose.has(file)) continue;
    parsedCompose.add(file);
    try {
      if (!(await fsp.stat(file)).isFile()) throw new Error('not a file');
    } catch {
      out.errors.push({ file, message: 'Compose file given with -c does not exist' });
      continue;
    }
    found.set(file, 'compose');
    await addCompose([file], null);
  }

  // Dev Containers
  const devList: BuildTarget[] = [];
  for (const f of walk.files) {
    if (f.kind !== 'devcontainer') continue;
    const r = await loadDevcontainer(f.file, root);
    devList.push(...r.targets);
    out.errors.push(...r.errors);
    out.notes.push(...r.notes);
    if (r.composeFiles.length === 0) continue;
    const label = displayPath(root, f.file);
    if (r.composeFiles.every((c) => parsedCompose.has(c))) {
      out.notes.push({ file: f.file, message: `the Compose file${r.composeFiles.length > 1 ? 's' : ''} it builds with (${r.composeFiles.map((c) => displayPath(root, c)).join(', ')}) are listed already` });
      continue;
    }
    const missing = [];
    for (const c of r.composeFiles) {
      try {
        if (!(await fsp.stat(c)).isFile()) missing.push(c);
      } catch {
        missing.push(c);
      }
    }
    if (missing.length > 0) {
      for (const m of missing) out.errors.push({ file: f.file, message: `dockerComposeFile ${displayPath(root, m)} does not exist` });
      continue;
    }
    for (const c of r.composeFiles) {
      parsedCompose.add(c);
      found.set(c, 'compose');
    }
    await addCompose(r.composeFiles, `read because ${label} builds with it (dockerComposeFile)`);
  }

  // Bake
  const bakeList: BuildTarget[] = [];
  let hclParser: DiscoverOptions['hclParser'] = opts.hclParser;
  for (const dir of dirs) {
    const files = (byDir.get(dir) ?? []).map((f) => f.file);
    const bakeFiles = byName([...BAKE_FILES, ...BAKE_OVERRIDE_FILES], files);
    if (bakeFiles.length === 0) continue;
    if (hclParser === undefined && bakeFiles.some((f) => f.endsWith('.hcl'))) hclParser = await loadHclParser();
    const r = await bakeTargets(dir, bakeFiles, winners.get(dir) ?? null, env, hclParser ?? null, root);
    bakeList.push(...r.targets);
    out.errors.push(...r.errors);
    out.notes.push(...r.notes);
  }

  // Standalone Dockerfiles
  const defined = [...composeTargets, ...bakeList, ...devList];
  const dockerfileList: BuildTarget[] = [];
  for (const f of walk.files) {
    if (f.kind !== 'dockerfile') continue;
    const dir = path.dirname(f.file);
    const users = defined.filter((t) => t.dockerfile === f.file);
    if (users.some((t) => t.context === dir)) continue;
    const rel = displayPath(root, f.file);
    let text = '';
    try {
      text = await fsp.readFile(f.file, 'utf8');
    } catch {
      // Unreadable: the analysis reports it; keep the convention.
    }
    const chosen = await chooseContext(dir, root, localCopySources(text));
    const notes: string[] = [];
    if (chosen === null) {
      notes.push("context is the Dockerfile's own directory by convention: no Compose service, Bake target or devcontainer builds it that way");
    } else {
      const c = chosen.choice;
      notes.push(
        `context is ${displayPath(root, chosen.context)}, chosen by its COPY/ADD sources: ${c.resolved} of ${c.sources} resolve there, ${c.resolvedInOwnDir} in the Dockerfile's own directory (no Compose service, Bake target or devcontainer says)`,
      );
    }
    for (const u of users) notes.push(`also built by ${u.name} with context ${displayPath(root, u.context)}`);
    dockerfileList.push({
      name: `Dockerfile ${rel}`,
      kind: 'dockerfile',
      ...(chosen === null ? {} : { contextChoice: chosen.choice }),
      context: chosen?.context ?? dir,
      dockerfile: f.file,
      dockerfileInline: null,
      args: {},
      additionalContexts: {},
      source: { file: f.file },
      notes,
    });
  }

  out.targets = [...composeTargets, ...bakeList, ...devList, ...dockerfileList];
  out.found = [...found].map(([file, kind]) => ({ file, kind })).sort((a, b) => compareStrings(a.file, b.file));
  return out;
}
