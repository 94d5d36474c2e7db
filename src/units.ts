// Sizes the way Docker prints and parses them (docker/go-units): decimal units, "kB"/"MB",
// four significant digits, no space — so numbers line up with `docker build` output.
// pretty-bytes (design card) prints "1.23 MB" (three digits, a space), which never matches
// Docker's "1.235MB"; hence this small formatter.

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];

/** go-units HumanSize: e.g. 1234567 → "1.235MB". */
export function humanSize(bytes: number): string {
  let size = bytes;
  let i = 0;
  while (size >= 1000 && i < UNITS.length - 1) {
    size /= 1000;
    i++;
  }
  let s = size.toPrecision(4);
  if (s.includes('e')) s = String(Number(s));
  else if (s.includes('.')) s = s.replace(/\.?0+$/, '');
  return s + UNITS[i];
}

const MULTIPLIERS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1e3,
  kb: 1e3,
  m: 1e6,
  mb: 1e6,
  g: 1e9,
  gb: 1e9,
  t: 1e12,
  tb: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
};

/** Parse "10MB", "500kB", "1.5GiB", "2048" into bytes; null when malformed. */
export function parseSize(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  if (!m) return null;
  const mult = MULTIPLIERS[m[2]!.toLowerCase()];
  if (mult === undefined) return null;
  return Math.round(Number(m[1]) * mult);
}
