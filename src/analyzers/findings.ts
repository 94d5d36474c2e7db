// Turn the secret engine's hits and the churn/cache analysis into report findings, with
// severities that reflect what reaches an image.
import { makeFinding, type RuleId } from '../rules.js';
import type { Finding } from '../types.js';
import { humanSize, count } from '../units.js';
import type { SecretHit } from './secrets/index.js';
import type { Placement, PlacementStep } from './secret-placement.js';
import type { Builder } from '../context/builders.js';
import type { DockerfileModel } from '../dockerfile/model.js';
import type { CacheBust, ManifestAdvice } from './cache-bust.js';
import type { ChurnGroup } from './churn.js';

/** An ignore-file line that excludes exactly this path (escaping glob characters). */
export function ignoreLineFor(path: string): string {
  return path.replace(/[\\*?[\]]/g, (c) => `\\${c}`);
}

export interface SecretContext {
  dockerfileLabel: string | null;
  /** Where each secret goes for this build (null without a Dockerfile). */
  place: ((path: string) => Placement) | null;
  builder: Builder;
  /** Stage names for messages. */
  model: DockerfileModel | null;
}

function stageName(model: DockerfileModel | null, i: number): string {
  const name = model?.stages[i]?.name;
  return name ? `stage "${name}"` : `stage ${i}`;
}

const at = (s: PlacementStep): string => `line ${s.line} (${s.text})`;

/** The message tail saying where the secret goes, per placement. */
export function placementText(p: Placement, builder: Builder, model: DockerfileModel | null): string {
  const copy = p.copy;
  switch (p.placement) {
    case 'final-image':
      if (!p.carry) return `copied into the image by ${at(copy!)}`;
      if (p.carry.text.startsWith('FROM ')) return `copied into the image by ${at(copy!)} in ${stageName(model, copy!.stage)}, which ${at(p.carry)} builds on`;
      return `copied into the image by ${at(copy!)} in ${stageName(model, copy!.stage)} and ${at(p.carry)}`;
    case 'maybe-final-image': {
      const into = `${at(copy!)} copies it into ${stageName(model, copy!.stage)}`;
      const how = p.run ? `where ${at(p.run)} could move it into what ${at(p.carry!)} copies` : `and ${at(p.carry!)} may copy it (where it sits there depends on the base image's working directory)`;
      return `possibly copied into the image: ${into}, ${how}`;
    }
    case 'build-stage':
      return `copied into build ${stageName(model, copy!.stage)} by ${at(copy!)} but not into the final image; it stays in ${builder === 'legacy' ? "the local image store (the legacy builder's intermediate images)" : "BuildKit's build cache"}`;
    case 'legacy-stage':
      return `copied into ${stageName(model, copy!.stage)} by ${at(copy!)}, a stage the target does not need: the legacy builder builds it anyway and keeps it in the local image store (BuildKit skips it); not in the final image`;
    case 'sent':
      return `sent in the build context${p.mount ? ` (bind-mounted by line ${p.mount.line}, which reads it without copying it into a layer)` : ''} but no COPY/ADD takes it in`;
    case 'not-sent':
      return "never sent: no COPY/ADD/RUN --mount of this build names it, so it is outside BuildKit's transfer set (the legacy builder would send it)";
  }
}

/**
 * Severity follows where the secret goes: error in the final image (or when there is no
 * Dockerfile to say otherwise); warning when it leaves the machine but not in the final image
 * (sent, in a build stage's cache or local images, or possibly in the final image); note when
 * this build never sends it, and whatever the Dockerfile when the secret engine says why (a
 * provider's test or restricted key, a file that looks like test data).
 */
export function secretFindings(hits: readonly SecretHit[], ctx: SecretContext): Finding[] {
  return hits.map((h) => {
    const base = makeFinding(h.rule as RuleId, {
      path: h.path,
      message: h.message,
      ...(h.line !== undefined ? { line: h.line } : {}),
      ...(h.excerpt ? { excerpt: h.excerpt } : {}),
      fingerprint: h.fingerprint,
      fix: `add "${ignoreLineFor(h.path)}" to the ignore file, and pass the value as a build secret (RUN --mount=type=secret) if the build needs it`,
    });
    const finding = secretFinding(h, base, ctx);
    // Test keys and test data still reach the image, but are notes: they do not fail CI by default.
    return h.note !== undefined ? { ...finding, severity: 'note' as const, message: `${finding.message}; ${h.note}` } : finding;
  });
}

function secretFinding(h: SecretHit, base: Finding, ctx: SecretContext): Finding {
  if (ctx.dockerfileLabel === null || ctx.place === null) return base;
  const p = ctx.place(h.path);
  const where = p.copy ?? p.mount;
  return {
    ...base,
    severity: p.placement === 'final-image' ? base.severity : p.placement === 'not-sent' ? ('note' as const) : ('warning' as const),
    message: `${h.message}; ${placementText(p, ctx.builder, ctx.model)}`,
    placement: p.placement,
    ...(where ? { dockerfile: { path: ctx.dockerfileLabel, line: where.line } } : {}),
  };
}

export function cacheBustFindings(busts: readonly CacheBust[], dockerfileLabel: string): Finding[] {
  return busts.map((b) => {
    const reruns = b.reruns.map((r) => `line ${r.line}`).join(', ');
    return makeFinding('cache-bust', {
      path: b.path,
      message: `${b.path} (${b.kind}: ${count(b.files, 'file')}, ${humanSize(b.bytes)}) changes without changing the build, and line ${b.step.line} takes it in: any change breaks the cache there${reruns ? ` and reruns ${reruns}` : ''}`,
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
        message: `${g.root} (${g.kind}: ${count(g.count, 'file')}, ${humanSize(g.bytes)}) is sent in the context: ${g.reason}`,
        fix: `add "${ignoreLineFor(g.root)}" to the ignore file`,
      }),
    );
}

/** What the Dockerfile parser rejected, each at its line. */
export function dockerfileFindings(model: DockerfileModel, label: string): Finding[] {
  return model.errors.map((e) => makeFinding('dockerfile-syntax', { message: e.message, dockerfile: { path: label, line: e.line } }));
}
