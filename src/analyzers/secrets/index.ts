// Secret detection for the build context: what `docker build` would send that is, or holds, a
// credential. Name rules (id_rsa, .env, *.p12, …) apply to every entry but directories;
// content rules run on text files behind one combined anchor pre-filter.
//
//   const { hits } = await scanSecrets(entries, new NodeFS(dir));
//
// No hit carries a secret: `excerpt` shows at most its first 4 characters, `fingerprint` is a
// truncated sha256 of rule + path + value for baselines.
export { scanSecrets, DEFAULT_CONCURRENCY, DEFAULT_MAX_SCAN_SIZE } from './scan.js';
export { SECRET_RULES, type SecretRuleId, type SecretRuleKind, type SecretRuleInfo } from './rules.js';
export type { ReadHeadFS, ScanInput, ScanOptions, ScanResult, SecretHit } from './types.js';
