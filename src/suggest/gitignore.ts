// Translate .gitignore rules into Docker ignore rules with Docker's semantics. The two look
// alike but differ: gitignore matches a slash-less pattern at any depth and relative to the
// .gitignore's own directory; Docker anchors every pattern at the context root.

export interface TranslatedRule {
  /** The Docker ignore line. */
  line: string;
  /** Where it came from, e.g. "packages/a/.gitignore:3". */
  origin: string;
  negated: boolean;
  /** Set when Docker cannot express the rule exactly (e.g. "directories only"). */
  note?: string;
}

/**
 * @param dir the .gitignore's directory relative to the context ('' for the root)
 * @param file its path as shown in comments
 */
export function translateGitignore(text: string, dir: string, file: string): TranslatedRule[] {
  const out: TranslatedRule[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((rawLine, i) => {
    let line = rawLine;
    if (line === '' || line.startsWith('#')) return;
    // Trailing spaces are ignored unless escaped; Docker trims them either way.
    if (/\\ +$/.test(line)) return; // an escaped trailing space cannot be written for Docker
    line = line.replace(/[ \t]+$/, '');
    if (line === '') return;
    let negated = false;
    if (line.startsWith('!')) {
      negated = true;
      line = line.slice(1);
    } else if (line.startsWith('\\!') || line.startsWith('\\#')) {
      line = line.slice(1);
    }
    let note: string | undefined;
    if (line.endsWith('/')) {
      line = line.replace(/\/+$/, '');
      note = 'directories only in .gitignore; Docker also matches a file of that name';
    }
    if (line === '') return;
    const anchored = line.includes('/');
    line = line.replace(/^\/+/, '');
    const prefix = dir === '' ? '' : `${dir}/`;
    let pattern = anchored || line.startsWith('**/') ? `${prefix}${line}` : `${prefix}**/${line}`;
    // A literal leading "!" or "#" needs its escape back in Docker's syntax too.
    if (pattern.startsWith('!') || pattern.startsWith('#')) pattern = `\\${pattern}`;
    out.push({ line: (negated ? '!' : '') + pattern, origin: `${file}:${i + 1}`, negated, ...(note ? { note } : {}) });
  });
  return out;
}
