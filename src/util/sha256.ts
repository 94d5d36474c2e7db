// sha256 for identities (finding and secret fingerprints, record ids). node:crypto is loaded with
// the first hash, not with every run: a report without findings never needs it (issue #17:
// start-up).

/** sha256 of the UTF-8 text, lower-case hex. */
export function sha256Hex(text: string): string {
  return process.getBuiltinModule('node:crypto').createHash('sha256').update(text).digest('hex');
}
