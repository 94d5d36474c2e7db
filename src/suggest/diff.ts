// A unified diff of two small texts (ignore files), for `ctxcheck suggest --diff`.

function lcsTable(a: readonly string[], b: readonly string[]): Uint32Array {
  const w = b.length + 1;
  const t = new Uint32Array((a.length + 1) * w);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      t[i * w + j] = a[i] === b[j] ? t[(i + 1) * w + j + 1]! + 1 : Math.max(t[(i + 1) * w + j]!, t[i * w + j + 1]!);
    }
  }
  return t;
}

type Op = { kind: ' ' | '-' | '+'; text: string; a: number; b: number };

function ops(a: readonly string[], b: readonly string[]): Op[] {
  // Quadratic memory: fine for ignore files; a huge file falls back to delete-all/add-all.
  if (a.length * b.length > 25_000_000) {
    return [...a.map((text, i): Op => ({ kind: '-', text, a: i, b: 0 })), ...b.map((text, j): Op => ({ kind: '+', text, a: a.length, b: j }))];
  }
  const t = lcsTable(a, b);
  const w = b.length + 1;
  const out: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) out.push({ kind: ' ', text: a[i]!, a: i++, b: j++ });
    else if (j < b.length && (i === a.length || t[i * w + j + 1]! >= t[(i + 1) * w + j]!)) out.push({ kind: '+', text: b[j]!, a: i, b: j++ });
    else out.push({ kind: '-', text: a[i]!, a: i++, b: j });
  }
  return out;
}

const splitLines = (s: string): string[] => (s === '' ? [] : s.replace(/\n$/, '').split('\n'));

export function unifiedDiff(before: string, after: string, fromName: string, toName: string, context = 3): string {
  const a = splitLines(before);
  const b = splitLines(after);
  const all = ops(a, b);
  if (all.every((o) => o.kind === ' ')) return '';
  const out = [`--- ${fromName}`, `+++ ${toName}`];
  let k = 0;
  while (k < all.length) {
    while (k < all.length && all[k]!.kind === ' ') k++;
    if (k >= all.length) break;
    let start = Math.max(0, k - context);
    let end = k;
    // Extend the hunk while changes are within 2*context lines of each other.
    for (;;) {
      while (end < all.length && all[end]!.kind !== ' ') end++;
      let next = end;
      while (next < all.length && all[next]!.kind === ' ' && next - end < 2 * context) next++;
      if (next < all.length && all[next]!.kind !== ' ' && next - end < 2 * context) end = next;
      else break;
    }
    const stop = Math.min(all.length, end + context);
    const hunk = all.slice(start, stop);
    const aStart = hunk[0]!.a;
    const bStart = hunk[0]!.b;
    const aLen = hunk.filter((o) => o.kind !== '+').length;
    const bLen = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${aLen === 0 ? aStart : aStart + 1},${aLen} +${bLen === 0 ? bStart : bStart + 1},${bLen} @@`);
    for (const o of hunk) out.push(`${o.kind}${o.text}`);
    k = stop;
    start = stop;
  }
  return out.join('\n') + '\n';
}
