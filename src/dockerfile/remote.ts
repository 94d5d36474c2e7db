// Which COPY/ADD sources BuildKit treats as remote (not read from the build context):
// moby/buildkit frontend/dockerfile/dockerfile2llb/convert_copy.go (isHTTPSource, isGitSource),
// frontend/dockerfile/dfgitutil/git_ref.go (ParseGitRef), util/gitutil/git_url.go (ParseURL) and
// util/sshutil/scpurl.go (ParseSCPStyleURL).

export type SourceKind =
  /** A git repository (ADD only; COPY fails with "source can't be a git ref for COPY"). */
  | 'git'
  /** An http(s) URL that is not a git repository (ADD only; COPY fails). */
  | 'http'
  /** A path in the build context (or in the --from stage/image). */
  | 'local';

const PROTO = /^[a-zA-Z0-9]+:\/\//;
const SUPPORTED_PROTOS = new Set(['http', 'https', 'ssh', 'git']);
// sshutil's gitSSHRegex; Go's [a-zA-Z0-9-_] and [a-zA-Z0-9-.] take "-" literally.
const SCP = /^(?:([a-zA-Z0-9\-_]+)@)?([a-zA-Z0-9\-.]+):(.*?)(?:#(.*))?$/;

/** What Go's url.Parse makes of the scheme part: null when it fails to parse at all. */
function goUrlSchemeAndOpaque(raw: string): { scheme: string; opaque: string } | null {
  const noFrag = raw.split('#', 1)[0]!;
  let scheme = '';
  let rest = noFrag;
  for (let i = 0; i < noFrag.length; i++) {
    const c = noFrag[i]!;
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) break;
      continue;
    }
    if (c === ':') {
      if (i === 0) return null; // "missing protocol scheme"
      scheme = noFrag.slice(0, i);
      rest = noFrag.slice(i + 1);
    }
    break;
  }
  const q = rest.indexOf('?');
  if (q >= 0) rest = rest.slice(0, q);
  if (!rest.startsWith('/')) {
    if (scheme !== '') return { scheme, opaque: rest };
    const slash = rest.indexOf('/');
    const first = slash < 0 ? rest : rest.slice(0, slash);
    if (first.includes(':')) return null; // "first path segment in URL cannot contain colon"
  }
  return { scheme, opaque: '' };
}

/** Path part of an absolute URL (without query/fragment), as Go's url.URL.Path would hold it. */
function urlPath(raw: string): string {
  const afterScheme = raw.replace(PROTO, '');
  const cut = afterScheme.search(/[?#]/);
  const hostAndPath = cut < 0 ? afterScheme : afterScheme.slice(0, cut);
  const slash = hostAndPath.indexOf('/');
  const p = slash < 0 ? '' : hostAndPath.slice(slash);
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}

/**
 * ParseGitRef's verdict: is `src` a git reference (and not the deprecated "github.com/..." form
 * that is indistinguishable from a local path)?
 */
export function isGitSource(src: string): boolean {
  if (src.startsWith('./') || src.startsWith('../')) return false;
  if (src.startsWith('github.com/')) return false; // IndistinguishableFromLocal: treated as a path
  const proto = PROTO.exec(src);
  if (proto) {
    const name = proto[0].slice(0, -3).toLowerCase();
    if (!SUPPORTED_PROTOS.has(name)) return false; // ErrInvalidProtocol
    // An HTTP(S) URL is a git ref only with a ".git" path suffix.
    if ((name === 'http' || name === 'https') && !urlPath(src).endsWith('.git')) return false;
    return true;
  }
  const u = goUrlSchemeAndOpaque(src);
  if (u !== null && u.scheme !== '' && u.opaque === '') return false; // "scheme found": not scp-style
  return SCP.test(src);
}

/** isHTTPSource: an http:// or https:// URL that is not a git repository. */
export function isHttpSource(src: string): boolean {
  if (!src.startsWith('http://') && !src.startsWith('https://')) return false;
  return !isGitSource(src);
}

export function sourceKind(src: string): SourceKind {
  if (isGitSource(src)) return 'git';
  if (isHttpSource(src)) return 'http';
  return 'local';
}
