// Documented placeholders and obviously fake values: never findings.

/**
 * Markers of a value that documents a secret rather than being one: AWS's EXAMPLE keys,
 * "changeme", "your-api-key" (and "your-<one or two words>-token/secret/key"), runs of x or *, ellipses, <angle> and ${VAR}/{{ var }}/$(cmd)
 * templating, {name} format fields, %s/%(name)s formatting, a leading $VAR reference,
 * REPLACE_WITH_…, one character 8 times running. Each marker is long or
 * unusual enough that random token characters hit it about once in 10^6 tokens or less
 * (hence x{5,}, not xxxx).
 */
const MARKERS =
  /example|change[-_ ]?me|change[-_ ]?it|your[-_ ]?(?:own[-_ ]?)?(?:api[-_ ]?|access[-_ ]?|secret[-_ ]?|auth[-_ ]?)?(?:key|token|secret|pass(?:word)?)|your[-_ ](?:[a-z0-9]+[-_ ]){1,2}(?:key|token|secret|pass(?:word)?)|placeholder|dummy|redacted|x{5,}|\*\*\*|\.\.\.|\u2026|[<>]|\$\{|\$\(|\{\{|%\(|%s|^\$[A-Za-z_]|replace[-_ ]?(?:me|this|with)|\{[A-Za-z_][A-Za-z0-9_]*\}|(.)\1{7,}|insert[-_ ]?(?:your|key|token|here)|not[-_ ]?a[-_ ]?real|00000000|12345678|abcdefgh/i;

export function hasPlaceholderMarker(value: string): boolean {
  return MARKERS.test(value) || hasSequentialRun(value, 7);
}

/**
 * `n` characters running up or down by one code point (abcdefg, 6543210, ABCDEFG): typed by a
 * person, not drawn at random (a run of 7 occurs by chance in fewer than 1 in 10^6 hex tokens).
 */
export function hasSequentialRun(value: string, n: number): boolean {
  let up = 1;
  let down = 1;
  for (let i = 1; i < value.length; i++) {
    const d = value.charCodeAt(i) - value.charCodeAt(i - 1);
    up = d === 1 ? up + 1 : 1;
    down = d === -1 ? down + 1 : 1;
    if (up >= n || down >= n) return true;
  }
  return false;
}

/**
 * Far fewer distinct characters than random data of that length (aaaa…, 0101…). The default
 * bound misses fewer than 1 in 10^6 random 32-character hex tokens.
 */
export function isLowEntropy(value: string, minDistinct = Math.min(8, Math.ceil(value.length / 4))): boolean {
  if (value.length === 0) return true;
  const seen = new Set<number>();
  for (let i = 0; i < value.length && seen.size < minDistinct; i++) seen.add(value.charCodeAt(i));
  return seen.size < minDistinct;
}

/** The catch-all used by token rules: a marker or too little variety. */
export function isPlaceholder(value: string): boolean {
  return hasPlaceholderMarker(value) || isLowEntropy(value);
}

/** Passwords in URLs, config files and netrc that are stand-ins rather than secrets. */
const PLACEHOLDER_PASSWORDS = new Set([
  'password', 'passwd', 'pass', 'pwd', 'secret', 'changeme', 'changeit', 'example', 'test', 'testing',
  'dummy', 'fake', 'sample', 'placeholder', 'foo', 'bar', 'foobar', 'baz', 'mypassword', 'mypass',
  'mysecret', 'yourpassword', 'your_password', 'your-password', 'pa55word', 'p@ssword', 'p@ssw0rd',
  'passw0rd', 'token', 'apikey', 'api_key', 'secretpassword', 'supersecret', 'hunter2', 'x', 'xxx',
  'root', 'admin', 'guest', 'user', 'username', 'default', 'none', 'null', 'empty', 'redacted', '****',
  'anonymous', 'anon', 'anoncvs',
]);

/** A password that is a stand-in: a known word, templating, masking, or equal to the user name. */
export function isPlaceholderPassword(password: string, user?: string): boolean {
  if (password.length === 0) return true;
  const lower = password.toLowerCase();
  if (PLACEHOLDER_PASSWORDS.has(lower)) return true;
  if (user !== undefined && user.length > 0 && lower === user.toLowerCase()) return true;
  if (hasPlaceholderMarker(password)) return true;
  if (/^[*x.#_-]+$/i.test(password)) return true;
  // `$VAR`, `%VAR%`, `:port`-looking digits.
  if (/^%[A-Za-z_][A-Za-z0-9_]*%$/.test(password) || /^\d{1,5}$/.test(password)) return true;
  return false;
}
