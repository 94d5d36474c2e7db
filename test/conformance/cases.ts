// The 40 ignore-file cases with what each builder really sent (copied from
// ../shared/conformance/cases.json: legacy answers from docker CLI 28.2.2, BuildKit answers from
// tonistiigi/fsutil + moby/patternmatcher v0.6.1).
import { readFileSync } from 'node:fs';

export interface SharedCase {
  name: string;
  files: string[];
  dirs: string[];
  links: Record<string, string>;
  dockerignore: string;
  expected: { buildkit: string[] | 'error'; legacy: string[] | 'error' };
}

export const SHARED_CASES: SharedCase[] = JSON.parse(
  readFileSync(new URL('./shared-cases.json', import.meta.url), 'utf8'),
) as SharedCase[];

export const DOCKERFILE = 'FROM scratch\nCOPY . /\n';
