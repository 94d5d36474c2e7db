// The rule registry: every finding's `rule` id is a public contract (tests, baselines, SARIF
// and README use it), so ids live here once with their category, default severity and docs.
import { SECRET_RULES, type SecretRuleId } from './analyzers/secrets/rules.js';

export type Severity = 'error' | 'warning' | 'note';
export const CATEGORIES = ['secret', 'copy', 'dockerfile', 'cache', 'churn', 'ignore', 'large', 'context'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface RuleInfo {
  id: string;
  category: Category;
  severity: Severity;
  /** One line for README and SARIF rule metadata. */
  description: string;
}

const STATIC_RULES = {
  'large-file': {
    id: 'large-file',
    category: 'large',
    severity: 'warning',
    description: 'A file at or above the --large threshold (default 10MB) is sent in the build context.',
  },
  unreadable: {
    id: 'unreadable',
    category: 'context',
    severity: 'error',
    description:
      'A file or directory in the context cannot be read: the legacy docker CLI fails the build and BuildKit fails the transfer.',
  },
  'vanished': {
    id: 'vanished',
    category: 'context',
    severity: 'warning',
    description: 'An entry disappeared while the context was being walked; results may be incomplete.',
  },
  'special-file': {
    id: 'special-file',
    category: 'context',
    severity: 'warning',
    description:
      'A socket, named pipe or device file is in the context: the legacy CLI drops sockets; BuildKit sends a socket as an empty regular file; pipes and devices are sent as nodes the daemon recreates with mknod (which fails without CAP_MKNOD, e.g. rootless).',
  },
  'copy-ignored': {
    id: 'copy-ignored',
    category: 'copy',
    severity: 'error',
    description:
      'A COPY/ADD/RUN --mount source exists but the ignore file excludes it, so the build fails; names the ignore rule and line.',
  },
  'copy-missing': {
    id: 'copy-missing',
    category: 'copy',
    severity: 'error',
    description: 'A COPY/ADD/RUN --mount source does not exist in the context, so the build fails.',
  },
  'dockerfile-syntax': {
    id: 'dockerfile-syntax',
    category: 'dockerfile',
    severity: 'warning',
    description: 'The Dockerfile has a construct ctxcheck (or BuildKit) cannot read as written.',
  },
  'cache-bust': {
    id: 'cache-bust',
    category: 'cache',
    severity: 'warning',
    description:
      'Churning files (VCS data, logs, caches, build outputs, host-installed dependencies) are taken in by a COPY/ADD/RUN --mount: each change breaks the cache there and reruns the expensive steps after it.',
  },
  'cache-manifest-order': {
    id: 'cache-manifest-order',
    category: 'cache',
    severity: 'warning',
    description: 'A broad COPY comes before the dependency install: copy the dependency manifests first, install, then copy the rest.',
  },
  churn: {
    id: 'churn',
    category: 'churn',
    severity: 'note',
    description: 'Churning files are sent in the context although no Dockerfile step takes them in (they still cost upload time).',
  },
  'ignore/pattern-error': {
    id: 'ignore/pattern-error',
    category: 'ignore',
    severity: 'error',
    description:
      'A pattern Go cannot compile, first reached inside a directory the legacy builder keeps open: its tar walk stops there and it silently sends a truncated context.',
  },
  'ignore/unused': {
    id: 'ignore/unused',
    category: 'ignore',
    severity: 'note',
    description:
      'An ignore rule decides no path in this context (including rules shadowed by a later one); defensive rules (VCS, dependencies, build output, caches, secrets) and `ctxcheck suggest`\'s block are not flagged for naming what this checkout lacks.',
  },
  'ignore/root-anchored': {
    id: 'ignore/root-anchored',
    category: 'ignore',
    severity: 'warning',
    description: 'An ignore rule matches nothing at the context root but would match deeper (Docker anchors patterns at the root): write **/pattern. Rules written "/x" or "./x" are anchored on purpose and not flagged.',
  },
  'ignore/gitignore-syntax': {
    id: 'ignore/gitignore-syntax',
    category: 'ignore',
    severity: 'note',
    description: '.gitignore-only syntax that Docker reads differently (e.g. a trailing "/" does not mean "directories only").',
  },
  'ignore/ineffective-exception': {
    id: 'ignore/ineffective-exception',
    category: 'ignore',
    severity: 'warning',
    description: 'An exception the chosen builder cannot honour because it skips the parent directory without reading it.',
  },
  'ignore/comment-syntax': {
    id: 'ignore/comment-syntax',
    category: 'ignore',
    severity: 'warning',
    description: 'A line that looks like a comment ("// x", "; x", "  # x") is a pattern: Docker only treats "#" in the first column as a comment.',
  },
  'ignore/vcs-included': {
    id: 'ignore/vcs-included',
    category: 'ignore',
    severity: 'note',
    description: 'The ignore file re-includes a VCS directory (e.g. "!.git") on purpose: every commit changes what the build receives (reported instead of a cache-bust warning).',
  },
  'ignore/excludes-dockerfile': {
    id: 'ignore/excludes-dockerfile',
    category: 'ignore',
    severity: 'warning',
    description: 'The Dockerfile or ignore file is excluded while a COPY names it: the legacy builder sends it anyway, BuildKit does not.',
  },
} as const satisfies Record<string, RuleInfo>;

/** Secret rules come from the secret engine's own registry; each is an error by default. */
const SECRET_RULE_INFOS: Record<SecretRuleId, RuleInfo> = Object.fromEntries(
  SECRET_RULES.map((r) => [r.id, { id: r.id, category: 'secret', severity: 'error', description: r.description }]),
) as Record<SecretRuleId, RuleInfo>;

export type RuleId = keyof typeof STATIC_RULES | SecretRuleId;

export const RULES: Record<RuleId, RuleInfo> = { ...STATIC_RULES, ...SECRET_RULE_INFOS };

/** A finding for `rule`, with its registered category and default severity. */
export function makeFinding<T extends { message: string }>(rule: RuleId, fields: T): T & { rule: RuleId; category: Category; severity: Severity } {
  const info: RuleInfo = RULES[rule];
  return { rule, category: info.category, severity: info.severity, ...fields };
}
