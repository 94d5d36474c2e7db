// Text output of `ctxcheck predict`: one line per cache step with its verdict, the reasons under
// each step that reruns, then the ignore rules that would have kept changed churn files out.
import type { PathChange, Prediction, Reason } from '../index.js';

function changes(list: readonly PathChange[], total: number): string {
  const shown = list.map((c) => `${c.path} (${c.change})`).join(', ');
  return total > list.length ? `${shown}, and ${total - list.length} more` : shown;
}

function reasonText(r: Reason): string {
  switch (r.type) {
    case 'inputs':
      return r.changed === 0 ? 'what it reads changed' : `its inputs changed: ${changes(r.changes, r.changed)}`;
    case 'instruction':
      return 'the instruction changed';
    case 'environment':
      return 'its environment changed (an ENV, ARG, USER, SHELL or WORKDIR above it)';
    case 'new':
      return 'a new step (not in the earlier build)';
    case 'base':
      return `the base changed (${r.before} -> ${r.now})`;
    case 'after':
      return `after line ${r.line}, which rebuilds`;
    case 'stage-output':
      return `copies from stage ${r.stages.join(', ')}, which rebuilds: reruns only if its output changed`;
    case 'not-cached':
      return 'not in the recorded cache';
    default:
      return 'changed';
  }
}

export function renderPrediction(p: Prediction, recordFile: string | null): string {
  const out: string[] = [];
  const against =
    p.against.kind === 'record'
      ? `the build recorded ${p.against.recordedAt}${recordFile ? ` (${recordFile})` : ''}`
      : `the build of ${p.against.ref} (${p.against.commit.slice(0, 12)})`;
  out.push(`Next build of ${p.context} (${p.builder}, ${p.dockerfile ?? 'no Dockerfile'}${p.target ? `, target ${p.target}` : ''})`);
  out.push(`  against ${against}`);
  if (p.checkout) out.push('  both sides as fresh checkouts: file modes 0644/0755, git-ignored files left out, untracked files in');
  out.push('');
  const multi = new Set(p.steps.map((s) => s.stage)).size > 1;
  const width = Math.max(0, ...p.steps.map((s) => `line ${s.line}`.length));
  for (const s of p.steps) {
    const where = `line ${s.line}`.padEnd(width);
    const stage = multi ? `[${s.stageName ?? `stage ${s.stage}`}] ` : '';
    out.push(`  ${s.status.padEnd(9)} ${where}  ${stage}${s.text}`);
    for (const r of s.reasons) out.push(`  ${''.padEnd(9)} ${''.padEnd(width)}    ${reasonText(r)}`);
  }
  out.push('');
  const { steps, rebuild, cached, uncertain } = p.summary;
  out.push(`${rebuild} of ${steps} steps rebuild, ${cached} cached${uncertain ? `, ${uncertain} uncertain (rebuild only if a rebuilt stage's output changed)` : ''}.`);
  if (p.ignore.length > 0) {
    out.push('Ignore rules that would have kept changed files out:');
    for (const a of p.ignore) out.push(`  ${a.rule}  (${a.kind}: ${a.paths.join(', ')}; line${a.steps.length > 1 ? 's' : ''} ${a.steps.join(', ')})`);
  }
  return out.join('\n') + '\n';
}
