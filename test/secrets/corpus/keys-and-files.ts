// Private keys and credential files (PEM/OpenSSH/PuTTY keys, age keys, .npmrc, .pypirc,
// .netrc, .git-credentials, Docker client config, kubeconfig).
import { B62, B64, cat, corpus } from '../corpus-kit.js';

const c = corpus('keys-and-files', 0x4e75);
const r = c.r;

const pem = (label: string, lines = 12): string => `-----BEGIN ${label}-----\n${Array.from({ length: lines }, () => r(B64, 64)).join('\n')}\n${r(B64, 20)}==\n-----END ${label}-----`;
for (const [label, file] of [['RSA PRIVATE KEY', 'deploy/server.pem'], ['OPENSSH PRIVATE KEY', 'ci/deploy_key'], ['EC PRIVATE KEY', 'certs/tls.txt'], ['PRIVATE KEY', 'src/main/resources/signing.pem']] as const) {
  const v = pem(label);
  c.raw('pos', 'secret/private-key', `${label} PEM block`, file, `${v}\n`, v);
}
{
  const v = pem('PRIVATE KEY').replace(/\n/g, '\\n');
  c.raw('pos', 'secret/private-key', 'PEM key in a JSON string', 'config/jwt.json', `{\n  "issuer": "orders",\n  "signingKey": "${v}"\n}\n`, v);
}
c.raw('near-miss', 'secret/private-key', 'public key block', 'certs/server.pub.pem', `-----BEGIN PUBLIC KEY-----\n${Array.from({ length: 6 }, () => r(B64, 64)).join('\n')}\n-----END PUBLIC KEY-----\n`);
c.raw('near-miss', 'secret/private-key', 'certificate', 'certs/ca.crt', `-----BEGIN CERTIFICATE-----\n${Array.from({ length: 10 }, () => r(B64, 64)).join('\n')}\n-----END CERTIFICATE-----\n`);
c.raw('placeholder', 'secret/private-key', 'truncated PEM in docs', 'docs/tls.md', '```\n-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA...\n-----END RSA PRIVATE KEY-----\n```\n');

c.pos('secret/age-key', 'age secret key', () => cat('AGE-SECRET', '-KEY-1', r('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58)), { key: 'SOPS_AGE_KEY', in: ['env', 'gha'] });
c.near('secret/age-key', 'age public key', () => cat('age', '1', r('qpzry9x8gf2tvdw0s3jn54khce6mua7l', 58)), { key: 'SOPS_AGE_RECIPIENTS', in: ['yaml'] });
c.placeholder('secret/age-key', 'age key with non-bech32 characters', () => cat('AGE-SECRET', '-KEY-1', 'YOUR-KEY-HERE'), { key: 'SOPS_AGE_KEY', in: ['md'] });

{
  const v = r(B62, 36);
  c.raw('pos', 'secret/npmrc', '.npmrc auth token', '.npmrc', `registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${v}\n`, v);
}
c.raw('near-miss', 'secret/npmrc', '.npmrc without credentials', '.npmrc', 'registry=https://registry.npmjs.org/\nsave-exact=true\n');
c.raw('placeholder', 'secret/npmrc', '.npmrc with a variable', '.npmrc', '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n');

{
  const v = r(B62, 20);
  c.raw('pos', 'secret/pypirc', '.pypirc password', '.pypirc', `[distutils]\nindex-servers = internal\n\n[internal]\nrepository = https://pypi.internal/simple\nusername = deploy\npassword = ${v}\n`, v);
}
c.raw('near-miss', 'secret/pypirc', '.pypirc without a password', '.pypirc', '[pypi]\nusername = __token__\n');
c.raw('placeholder', 'secret/pypirc', '.pypirc placeholder password', '.pypirc', '[pypi]\nusername = __token__\npassword = <your-token>\n');

{
  const v = r(B62, 18);
  c.raw('pos', 'secret/netrc', '.netrc password', '.netrc', `machine git.internal\n  login deploy\n  password ${v}\n`, v);
}
c.raw('near-miss', 'secret/netrc', '.netrc without a password', '.netrc', 'machine git.internal login deploy\n');
c.raw('placeholder', 'secret/netrc', '.netrc placeholder', '.netrc', 'machine git.internal login deploy password changeme\n');

{
  const v = r(B62, 24);
  c.raw('pos', 'secret/git-credentials', '.git-credentials token', '.git-credentials', `https://deploy:${v}@git.internal\n`, v);
}
c.raw('near-miss', 'secret/git-credentials', '.git-credentials URL without password', '.git-credentials', 'https://deploy@git.internal\n');
c.raw('placeholder', 'secret/git-credentials', '.git-credentials placeholder', '.git-credentials', 'https://user:password@git.internal\n');

{
  const v = Buffer.from(`deploy:${r(B62, 20)}`).toString('base64');
  c.raw('pos', 'secret/docker-config', 'Docker config auth', '.docker/config.json', `{\n  "auths": {\n    "registry.internal": { "auth": "${v}" }\n  }\n}\n`, v);
}
c.raw('near-miss', 'secret/docker-config', 'Docker config with a credential helper', '.docker/config.json', '{\n  "credsStore": "desktop",\n  "auths": { "registry.internal": {} }\n}\n');
c.raw('placeholder', 'secret/docker-config', 'Docker config auth placeholder', '.docker/config.json', `{ "auths": { "r.internal": { "auth": "${Buffer.from('user:password').toString('base64')}" } } }\n`);

{
  const v = r(B62, 48);
  c.raw('pos', 'secret/kubeconfig', 'kubeconfig bearer token', 'deploy/kubeconfig.yaml', `apiVersion: v1\nkind: Config\nclusters:\n- name: prod\n  cluster:\n    server: https://k8s.internal:6443\nusers:\n- name: ci\n  user:\n    token: ${v}\n`, v);
}
c.raw('near-miss', 'secret/kubeconfig', 'kubeconfig with an exec plugin', 'deploy/kubeconfig.yaml', 'apiVersion: v1\nkind: Config\nusers:\n- name: ci\n  user:\n    exec:\n      command: aws\n');
c.raw('placeholder', 'secret/kubeconfig', 'kubeconfig template token', 'deploy/kubeconfig.yaml', 'apiVersion: v1\nkind: Config\nusers:\n- name: ci\n  user:\n    token: ${KUBE_TOKEN}\n');

export default c.module();
