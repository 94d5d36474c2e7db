// Turn the secret engine's hits and the churn/cache analysis into report findings, with
// severities that reflect what reaches an image.
import { makeFinding, type RuleId } from '../rules.js';
import type { Finding } from '../types.js';
import { humanSize } from '../units.js';
import type { SecretHit } from './secrets/index.js';
import type { ContextUse } from './dockerfile-uses.js';
import type { CacheBust, ManifestAdvice } from './cache-bust.js';
import type { ChurnGroup } from './churn.js';
import type { PathLookup } from '../dockerfile/copy-sources.js';
import type { DockerfileModel } from '../dockerfile/model.js';

/** An ignore-file line that excludes exactly this path (escaping glob characters). */
export function ignoreLineFor(path: string): string {
  return path.replace(/[\\*?[\]]/g, (c) => `\\${c}`);
}

export interface SecretContext {
  dockerfileLabel: string | null;
  uses: readonly ContextUse[];
  /** File → index into `uses` of the first step that takes it in. */
  firstUse: PathLookup<number>;
}

/**
 * error: baked into an image by a COPY/ADD (or there is no Dockerfile to say otherwise);
 * warning: in the context but copied by nothing (still uploaded by the legacy builder, and the
 * next `COPY . .` bakes it in).
 */
export function secretFindings(hits: readonly SecretHit[], ctx: SecretContext): Finding[] {
  return hits.map((h) => {
    const useIndex = ctx.firstUse.get(h.path);
    // Only the first COPY/ADD that takes the file matters; a bind mount alone leaves no layer.
    const copy = ctx.uses.find((u) => u.instr.kind !== 'RUN' && u.files.has(h.path));
    const base = makeFinding(h.rule as RuleId, {
      path: h.path,
      message: h.message,
      ...(h.line !== undefined ? { line: h.line } : {}),
      ...(h.excerpt ? { excerpt: h.excerpt } : {}),
      fingerprint: h.fingerprint,
      fix: `add "${ignoreLineFor(h.path)}" to the ignore file, and pass the value as a build secret (RUN --mount=type=secret) if the build needs it`,
    });
    if (ctx.dockerfileLabel === null) return base;
    if (copy) {
      return {
        ...base,
        message: `${h.message}; copied into the image by line ${copy.instr.line} (${copy.instr.text})`,
        dockerfile: { path: ctx.dockerfileLabel, line: copy.instr.line },
      };
    }
    const mount = useIndex !== undefined ? ctx.uses[useIndex] : undefined;
    return {
      ...base,
      severity: 'warning' as const,
      message: `${h.message}; sent in the build context${mount ? ` (bind-mounted by line ${mount.instr.line})` : ''} but no COPY/ADD takes it in`,
    };
  });
}

export function cacheBustFindings(busts: readonly CacheBust[], dockerfileLabel: string): Finding[] {
  return busts.map((b) => {
    const reruns = b.reruns.map((r) => `line ${r.line}`).join(', ');
    return makeFinding('cache-bust', {
      path: b.path,
      message: `${b.path} (${b.kind}: ${b.files} file(s), ${humanSize(b.bytes)}) changes without changing the build, and line ${b.step.line} takes it in: any change breaks the cache there${reruns ? ` and reruns ${reruns}` : ''}`,
      dockerfile: { path: dockerfileLabel, line: b.step.line },
      reruns: b.reruns.map((r) => r.line),
      fix: `add "${ignoreLineFor(b.path)}" to the ignore file`,
    });
  });
}

export function manifestFindings(advice: readonly ManifestAdvice[], dockerfileLabel: string): Finding[] {
  return advice.map((a) =>
    makeFinding('cache-manifest-order', {
      message: `line ${a.line} copies everything before the ${a.ecosystems.join('/')} dependency install on line ${a.installLine}: every source change reinstalls dependencies`,
      dockerfile: { path: dockerfileLabel, line: a.line },
      fix: `COPY ${a.manifests.join(' ')} first, run the install, then COPY the rest`,
    }),
  );
}

export function churnFindings(groups: readonly ChurnGroup[], copied: (group: ChurnGroup) => boolean): Finding[] {
  return groups
    .filter((g) => !copied(g))
    .map((g) =>
      makeFinding('churn', {
        path: g.root,
        message: `${g.root} (${g.kind}: ${g.count} file(s), ${humanSize(g.bytes)}) is sent in the context: ${g.reason}`,
        fix: `add "${ignoreLineFor(g.root)}" to the ignore file`,
      }),
    );
}

/** What the Dockerfile parser rejected, each at its line. */
export function dockerfileFindings(model: DockerfileModel, label: string): Finding[] {
  return model.errors.map((e) => makeFinding('dockerfile-syntax', { message: e.message, dockerfile: { path: label, line: e.line } }));
}
