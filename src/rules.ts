// The rule registry: every finding's `rule` id is a public contract (tests, baselines, SARIF
// and README use it), so ids live here once with their category, default severity and docs.

export type Severity = 'error' | 'warning' | 'note';
export type Category = 'large' | 'context';

export interface RuleInfo {
  id: string;
  category: Category;
  severity: Severity;
  /** One line for README and SARIF rule metadata. */
  description: string;
}

export const RULES = {
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
} as const satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;
