// Sizes the way Docker prints and parses them (docker/go-units): decimal units, "kB"/"MB",
// four significant digits, no space — so numbers line up with `docker build` output.
// pretty-bytes (design card) prints "1.23 MB" (three digits, a space), which never matches
// Docker's "1.235MB"; hence this small formatter.

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];

/**
 * Go's %.4g: four significant digits from the double's exact decimal value, ties to even
 * (JS toPrecision rounds ties up), trailing zeros dropped, exponent form from 1e4 on.
 */
export function goFormatG4(v: number): string {
  if (v === 0) return '0';
  // toFixed gives the exact decimal expansion of the double (up to 100 digits).
  const exact = v.toFixed(60).replace(/0+$/, '');
  const [intPart, frac = ''] = exact.split('.');
  let digits = (intPart! + frac).replace(/^0+/, '');
  // Decimal exponent of the leading digit.
  let exp = intPart !== '0' ? intPart!.length - 1 : -(frac.length - frac.replace(/^0+/, '').length) - 1;
  const P = 4;
  if (digits.length > P) {
    const head = digits.slice(0, P);
    const rest = digits.slice(P);
    const tie = rest[0] === '5' && /^5(0*)$/.test(rest);
    const up = rest[0]! > '5' || (rest[0] === '5' && !tie) || (tie && Number(head[P - 1]) % 2 === 1);
    let n = BigInt(head) + (up ? 1n : 0n);
    if (n.toString().length > P) {
      n /= 10n;
      exp++;
    }
    digits = n.toString();
  }
  digits = digits.replace(/0+$/, '') || '0';
  if (exp < -4 || exp >= P) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `0.${'0'.repeat(-exp - 1)}${digits}`;
  const intDigits = exp + 1;
  return digits.length <= intDigits ? digits.padEnd(intDigits, '0') : `${digits.slice(0, intDigits)}.${digits.slice(intDigits)}`;
}

/** go-units HumanSize: e.g. 1234567 → "1.235MB" (divides step by step like Go). */
export function humanSize(bytes: number): string {
  let size = bytes;
  let i = 0;
  while (size >= 1000 && i < UNITS.length - 1) {
    size /= 1000;
    i++;
  }
  return goFormatG4(size) + UNITS[i];
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

/** 12345 → "12,345": counts and byte totals people read. */
export function thousands(n: number): string {
  // Integers by hand: the first toLocaleString() of a run loads ICU's number formatting, which
  // costs more than the rest of a report on a small context (issue #17). Same text for them.
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${out}` : out;
}

/** "1 file", "2 files", "12,345 files": a count with its noun, plural unless it is 1. */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${thousands(n)} ${n === 1 ? noun : plural}`;
}
