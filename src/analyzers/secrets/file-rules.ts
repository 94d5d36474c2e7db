// Rules keyed on the path: files that are secrets by name (id_rsa, *.p12, .env, *.tfstate, …)
// and credential files that are findings only when they hold a credential (.npmrc, .netrc,
// .docker/config.json, kubeconfig, …), checked by a file-specific content detector.
import { hostLabel, type RawHit } from './detectors.js';
import { hasPlaceholderMarker, isPlaceholder, isPlaceholderPassword } from './placeholder.js';
import type { SecretRuleId } from './rules.js';

export interface NameRule {
  rule: SecretRuleId;
  message: string;
  /**
   * Optional veto that looks at the (text or binary) content: a `.key` that is only a public key
   * or certificate, or a zip (Keynote). Returning false drops the name hit.
   */
  confirm?: (bytes: Uint8Array, text: string | null) => boolean;
}

export interface FileDetector {
  rule: SecretRuleId;
  scan(text: string, out: RawHit[]): void;
}

export interface PathClass {
  name?: NameRule;
  file?: FileDetector;
}

const SSH_KEY_NAMES = new Set(['id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519', 'id_ecdsa_sk', 'id_ed25519_sk']);
const KEYSTORE_EXT = new Set(['p12', 'pfx', 'jks', 'jceks', 'keystore', 'bks', 'kdbx']);
const DOTENV_TEMPLATE = new Set([
  'example', 'examples', 'sample', 'samples', 'template', 'templates', 'tmpl', 'tpl', 'dist', 'default', 'defaults',
  'schema', 'stub', 'skeleton', 'ref', 'reference',
  // Encrypted forms meant to be committed (dotenv-vault, sops).
  'vault', 'enc', 'encrypted',
]);
/** A code file that happens to be named after dotenv (env.d.ts, .env.js loader modules). */
const DOTENV_CODE_EXT = new Set(['js', 'mjs', 'cjs', 'ts', 'mts', 'cts', 'jsx', 'tsx', 'py', 'go', 'rb', 'md', 'd']);

function isDotenvName(base: string): boolean {
  let parts: string[];
  if (base === '.env') return true;
  if (/^\.env[._-]/.test(base)) parts = base.slice(5).split(/[._-]/);
  else if (base.endsWith('.env') && base.length > 4) parts = base.slice(0, -4).split(/[._-]/);
  else return false;
  const lower = parts.map((p) => p.toLowerCase());
  if (lower.some((p) => DOTENV_TEMPLATE.has(p))) return false;
  const last = lower[lower.length - 1] ?? '';
  return !(base.startsWith('.env') && DOTENV_CODE_EXT.has(last));
}

const AZURE_FILES = new Set(['accesstokens.json', 'msal_token_cache.json', 'msal_token_cache.bin', 'service_principal_entries.json', 'service_principal_entries.bin']);
const GCLOUD_FILES = new Set(['credentials.db', 'access_tokens.db', 'application_default_credentials.json']);

const startsWithZip = (b: Uint8Array): boolean => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

const keyFile: NameRule = {
  rule: 'secret/private-key',
  message: 'Private key file (by name: *.key)',
  confirm(bytes, text) {
    if (startsWithZip(bytes)) return false; // Keynote presentation
    // PEM text that is only a public key, certificate or CSR.
    if (text !== null && text.includes('-----BEGIN ') && !text.includes('PRIVATE KEY')) return false;
    return true;
  },
};

// ---- file-specific credential detectors --------------------------------------------------------

/** Push a hit for capture group `g` of a `d`-flag match. */
function hitFromGroup(out: RawHit[], rule: SecretRuleId, m: RegExpExecArray, g: number, message: string): void {
  const idx = m.indices?.[g];
  if (!idx) return;
  out.push({ rule, start: idx[0], end: idx[1], message, priority: 3 });
}

function unquote(v: string): [string, number] {
  const t = v.replace(/\s+$/, '');
  if (t.length >= 2 && (t[0] === '"' || t[0] === "'") && t[t.length - 1] === t[0]) return [t.slice(1, -1), 1];
  return [t, 0];
}

function lineValueDetector(rule: SecretRuleId, re: RegExp, message: (key: string) => string): FileDetector {
  return {
    rule,
    scan(text, out) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text)) !== null) {
        const key = m[1] ?? '';
        const rawIdx = m.indices?.[2];
        if (!rawIdx) continue;
        const [value, shift] = unquote(m[2] ?? '');
        if (value === '' || isPlaceholderPassword(value)) continue;
        out.push({ rule, start: rawIdx[0] + shift, end: rawIdx[0] + shift + value.length, message: message(key), priority: 3 });
      }
    },
  };
}

