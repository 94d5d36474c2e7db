// How reporters describe what was silenced: one count line, and (with --show-suppressed) which.
import type { Suppressed, SuppressedBy } from '../types.js';

const BY: Record<SuppressedBy, [one: string, many: string]> = {
  baseline: ['by the baseline', 'by the baseline'],
  config: ['by the config allowlist', 'by the config allowlist'],
  comment: ['by a ctxcheck:allow comment', 'by ctxcheck:allow comments'],
};

export function suppressedTotal(s: Suppressed): number {
  return s.baseline + s.config + s.comment;
}

/** "Suppressed: 3 findings (2 by the baseline, 1 by a ctxcheck:allow comment)", or null when none. */
export function suppressedLine(s: Suppressed): string | null {
  const total = suppressedTotal(s);
  if (total === 0) return null;
  const parts = (['baseline', 'config', 'comment'] as const).filter((k) => s[k] > 0).map((k) => `${s[k]} ${BY[k][s[k] === 1 ? 0 : 1]}`);
  const listed = s.findings !== undefined;
  return `Suppressed: ${total} finding${total === 1 ? '' : 's'} (${parts.join(', ')})${listed ? '' : '; --show-suppressed lists them'}`;
}

/** Short label for one suppressed finding. */
export function suppressedBy(by: SuppressedBy): string {
  return by === 'comment' ? 'allowed by comment' : by === 'config' ? 'allowed by config' : 'in baseline';
}
