// Reporters: pure functions from a Report (plus tool metadata) to the text a format prints.
import type { Report } from '../types.js';
import type { ReporterMeta } from './types.js';
import { renderGithub } from './github.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';
import type { Format } from './formats.js';

export { FORMATS, type Format } from './formats.js';

export const REPORTERS = {
  text: renderText,
  json: renderJson,
  sarif: renderSarif,
  markdown: renderMarkdown,
  github: renderGithub,
} as const satisfies Record<Format, (r: Report, meta: ReporterMeta) => string>;
