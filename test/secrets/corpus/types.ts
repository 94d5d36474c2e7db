// Types of the secret-scanning corpus (test/secrets/corpus/*.ts, measured by corpus.test.ts).
//
// Each family module is `export default { family, samples } satisfies CorpusModule`. Several
// modules may contribute samples to the same family; recall and precision are measured per
// family over all of them. Token material is generated at run time from seeded random
// characters and the providers' published formats (prefix, length, charset, checksum), so no
// real-looking credential is committed and nothing is copied from another scanner's tests.

/** How a negative sample is expected to fail to be a secret. */
export type NegativeKind =
  /** Wrong length, charset, prefix or context: a look-alike of a real format. */
  | 'near-miss'
  /** A documented placeholder, template or obviously fake value in the real format's place. */
  | 'placeholder';

export interface Sample {
  /** Short description, unique within the family (shown in failure tables). */
  name: string;
  /** Path the text lives at in the build context, e.g. 'config/app.yml'. */
  file: string;
  /** Whole file content. */
  text: string;
  /** The secret rule id that must fire, or null for a negative. */
  expect: string | null;
  /**
   * The secret (positives) or the look-alike (negatives) exactly as it appears in `text`. No
   * reported excerpt or message may contain it whole, and a positive's hit must be on its lines.
   */
  value?: string;
  /** Positives: other rule ids that rightly fire too (an access key id next to its secret); not scored. */
  also?: string[];
  /** Negatives: the rule id this sample imitates (for the per-rule coverage check). */
  target?: string;
  /** Negatives: what kind of non-secret it is. */
  negative?: NegativeKind;
}

export interface CorpusModule {
  /** Provider family, e.g. 'cloud', 'dev-platforms', 'ai', 'messaging'. */
  family: string;
  samples: Sample[];
}
