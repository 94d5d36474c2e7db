// Generic credential forms added for issue #15: password / secret / token / api_key assignments
// in code and config formats, NuGet ClearTextPassword, Terraform variables, Kubernetes Secret
// manifests, Authorization headers, curl -u, base64-wrapped JWTs, raw hex private keys and
// connection strings. Values are seeded random strings shaped like what people type (passwords)
// or generate (tokens); near misses are the same words used for something that is not a secret.
import { createHmac } from 'node:crypto';
import { B62, B64, DIGITS, HEX, cat, corpus, type Context } from '../corpus-kit.js';

const c = corpus('generic', 0x6e71);
const r = c.r;
const SYMBOLS = '!#%&*+-.:=?@^_~';
/** A typed password: letters, digits and a symbol, 10-16 characters. */
const password = (): string => cat(r('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 1), r('abcdefghijklmnopqrstuvwxyz', 4), r(DIGITS, 2), r(SYMBOLS, 1), r(B62, 2 + Number(r('012345', 1))));
/** A generated token: 24-48 base62 with a digit. */
const secret = (n = 32): string => cat(r(DIGITS, 1), r('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 1), r('abcdefghijklmnopqrstuvwxyz', 1), r(B62, n - 3));

const file = (path: string, body: (v: string) => string): Context => (_k, v) => ({ file: path, text: body(v) });

// ---- password assignments ----
c.pos('secret/generic-password', 'password in env', password, { key: 'DB_PASSWORD', in: ['env', 'envQuoted', 'compose', 'gha', 'dockerfile'] });
c.pos('secret/generic-password', 'password in config files', password, { key: 'database_password', in: ['yaml', 'yamlBare', 'json', 'toml', 'ini', 'properties'] });
c.pos('secret/generic-password', 'password in code', password, { key: 'SMTP_PASSWORD', in: ['py', 'ts', 'js', 'go'] });
c.pos('secret/generic-password', 'password in Kubernetes env list', password, { key: 'POSTGRES_PASSWORD', in: ['k8s'] });
c.pos('secret/generic-password', 'Terraform variable default password', password, { key: 'admin_password', in: ['tf', 'tfvars'] });
c.pos('secret/generic-password', 'Terraform resource password', password, { key: 'x', in: [file('infra/rds.tf', (v) => `resource "aws_db_instance" "main" {\n  engine   = "postgres"\n  username = "app"\n  password = "${v}"\n}\n`)] });
c.pos('secret/generic-password', 'NuGet ClearTextPassword', password, { key: 'x', in: [file('NuGet.Config', (v) => `<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <packageSourceCredentials>\n    <internal>\n      <add key="Username" value="ci" />\n      <add key="ClearTextPassword" value="${v}" />\n    </internal>\n  </packageSourceCredentials>\n</configuration>\n`)] });
c.pos('secret/generic-password', 'XML password element', password, { key: 'x', in: [file('conf/settings.xml', (v) => `<settings>\n  <servers>\n    <server>\n      <id>releases</id>\n      <username>deployer</username>\n      <password>${v}</password>\n    </server>\n  </servers>\n</settings>\n`)] });
c.pos('secret/generic-password', 'ECS task definition', password, { key: 'x', in: [file('deploy/task-def.json', (v) => `{\n  "containerDefinitions": [{\n    "name": "api",\n    "environment": [\n      { "name": "DB_PASSWORD", "value": "${v}" }\n    ]\n  }]\n}\n`)] });
c.pos('secret/generic-password', 'pass suffix key', password, { key: 'REDIS_PASS', in: ['env', 'yaml'] });
c.pos('secret/generic-password', 'pwd key', password, { key: 'x', in: [file('config/db.ini', (v) => `[db]\nhost = db.internal\nuid = app\npwd = ${v}\n`)] });
c.near('secret/generic-password', 'password policy numbers', () => '12', { key: 'PASSWORD_MIN_LENGTH', in: ['env', 'yaml'] });
c.near('secret/generic-password', 'password file path', () => '/run/secrets/db_password', { key: 'DB_PASSWORD_FILE', in: ['env', 'compose'] });
c.near('secret/generic-password', 'password read from the environment', () => 'os.environ["DB_PASSWORD"]', { key: 'x', in: [file('app/db.py', (v) => `import os\n\npassword = ${v}\nconn = connect(password=password)\n`)] });
c.near('secret/generic-password', 'TypeScript password type', () => 'string', { key: 'x', in: [file('src/types.ts', (v) => `export interface Login {\n  user: string;\n  password: ${v};\n}\n`)] });
c.near('secret/generic-password', 'translated label', () => 'Passwort', { key: 'x', in: [file('locales/de.json', (v) => `{\n  "login": "Anmelden",\n  "password": "${v}",\n  "forgot_password": "Passwort vergessen?"\n}\n`)] });
c.near('secret/generic-password', 'password comparison', () => 'hunter22x', { key: 'x', in: [file('src/check.js', (v) => `if (password === "${v}") {\n  deny();\n}\n`)] });
c.near('secret/generic-password', 'Terraform reference', () => 'random_password.db.result', { key: 'x', in: [file('infra/db.tf', (v) => `resource "aws_db_instance" "main" {\n  password = ${v}\n}\n`)] });
c.placeholder('secret/generic-password', 'changeme', () => 'changeme', { key: 'DB_PASSWORD', in: ['env', 'yaml'] });
c.placeholder('secret/generic-password', 'templated password', () => '${DB_PASSWORD}', { key: 'DB_PASSWORD', in: ['compose', 'yaml'] });
c.placeholder('secret/generic-password', 'format field', () => '{password}', { key: 'DB_PASSWORD', in: ['py'] });
c.placeholder('secret/generic-password', 'angle placeholder', () => '<password>', { key: 'ADMIN_PASSWORD', in: ['md'] });
c.placeholder('secret/generic-password', 'REPLACE_WITH_', () => 'REPLACE_WITH_DB_PASSWORD', { key: 'DB_PASSWORD', in: ['env'] });
c.placeholder('secret/generic-password', 'masked', () => '********', { key: 'DB_PASSWORD', in: ['json'] });
c.placeholder('secret/generic-password', 'sequential characters', () => 'abcdefg123', { key: 'DB_PASSWORD', in: ['ini'] });
c.placeholder('secret/generic-password', 'Helm template', () => '{{ .Values.db.password }}', { key: 'DB_PASSWORD', in: ['k8s'] });

// ---- secret / token / api_key assignments ----
c.pos('secret/generic-secret', 'api key', () => secret(32), { key: 'PAYMENTS_API_KEY', in: ['env', 'yaml', 'json', 'js', 'py', 'properties'] });
c.pos('secret/generic-secret', 'client secret', () => secret(40), { key: 'OIDC_CLIENT_SECRET', in: ['env', 'toml', 'tfvars', 'gha'] });
c.pos('secret/generic-secret', 'auth token', () => secret(48), { key: 'INTERNAL_AUTH_TOKEN', in: ['sh', 'ts', 'go', 'k8s'] });
c.pos('secret/generic-secret', 'Django secret key', () => cat('django-insecure-', r(`${B62}!@#%^&*(-_=+)`, 50)), { key: 'SECRET_KEY', in: ['py'] });
c.pos('secret/generic-secret', 'hex signing secret', () => r(HEX, 64), { key: 'SESSION_SECRET', in: ['env', 'yaml'] });
c.near('secret/generic-secret', 'token endpoint URL', () => 'https://auth.internal/oauth/token', { key: 'TOKEN_URL', in: ['env', 'yaml'] });
c.near('secret/generic-secret', 'secret name reference', () => 'orders-db-credentials', { key: 'DB_SECRET_NAME', in: ['env', 'yaml'] });
c.near('secret/generic-secret', 'token type', () => 'Bearer', { key: 'TOKEN_TYPE', in: ['json'] });
c.near('secret/generic-secret', 'api key header name', () => 'X-Api-Key', { key: 'API_KEY_HEADER', in: ['env'] });
c.near('secret/generic-secret', 'token lifetime', () => '3600', { key: 'TOKEN_TTL', in: ['yaml'] });
c.near('secret/generic-secret', 'a look-alike of a known prefix', () => cat('gh', 'p_', r(B62, 20)), { key: 'GITHUB_TOKEN', in: ['env'] });
c.near('secret/generic-secret', 'secret read from a call', () => 'getSecret("orders")', { key: 'x', in: [file('src/secrets.ts', (v) => `const apiSecret = ${v};\n`)] });
c.placeholder('secret/generic-secret', 'your-api-key', () => 'your-api-key', { key: 'PAYMENTS_API_KEY', in: ['env', 'md'] });
c.placeholder('secret/generic-secret', 'secrets reference', () => '${{ secrets.API_TOKEN }}', { key: 'API_TOKEN', in: ['gha'] });
c.placeholder('secret/generic-secret', 'x-filled token', () => 'x'.repeat(32), { key: 'API_TOKEN', in: ['json'] });
c.placeholder('secret/generic-secret', 'template token', () => '<token>', { key: 'API_TOKEN', in: ['yaml'] });

// ---- raw hex private keys ----
c.pos('secret/hex-private-key', 'wallet private key', () => r(HEX, 64), { key: 'PRIVATE_KEY', in: ['env', 'json', 'ts'] });
c.pos('secret/hex-private-key', '0x-prefixed signing key', () => cat('0x', r(HEX, 64)), { key: 'SIGNER_PRIVATE_KEY', in: ['env', 'yaml'] });
c.pos('secret/hex-private-key', 'hex key inside Buffer.from', () => r(HEX, 64), { key: 'x', in: [file('src/signer.js', (v) => `const privateKey = Buffer.from('${v}', 'hex');\nmodule.exports = { privateKey };\n`)] });
c.near('secret/hex-private-key', 'public key hex', () => r(HEX, 64), { key: 'VALIDATOR_PUBLIC_KEY', in: ['env'] });
c.near('secret/hex-private-key', 'private key path', () => '/etc/keys/signer.pem', { key: 'PRIVATE_KEY_PATH', in: ['env'] });
c.placeholder('secret/hex-private-key', 'zero private key', () => cat('0x', '0'.repeat(64)), { key: 'PRIVATE_KEY', in: ['env'] });

// ---- Kubernetes Secret manifests ----
const b64 = (s: string): string => Buffer.from(s).toString('base64');
{
  const pw = password();
  const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: orders-db\ntype: Opaque\ndata:\n  username: ${b64('orders')}\n  password: ${b64(pw)}\n`;
  c.raw('pos', 'secret/kubernetes-secret', 'Secret data password', 'k8s/db-secret.yaml', text, b64(pw));
}
{
  const tok = secret(40);
  const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: api\nstringData:\n  API_TOKEN: "${tok}"\n`;
  c.raw('pos', 'secret/kubernetes-secret', 'Secret stringData token', 'k8s/api-secret.yaml', text, tok);
}
{
  const key = r(B64, 44);
  const text = `---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: web-keys\ndata:\n  session.key: ${b64(key)}\n`;
  c.raw('pos', 'secret/kubernetes-secret', 'Secret in a multi-document file', 'k8s/all.yaml', text, b64(key));
}
c.raw('near-miss', 'secret/kubernetes-secret', 'ConfigMap data', 'k8s/config.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  LOG_LEVEL: info\n  FEATURE_FLAGS: ${b64('search,billing')}\n`);
c.raw('near-miss', 'secret/kubernetes-secret', 'Secret with only a user name and host', 'k8s/db-user.yaml', `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  username: ${b64('orders')}\n  host: ${b64('db.internal')}\n`);
c.raw('placeholder', 'secret/kubernetes-secret', 'Helm-templated Secret', 'charts/api/templates/secret.yaml', `apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  password: {{ .Values.password | b64enc | quote }}\n`);
c.raw('placeholder', 'secret/kubernetes-secret', 'Secret with base64 of changeme', 'k8s/example-secret.yaml', `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: ${b64('changeme')}\n`);

// ---- HTTP authorization ----
c.pos('secret/http-auth', 'Bearer token in curl', () => secret(40), { key: 'x', in: ['shCurl'] });
c.pos('secret/http-auth', 'Bearer token in an HTTP file', () => secret(36), { key: 'x', in: [file('requests/orders.http', (v) => `GET https://api.internal/v1/orders\nAccept: application/json\nAuthorization: Bearer ${v}\n`)] });
c.pos('secret/http-auth', 'Basic credentials', () => b64(`deploy:${password()}`), { key: 'x', in: [file('scripts/status.sh', (v) => `#!/bin/sh\ncurl -s -H 'Authorization: Basic ${v}' https://ci.internal/api/status\n`)] });
c.pos('secret/http-auth', 'Authorization header in JSON', () => secret(40), { key: 'x', in: [file('postman/env.json', (v) => `{\n  "headers": {\n    "Authorization": "Bearer ${v}",\n    "Accept": "application/json"\n  }\n}\n`)] });
c.pos('secret/http-auth', 'curl -u user:password', () => password(), { key: 'x', in: [file('scripts/upload.sh', (v) => `#!/bin/sh\ncurl -fsS -u deployer:${v} -T build.tgz https://nexus.internal/repository/raw/\n`)] });
c.pos('secret/http-auth', 'curl --user', () => password(), { key: 'x', in: [file('Makefile', (v) => `publish:\n\tcurl --user "ci:${v}" --upload-file dist.zip https://artifacts.internal/\n`)] });
c.near('secret/http-auth', 'Bearer with a short word', () => 'realm', { key: 'x', in: [file('docs/auth.md', (v) => `Send \`Authorization: Bearer ${v}\` as described below.\n`)] });
c.near('secret/http-auth', 'curl -u without a password', () => 'deployer', { key: 'x', in: [file('scripts/prompt.sh', (v) => `#!/bin/sh\ncurl -u ${v} https://nexus.internal/service/rest/v1/status\n`)] });
c.near('secret/http-auth', 'Basic of a user without a password', () => b64('deployer'), { key: 'x', in: [file('scripts/x.sh', (v) => `curl -H "Authorization: Basic ${v}" https://ci.internal/\n`)] });
c.placeholder('secret/http-auth', 'Bearer variable', () => '$API_TOKEN', { key: 'x', in: ['shCurl'] });
c.placeholder('secret/http-auth', 'Bearer template', () => '<access-token>', { key: 'x', in: [file('docs/api.md', (v) => `curl -H "Authorization: Bearer ${v}" https://api.internal/v1\n`)] });
c.placeholder('secret/http-auth', 'curl -u with a variable password', () => '$NEXUS_PASSWORD', { key: 'x', in: [file('scripts/upload2.sh', (v) => `#!/bin/sh\ncurl -u deployer:${v} -T a.tgz https://nexus.internal/\n`)] });

// ---- JWTs wrapped in base64 ----
const jwt = (claims: object, alg = 'HS256'): string => {
  const enc = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = enc({ alg, typ: 'JWT' });
  const body = enc(claims);
  return `${head}.${body}.${createHmac('sha256', r(B62, 32)).update(`${head}.${body}`).digest('base64url')}`;
};
c.pos('secret/jwt', 'base64-wrapped JWT', () => b64(jwt({ sub: `svc-${r(B62, 8)}`, iat: 1_700_000_000 })), { key: 'SERVICE_ACCOUNT_JWT_B64', in: ['env', 'yaml'] });
c.pos('secret/jwt', 'base64 JWT in a ConfigMap', () => b64(jwt({ sub: `ci-${r(B62, 6)}`, aud: 'registry' })), { key: 'x', in: [file('k8s/registry-token.yaml', (v) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: registry\ndata:\n  registry_token: ${v}\n`)] });
c.near('secret/jwt', 'base64 of an unsigned JWT', () => b64(`${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(`{"sub":"${r(B62, 8)}"}`).toString('base64url')}.`), { key: 'CACHE_BLOB', in: ['env'] });
c.placeholder('secret/jwt', 'base64 of a documentation JWT', () => b64(jwt({ sub: '1234567890', name: 'John Doe', iat: 1516239022 })), { key: 'SAMPLE_JWT_B64', in: ['md'] });

// ---- connection strings ----
c.pos('secret/url-password', 'MongoDB SRV URI', () => secret(20), { key: 'x', in: [file('config/mongo.yml', (v) => `mongo:\n  uri: mongodb+srv://orders:${v}@cluster0.a1b2c.mongodb.net/orders?retryWrites=true\n`)] });
c.pos('secret/url-password', 'ADO.NET connection string', () => secret(20), { key: 'x', in: [file('appsettings.json', (v) => `{\n  "ConnectionStrings": {\n    "Default": "Server=tcp:sql.internal,1433;Database=orders;User ID=app; Password=${v};Encrypt=True;"\n  }\n}\n`)] });
c.pos('secret/url-password', 'JDBC password property', () => secret(18), { key: 'x', in: [file('conf/jdbc.properties', (v) => `jdbc.url=jdbc:sqlserver://db.internal:1433;databaseName=orders;user=app;password=${v};encrypt=true\n`)] });
c.pos('secret/url-password', 'Redis URL with only a password', () => secret(24), { key: 'x', in: [file('.env.production', (v) => `REDIS_URL=redis://:${v}@cache.internal:6379/0\n`)] });
c.near('secret/url-password', 'ADO.NET integrated security', () => 'SSPI', { key: 'x', in: [file('appsettings.Development.json', (v) => `{ "ConnectionStrings": { "Default": "Server=.;Database=orders;Integrated Security=${v};" } }\n`)] });
c.placeholder('secret/url-password', 'ADO.NET password placeholder', () => '{your_password}', { key: 'x', in: [file('docs/connect.md', (v) => `Server=tcp:sql.internal;Database=orders;User ID=app;Password=${v};\n`)] });

export default c.module();
