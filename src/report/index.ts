// Reporters: pure functions from a Report to the text a format prints.
import type { Report } from '../types.js';
import { renderJson } from './json.js';
import { renderText } from './text.js';

export const REPORTERS = {
  text: renderText,
  json: renderJson,
} as const satisfies Record<string, (r: Report) => string>;

export type Format = keyof typeof REPORTERS;
export const FORMATS = Object.keys(REPORTERS) as Format[];
