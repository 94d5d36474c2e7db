import type { Report } from '../types.js';

/** The Report object itself: the stable machine format (`version` marks its shape). */
export function renderJson(r: Report): string {
  return JSON.stringify(r, null, 2) + '\n';
}
