// The report formats, apart from the reporters that render them: the CLI validates --format
// with this list before it loads any reporter (issue #17: start-up).
export const FORMATS = ['text', 'json', 'sarif', 'markdown', 'github'] as const;
export type Format = (typeof FORMATS)[number];
