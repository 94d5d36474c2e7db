// Generic forms with a context of their own: Kubernetes Secret manifests, HTTP Authorization
// headers and curl -u, JSON Web Tokens (also base64-wrapped).
//
//   Kubernetes Secret data / stringData values      secret/kubernetes-secret
//   Authorization: Bearer|Basic, curl -u user:pass  secret/http-auth
//   JSON Web Tokens, also base64-wrapped            secret/jwt
import { hasUpperAndLower, token, type Detector } from '../detector-kit.js';
import { hasPlaceholderMarker, isLowEntropy, isPlaceholderPassword } from '../placeholder.js';

const hasDigit = (v: string): boolean => /[0-9]/.test(v);

// ---- Kubernetes Secret manifests -------------------------------------------------------------

const K8S_KIND = /^kind:[ \t]*["']?Secret["']?[ \t]*\r?$/gm;
const K8S_SECTION = /^([ \t]*)(data|stringData):[ \t]*\r?$/gm;
const K8S_ENTRY = /^([ \t]+)([A-Za-z0-9_.-]+):[ \t]*(.*?)[ \t]*\r?$/;
const K8S_NOT_SECRET = /(?:^|[._-])(?:user|username|login|host|hostname|port|database|db|dbname|name|email|region|endpoint|namespace|ca\.crt|tls\.crt|url)$/i;

function unquoteYaml(v: string): string {
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) return v.slice(1, -1);
  return v.replace(/[ \t]+#.*$/, '');
}

const kubernetesSecret: Detector = {
  rule: 'secret/kubernetes-secret',
  anchors: [{ at: ':', before: '^kind|\\nkind' }],
  back: 4,
  scan(text, from, out) {
    K8S_KIND.lastIndex = Math.max(0, from - 8);
    let k: RegExpExecArray | null;
    while ((k = K8S_KIND.exec(text)) !== null) {
      const docStart = Math.max(0, text.lastIndexOf('\n---', k.index));
      let docEnd = text.indexOf('\n---', k.index);
      if (docEnd < 0) docEnd = text.length;
      K8S_KIND.lastIndex = docEnd;
      const doc = text.slice(docStart, docEnd);
      K8S_SECTION.lastIndex = 0;
      let s: RegExpExecArray | null;
      while ((s = K8S_SECTION.exec(doc)) !== null) {
        const indent = (s[1] ?? '').length;
        const encoded = s[2] === 'data';
        let pos = s.index + s[0].length + 1;
        // The section's entries: lines indented deeper than its header, up to the first that is not.
        while (pos < doc.length) {
          let nl = doc.indexOf('\n', pos);
          if (nl < 0) nl = doc.length;
          const line = doc.slice(pos, nl);
          const lineStart = pos;
          pos = nl + 1;
          if (/^[ \t]*(?:#.*)?\r?$/.test(line)) continue;
          const e = K8S_ENTRY.exec(line);
          if (!e || (e[1] ?? '').length <= indent) break;
          const key = e[2] ?? '';
          const raw = unquoteYaml(e[3] ?? '');
          if (raw === '' || /^[|>][-+]?$/.test(raw) || K8S_NOT_SECRET.test(key)) continue;
          let plain = raw;
          if (encoded) {
            if (!/^[A-Za-z0-9+/]+={0,2}$/.test(raw)) continue;
            plain = Buffer.from(raw, 'base64').toString('latin1');
            // Binary (key material, keystores) is a secret as it stands; only text can be a stand-in.
          }
          const printable = /^[\x20-\x7e\t\r\n]*$/.test(plain);
          if (plain.length < 4 || isLowEntropy(plain, Math.min(4, plain.length))) continue;
          if (printable && (isPlaceholderPassword(plain) || hasPlaceholderMarker(plain))) continue;
          const offset = docStart + lineStart + line.indexOf(raw, (e[1] ?? '').length + key.length + 1);
          out.push({
            rule: 'secret/kubernetes-secret',
            start: offset,
            end: offset + raw.length,
            message: `Kubernetes Secret value (${encoded ? 'data' : 'stringData'}.${key.slice(0, 40)})`,
            priority: 3,
          });
        }
      }
    }
  },
};

// ---- HTTP authorization ----------------------------------------------------------------------

const AUTH_HEADER = /(?<![A-Za-z0-9])(Bearer|Basic)[ \t]+([A-Za-z0-9_.~+/-]+=*)(?![A-Za-z0-9_.~+/=-])/dg;

const httpAuthHeader = token({
  rule: 'secret/http-auth',
  // Authorization: Bearer …, "Authorization": "Basic …", -H 'authorization: Bearer …'.
  anchors: [{ at: ':', before: `[Aa]uthorization["']?` }],
  back: 0,
  re: AUTH_HEADER,
  group: 2,
  priority: 1,
  message: (m) => `Credentials in an HTTP Authorization header (${m[1]})`,
  validate(value, m) {
    if (m[1] === 'Bearer') {
      if (value.startsWith('eyJ') || value.length < 20) return false; // JWTs are the jwt rule's
      return (hasDigit(value) || hasUpperAndLower(value)) && !isLowEntropy(value, 10);
    }
    const decoded = Buffer.from(value, 'base64').toString('latin1');
    const colon = decoded.indexOf(':');
    if (colon < 1 || !/^[\x20-\x7e]+$/.test(decoded)) return false;
    const pass = decoded.slice(colon + 1);
    return pass.length >= 3 && !isPlaceholderPassword(pass, decoded.slice(0, colon));
  },
});

const CURL_USER = /(?<![A-Za-z0-9_-])(?:-u|--user)(?:[ \t]+|=)?(["']?)([^\s"':$]{1,64}):([^\s"']{1,256})\1/dg;
const curlUser = token({
  rule: 'secret/http-auth',
  anchors: [{ at: '-', after: `u[ \\t=]*["']?[^\\s"':]{1,64}:|-user[ \\t=]+` }],
  back: 2,
  re: CURL_USER,
  group: 3,
  priority: 1,
  placeholderCheck: false,
  message: 'Password in a curl -u/--user argument',
  validate(value, m, text) {
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    if (!/\bcurl\b/.test(text.slice(lineStart, m.index))) return false;
    return value.length >= 3 && !isPlaceholderPassword(value, m[2]) && !/^\$/.test(value);
  },
});

// ---- JSON Web Tokens -------------------------------------------------------------------------

const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.ey[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}(?![A-Za-z0-9_-])/g;

function decodeJsonPart(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** A signed JWT (a JSON header naming an algorithm other than none) that is not a documentation sample. */
export function isSignedJwt(v: string): boolean {
  const [h = '', p = ''] = v.split('.');
  const header = decodeJsonPart(h);
  if (typeof header !== 'object' || header === null) return false;
  const alg = (header as { alg?: unknown }).alg;
  if (typeof alg !== 'string' || alg.toLowerCase() === 'none') return false;
  // jwt.io's sample token and other documentation tokens.
  const payload = Buffer.from(p, 'base64url').toString('utf8');
  return !/John Doe|"sub":\s*"1234567890"|example|placeholder|your[-_ ]/i.test(payload);
}

const jwtMessage = (v: string): string => {
  const header = decodeJsonPart(v.slice(0, v.indexOf('.'))) as { alg?: unknown } | undefined;
  return `JSON Web Token (${typeof header?.alg === 'string' ? header.alg.slice(0, 10) : 'signed'})`;
};

export const jwt = token({
  rule: 'secret/jwt',
  anchors: [{ at: 'J', before: 'ey' }],
  back: 2,
  re: JWT,
  priority: 1,
  message: (m) => jwtMessage(m[0]),
  validate: isSignedJwt,
});

// base64("eyJ…") starts "ZXlK": a JWT stored base64-encoded (env files, config maps).
const jwtWrapped = token({
  rule: 'secret/jwt',
  anchors: [{ at: 'X', before: 'Z', after: 'lK' }],
  back: 1,
  re: /(?<![A-Za-z0-9+/])ZXlK[A-Za-z0-9+/]{60,}={0,2}(?![A-Za-z0-9+/=])/g,
  priority: 1,
  message: (m) => `${jwtMessage(Buffer.from(m[0], 'base64').toString('latin1').trim())}, base64-encoded`,
  validate: (v) => {
    const inner = Buffer.from(v, 'base64').toString('latin1').trim();
    JWT.lastIndex = 0;
    const m = JWT.exec(inner);
    return m !== null && m[0] === inner && isSignedJwt(inner);
  },
});

export const FORM_DETECTORS: readonly Detector[] = [kubernetesSecret, httpAuthHeader, curlUser, jwt, jwtWrapped];