const npmrc = lineValueDetector(
  'secret/npmrc',
  /^[ \t]*(?:\/\/[^\s=]*:)?(_authToken|_auth|_password|password)[ \t]*=[ \t]*([^\r\n]*)/dgm,
  (key) => `.npmrc holds a registry credential (${key})`,
);

const pypirc = lineValueDetector(
  'secret/pypirc',
  /^[ \t]*(password)[ \t]*[:=][ \t]*([^\r\n]*)/dgm,
  () => '.pypirc holds a repository password or token',
);

const NETRC_PASSWORD = /(?:^|[ \t\r\n])(password|passwd)[ \t\r\n]+([^ \t\r\n]+)/dg;
const netrc: FileDetector = {
  rule: 'secret/netrc',
  scan(text, out) {
    NETRC_PASSWORD.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = NETRC_PASSWORD.exec(text)) !== null) {
      if (isPlaceholderPassword(m[2] ?? '')) continue;
      hitFromGroup(out, 'secret/netrc', m, 2, '.netrc holds a password');
    }
  },
};

const GIT_CRED = /^[ \t]*[A-Za-z][A-Za-z0-9+.-]*:\/\/([^:/@\s]*):([^@\s]+)@([^\s/]+)/dgm;
const gitCredentials: FileDetector = {
  rule: 'secret/git-credentials',
  scan(text, out) {
    GIT_CRED.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = GIT_CRED.exec(text)) !== null) {
      if (isPlaceholderPassword(m[2] ?? '', m[1])) continue;
      hitFromGroup(out, 'secret/git-credentials', m, 2, `.git-credentials holds a token or password${hostLabel(m[3] ?? '')}`);
    }
  },
};

const DOCKER_AUTH = /"(auth|identitytoken|registrytoken)"\s*:\s*"([^"]+)"/dg;
const dockerConfig: FileDetector = {
  rule: 'secret/docker-config',
  scan(text, out) {
    DOCKER_AUTH.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = DOCKER_AUTH.exec(text)) !== null) {
      const v = m[2] ?? '';
      if (v.length < 4 || hasPlaceholderMarker(v)) continue;
      if (m[1] === 'auth') {
        // base64("user:password"): a stand-in password is not a credential.
        const decoded = Buffer.from(v, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon >= 0 && isPlaceholderPassword(decoded.slice(colon + 1), decoded.slice(0, colon))) continue;
      }
      hitFromGroup(out, 'secret/docker-config', m, 2, `Docker client config holds registry credentials (${m[1]})`);
    }
  },
};

const KUBE_KIND = /^kind:[ \t]*["']?Config["']?[ \t]*$/m;
const KUBE_CRED = /^[ \t]*(client-key-data|token|password|id-token|refresh-token|access-token|client-secret)[ \t]*:[ \t]*["']?([^\s"'#]+)/dgm;
const kubeconfig: FileDetector = {
  rule: 'secret/kubeconfig',
  scan(text, out) {
    if (!KUBE_KIND.test(text)) return;
    KUBE_CRED.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = KUBE_CRED.exec(text)) !== null) {
      const v = m[2] ?? '';
      if (v.length < 8 || isPlaceholder(v)) continue;
      hitFromGroup(out, 'secret/kubeconfig', m, 2, `kubeconfig holds a cluster credential (${m[1]})`);
    }
  },
};

