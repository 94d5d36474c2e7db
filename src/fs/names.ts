// File names are bytes on Linux and need not be valid UTF-8. Inside ctxcheck a name is a JS
// string in which each byte of an invalid sequence becomes a lone surrogate U+DC80–U+DCFF
// ("surrogateescape", as Python does), so every name round-trips to its exact bytes while
// valid names stay ordinary strings. Docker's matcher sees such bytes as U+FFFD runes, which
// patterns like "*" and "?" match the same way.

const LONE_LOW = /(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/;

/** Decode raw name bytes; invalid UTF-8 bytes become lone surrogates. */
export function decodeName(buf: Uint8Array): string {
  const fast = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('utf8');
  if (!fast.includes('\uFFFD')) return fast;
  let out = '';
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    let len = 0;
    let cp = 0;
    if (b < 0x80) {
      len = 1;
      cp = b;
    } else if (b >= 0xc2 && b <= 0xdf) {
      len = 2;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      len = 3;
      cp = b & 0x0f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      len = 4;
      cp = b & 0x07;
    }
    let ok = len > 0 && i + len <= buf.length;
    for (let k = 1; ok && k < len; k++) {
      const c = buf[i + k]!;
      if ((c & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (c & 0x3f);
    }
    // Reject overlong forms, surrogates and out-of-range code points like a strict decoder.
    if (ok && ((len === 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (len === 4 && (cp < 0x10000 || cp > 0x10ffff)))) {
      ok = false;
    }
    if (ok) {
      out += String.fromCodePoint(cp);
      i += len;
    } else {
      out += String.fromCharCode(0xdc00 + b);
      i += 1;
    }
  }
  return out;
}

/** Does this name carry escaped (non-UTF-8) bytes? */
export function hasRawBytes(name: string): boolean {
  return LONE_LOW.test(name);
}

/** Encode back to the exact bytes on disk. */
export function encodeName(name: string): Buffer {
  if (!hasRawBytes(name)) return Buffer.from(name, 'utf8');
  const parts: Buffer[] = [];
  let run = '';
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const prev = i > 0 ? name.charCodeAt(i - 1) : 0;
    if (c >= 0xdc80 && c <= 0xdcff && !(prev >= 0xd800 && prev <= 0xdbff)) {
      if (run) parts.push(Buffer.from(run, 'utf8'));
      run = '';
      parts.push(Buffer.from([c - 0xdc00]));
    } else {
      run += name[i];
    }
  }
  if (run) parts.push(Buffer.from(run, 'utf8'));
  return Buffer.concat(parts);
}

/**
 * A one-line form for line-oriented output, quoted like git's core.quotePath: names with
 * control characters, raw bytes or a leading double quote are printed in double quotes with C
 * escapes; every other name is printed as is. `ls -z` prints exact bytes instead.
 */
export function printableName(name: string): string {
  if (!hasRawBytes(name) && !/[\x00-\x1f\x7f]/.test(name) && !name.startsWith('"')) return name;
  const named: Record<number, string> = { 0x07: '\\a', 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0b: '\\v', 0x0c: '\\f', 0x0d: '\\r', 0x22: '\\"', 0x5c: '\\\\' };
  let out = '"';
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const prev = i > 0 ? name.charCodeAt(i - 1) : 0;
    if (c >= 0xdc80 && c <= 0xdcff && !(prev >= 0xd800 && prev <= 0xdbff)) out += `\\${(c - 0xdc00).toString(8)}`;
    else if (named[c] !== undefined) out += named[c];
    else if (c < 0x20 || c === 0x7f) out += `\\${c.toString(8).padStart(3, '0')}`;
    else out += name[i];
  }
  return out + '"';
}