/** Classify a context-relative posix path. Cheap: most paths return `null` after a few checks. */
export function classifyPath(path: string): PathClass | null {
  const slash = path.lastIndexOf('/');
  const base = path.slice(slash + 1);
  const dir = slash >= 0 ? path.slice(0, slash) : '';
  const parent = dir.slice(dir.lastIndexOf('/') + 1);
  const lowerBase = base.toLowerCase();
  const dot = lowerBase.lastIndexOf('.');
  const ext = dot > 0 ? lowerBase.slice(dot + 1) : '';

  if (SSH_KEY_NAMES.has(base)) return { name: { rule: 'secret/private-key', message: `SSH private key file (${base})` } };
  if (ext === 'key') return { name: keyFile };
  if (ext === 'ppk') return { name: { rule: 'secret/private-key', message: 'PuTTY private key file (*.ppk)' } };
  if (KEYSTORE_EXT.has(ext)) return { name: { rule: 'secret/keystore', message: `Key store (*.${ext})` } };
  if (isDotenvName(base)) return { name: { rule: 'secret/dotenv', message: 'dotenv file (environment secrets by convention)' } };
  if (ext === 'tfstate' || lowerBase.endsWith('.tfstate.backup')) return { name: { rule: 'secret/tfstate', message: 'Terraform state (holds resource secrets in clear text)' } };

  switch (base) {
    case '.htpasswd':
      return { name: { rule: 'secret/htpasswd', message: 'Apache .htpasswd password file' } };
    case '.pgpass':
      return { name: { rule: 'secret/pgpass', message: 'PostgreSQL .pgpass password file' } };
    case '.vault-token':
      return { name: { rule: 'secret/vault-token', message: 'HashiCorp Vault token file (.vault-token)' } };
    case '.s3cfg':
      return { name: { rule: 'secret/cloud-credentials', message: 's3cmd configuration (.s3cfg) with access keys' } };
    case '.npmrc':
      return { file: npmrc };
    case '.pypirc':
      return { file: pypirc };
    case '.netrc':
    case '_netrc':
      return { file: netrc };
    case '.git-credentials':
      return { file: gitCredentials };
    case '.dockercfg':
      return { file: dockerConfig };
  }
  if (parent === '.aws' && base === 'credentials') return { name: { rule: 'secret/cloud-credentials', message: 'AWS CLI credentials file (.aws/credentials)' } };
  if (/accesskeys\.csv$/.test(lowerBase)) return { name: { rule: 'secret/cloud-credentials', message: 'AWS access key export (*accessKeys.csv)' } };
  if (parent === '.azure' && AZURE_FILES.has(lowerBase)) return { name: { rule: 'secret/cloud-credentials', message: `Azure CLI credential cache (.azure/${base})` } };
  if ((dir.endsWith('.config/gcloud') || dir === 'gcloud' || parent === 'gcloud') && GCLOUD_FILES.has(lowerBase)) {
    return { name: { rule: 'secret/cloud-credentials', message: `gcloud credential store (${base})` } };
  }
  if (dir.includes('gcloud/legacy_credentials/')) return { name: { rule: 'secret/cloud-credentials', message: 'gcloud legacy credentials' } };
  if (parent === '.kube' && base === 'config') return { name: { rule: 'secret/kubeconfig', message: 'kubeconfig (.kube/config)' }, file: kubeconfig };
  if (ext === 'json' && ((parent === '.docker' && base === 'config.json') || lowerBase.includes('docker'))) return { file: dockerConfig };
  if (ext === 'yaml' || ext === 'yml' || lowerBase.includes('kubeconfig')) return { file: kubeconfig };
  return null;
}

// ---- test data -------------------------------------------------------------------------------

/** Directories that hold test inputs by convention (Go's testdata, fixtures, test vectors, mocks). */
const TEST_DIRS = new Set([
  'testdata', 'test-data', 'test_data', 'fixtures', 'fixture', '__fixtures__', '__mocks__', 'testvectors', 'test-vectors', 'test_vectors', 'vectors',
]);
/** Test file names: Go/Python/Rust *_test.*, JS/TS *.test.* and *.spec.*, Ruby *_spec.rb, pytest test_*.py, Java/Kotlin/C# *Test(s).*. */
const TEST_FILE = /(?:^|[._-])(?:test|spec)\.[A-Za-z0-9]+$|_test\.[A-Za-z0-9]+$|_spec\.rb$|^test_[^/]*\.py$|[a-z0-9](?:Test|Tests|Spec)\.(?:java|kt|scala|cs|groovy|swift)$/;

/**
 * Why a path looks like test data, or null: keys there are usually generated test vectors, so
 * they are reported (they still reach the image) as notes, not errors.
 */
export function testDataReason(path: string): string | null {
  const parts = path.split('/');
  const base = parts[parts.length - 1] ?? '';
  for (let i = 0; i < parts.length - 1; i++) {
    const dir = parts[i]!.toLowerCase();
    if (TEST_DIRS.has(dir)) return `looks like test data (under ${parts[i]}/); reported as a note`;
  }
  if (TEST_FILE.test(base)) return `looks like test data (a test file, ${base}); reported as a note`;
  return null;
}
