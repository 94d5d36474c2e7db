// End to end: a small app tree with credentials made by real tools (ssh-keygen, openssl) and
// token shapes generated at run time, plus the decoys a secret gate must not fire on. The set
// of hits must be exactly the planted secrets, and no hit may carry a secret value.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeFS } from '../../src/fs/node-fs.js';
import { scanSecrets, type SecretHit } from '../../src/analyzers/secrets/index.js';
import { addToTree, makeTree, removeTree } from '../helpers/tree.js';
import { haveTool, jwtIoSample, lineOf, listTree, run, tokenFactory } from './helpers.js';

const TOOLS = haveTool('ssh-keygen', ['-?']) && haveTool('openssl', ['version']);
if (!TOOLS) console.warn('SECRETS FIXTURE SKIPPED: ssh-keygen or openssl not found');

interface Expect {
  rule: string;
  path: string;
  line?: number;
}

const key = (e: { rule: string; path: string; line?: number }): string => `${e.rule} ${e.path}${e.line === undefined ? '' : `:${e.line}`}`;

describe.skipIf(!TOOLS)('fixture app with real keys and generated tokens', () => {
  let root = '';
  const expected: Expect[] = [];
  /** Every secret value planted; none may appear in any output. */
  const secrets: string[] = [];
  let hits: SecretHit[] = [];
  let result: Awaited<ReturnType<typeof scanSecrets>>;

  const plant = (value: string): string => {
    secrets.push(value);
    return value;
  };

  beforeAll(async () => {
    const t = tokenFactory(20240611);
    root = makeTree({ dirs: ['keys', 'certs'] }, 'ctxcheck-secrets-');

    // ---- real key material --------------------------------------------------------------------
    run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'fixture', '-f', 'keys/id_ed25519'], root);
    run('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-N', '', '-C', 'fixture', '-f', 'keys/id_rsa'], root);
    run('openssl', ['genrsa', '-out', 'certs/server.key', '2048'], root);
    run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'certs/key.pem', '-out', 'certs/cert.pem', '-subj', '/CN=x', '-days', '2'], root);
    run('openssl', ['pkcs12', '-export', '-in', 'certs/cert.pem', '-inkey', 'certs/key.pem', '-out', 'certs/bundle.p12', '-passout', 'pass:x'], root);
    for (const f of ['keys/id_ed25519', 'keys/id_rsa', 'certs/server.key', 'certs/key.pem']) {
      const pem = readFileSync(join(root, f), 'utf8');
      const body = pem.split('\n').filter((l) => l && !l.startsWith('-----'));
      plant(body.join(''));
      for (const l of body) if (l.length >= 40) plant(l);
    }
    expected.push(
      { rule: 'secret/private-key', path: 'keys/id_ed25519', line: 1 },
      { rule: 'secret/private-key', path: 'keys/id_rsa', line: 1 },
      { rule: 'secret/private-key', path: 'certs/server.key', line: 1 },
      { rule: 'secret/private-key', path: 'certs/key.pem', line: 1 },
      { rule: 'secret/keystore', path: 'certs/bundle.p12' },
    );

    // GCP service-account key: the openssl key embedded as a JSON string (\n escapes).
    const saKey = readFileSync(join(root, 'certs/key.pem'), 'utf8');
    const sa = JSON.stringify(
      {
        type: 'service_account',
        project_id: 'fixture-project',
        private_key_id: t.hex(40),
        private_key: saKey,
        client_email: 'deployer@fixture-project.iam.gserviceaccount.com',
        client_id: '1234',
        token_uri: 'https://oauth2.googleapis.com/token',
      },
      null,
      2,
    );
    expected.push({ rule: 'secret/gcp-service-account', path: 'deploy/gcp-sa.json', line: lineOf(sa, '"private_key"') });

    // ---- tokens in source ---------------------------------------------------------------------
    const gh = plant(t.github());
    const ghFine = plant(t.githubFine());
    const awsId = plant(t.awsId());
    const awsSecret = plant(t.awsSecret());
    const google = plant(t.googleApi());
    const jwt = plant(t.jwt());
    const openai = plant(t.openai());
    const anthropic = plant(t.anthropic());
    const sendgrid = plant(t.sendgrid());
    const webhook = plant(t.slackWebhookPath());
    const allowed = plant(t.github());
    const allowedNext = plant(t.npm());
    const configTs = [
      "import { S3Client } from '@aws-sdk/client-s3';",
      '',
      '// Decoys: ids and hashes that are not secrets.',
      `const REQUEST_ID = '${t.hex(8)}-${t.hex(4)}-4${t.hex(3)}-a${t.hex(3)}-${t.hex(12)}';`,
      `const SHA256 = '${t.hex(64)}';`,
      `const COMMIT = '${t.hex(40)}'; // git rev-parse HEAD`,
      `const BLOB = '${t.base64(120)}==';`,
      `const PUBLIC_SITE = 'https://user@${'example'}.com/path';`,
      '',
      `export const client = new S3Client({ credentials: { accessKeyId: '${awsId}', secretAccessKey: '${awsSecret}' } });`,
      `const GITHUB_TOKEN = '${gh}';`,
      `const FINE = "${ghFine}";`,
      `export const MAPS_KEY = "${google}";`,
      `const session = '${jwt}';`,
      `const OPENAI_API_KEY = '${openai}';`,
      `const ANTHROPIC_API_KEY = '${anthropic}';`,
      `const SENDGRID = '${sendgrid}';`,
      `const SLACK_HOOK = 'https://hooks.slack.com/services/${webhook}';`,
      `const TEST_ONLY = '${allowed}'; // ctxcheck:allow`,
      '// ctxcheck:allow-next-line',
      `const ALSO_OK = '${allowedNext}';`,
      '',
    ].join('\n');
    expected.push(
      { rule: 'secret/aws-access-key', path: 'src/config.ts', line: lineOf(configTs, awsId) },
      { rule: 'secret/aws-secret-key', path: 'src/config.ts', line: lineOf(configTs, awsSecret) },
      { rule: 'secret/github-token', path: 'src/config.ts', line: lineOf(configTs, gh) },
      { rule: 'secret/github-token', path: 'src/config.ts', line: lineOf(configTs, ghFine) },
      { rule: 'secret/google-api-key', path: 'src/config.ts', line: lineOf(configTs, google) },
      { rule: 'secret/jwt', path: 'src/config.ts', line: lineOf(configTs, jwt) },
      { rule: 'secret/openai-key', path: 'src/config.ts', line: lineOf(configTs, openai) },
      { rule: 'secret/anthropic-key', path: 'src/config.ts', line: lineOf(configTs, anthropic) },
      { rule: 'secret/sendgrid-key', path: 'src/config.ts', line: lineOf(configTs, sendgrid) },
      { rule: 'secret/slack-webhook', path: 'src/config.ts', line: lineOf(configTs, webhook) },
    );

    const slack = plant(t.slackBot());
    const stripe = plant(t.stripeLive());
    const stripeRk = plant(t.stripeRestricted());
    const gitlab = plant(t.gitlab());
    const dbPass = plant(t.password());
    const redisPass = plant(t.password());
    const stripeTest = t.stripeTest();
    const settings = [
      'app:',
      '  name: fixture',
      `  slack_token: ${slack}`,
      '  payments:',
      `    stripe_key: ${stripe}`,
      `    stripe_restricted: "${stripeRk}"`,
      `    stripe_test_key: ${stripeTest}`,
      `  gitlab: ${gitlab}`,
      `  database: postgres://app:${dbPass}@db.internal:5432/app?sslmode=require`,
      `  cache: redis://:${redisPass}@cache:6379/0`,
      '  placeholder_db: postgres://user:password@localhost:5432/app',
      '  templated_db: postgres://${DB_USER}:${DB_PASSWORD}@db:5432/app',
      '  compose_default: postgres://postgres:postgres@db:5432/postgres',
      '  angle: mysql://root:<password>@localhost/db',
      '',
    ].join('\n');
    expected.push(
      { rule: 'secret/slack-token', path: 'config/settings.yaml', line: lineOf(settings, slack) },
      { rule: 'secret/stripe-key', path: 'config/settings.yaml', line: lineOf(settings, stripe) },
      { rule: 'secret/stripe-key', path: 'config/settings.yaml', line: lineOf(settings, stripeRk) },
      // Test keys are reported, as notes (see the severity test in rules.test.ts).
      { rule: 'secret/stripe-key', path: 'config/settings.yaml', line: lineOf(settings, stripeTest) },
      { rule: 'secret/gitlab-token', path: 'config/settings.yaml', line: lineOf(settings, gitlab) },
      { rule: 'secret/url-password', path: 'config/settings.yaml', line: lineOf(settings, dbPass) },
      { rule: 'secret/url-password', path: 'config/settings.yaml', line: lineOf(settings, redisPass) },
    );

    // More providers, one per line.
    const more: [string, string][] = [
      ['secret/twilio-key', plant(t.twilio())],
      ['secret/shopify-token', plant(t.shopify())],
      ['secret/huggingface-token', plant(t.huggingface())],
      ['secret/digitalocean-token', plant(t.digitalocean())],
      ['secret/dockerhub-token', plant(t.dockerhub())],
      ['secret/pypi-token', plant(t.pypi())],
      ['secret/linear-key', plant(t.linear())],
      ['secret/vault-token', plant(t.vault())],
      ['secret/terraform-token', plant(t.terraform())],
      ['secret/age-key', plant(t.age())],
      ['secret/openai-key', plant(t.openaiLegacy())],
      ['secret/github-token', plant(t.githubOAuth())],
      ['secret/aws-access-key', plant(t.awsTempId())],
    ];
    const azure = plant(t.azureKey());
    const moreText = [
      '# provider tokens',
      ...more.map(([rule, v], i) => `TOKEN_${i}=${v}  # ${rule.slice(7)}`),
      `AZURE_STORAGE=DefaultEndpointsProtocol=https;AccountName=fixture;AccountKey=${azure};EndpointSuffix=core.windows.net`,
      '',
    ].join('\n');
    for (const [rule, v] of more) expected.push({ rule, path: 'scripts/providers.sh', line: lineOf(moreText, v) });
    expected.push({ rule: 'secret/azure-storage-key', path: 'scripts/providers.sh', line: lineOf(moreText, azure) });

    // AWS console CSV export: the secret sits next to the key id, without a keyword.
    const csvId = plant(t.awsId());
    const csvSecret = plant(t.awsSecret());
    const csv = `Access key ID,Secret access key\n${csvId},${csvSecret}\n`;
    expected.push(
      { rule: 'secret/cloud-credentials', path: 'ops/deployer_accessKeys.csv' },
      { rule: 'secret/aws-access-key', path: 'ops/deployer_accessKeys.csv', line: 2 },
      { rule: 'secret/aws-secret-key', path: 'ops/deployer_accessKeys.csv', line: 2 },
    );

    // ---- credential files -----------------------------------------------------------------------
    const npmTok = plant(t.npm());
    const pypiPass = plant(t.password());
    const netrcPass = plant(t.password());
    const gitCredTok = plant(t.github());
    const dockerAuth = plant(Buffer.from(`ci-bot:${t.password()}`).toString('base64'));
    const kubeToken = plant(t.base62(48));
    const clientKeyData = plant(t.base64(200));
    const awsCredsSecret = plant(t.awsSecret());
    const awsCredsId = plant(t.awsId());
    const dotenvSecret = plant(t.password());
    const awsCredentials = `[default]\naws_access_key_id = ${awsCredsId}\naws_secret_access_key = ${awsCredsSecret}\n`;
    const kubeCfg = [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '- cluster: { server: https://10.0.0.1:6443 }',
      '  name: prod',
      'users:',
      '- name: admin',
      '  user:',
      `    token: ${kubeToken}`,
      '',
    ].join('\n');
    const kubeYaml = kubeCfg.replace(`token: ${kubeToken}`, `client-key-data: ${clientKeyData}`);
    expected.push(
      { rule: 'secret/npmrc', path: '.npmrc', line: 2 },
      { rule: 'secret/pypirc', path: '.pypirc', line: 4 },
      { rule: 'secret/netrc', path: '.netrc', line: 1 },
      { rule: 'secret/git-credentials', path: '.git-credentials', line: 1 },
      { rule: 'secret/docker-config', path: '.docker/config.json', line: 4 },
      { rule: 'secret/kubeconfig', path: '.kube/config', line: lineOf(kubeCfg, kubeToken) },
      { rule: 'secret/kubeconfig', path: 'k8s/admin-kubeconfig.yaml', line: lineOf(kubeYaml, clientKeyData) },
      { rule: 'secret/cloud-credentials', path: '.aws/credentials' },
      { rule: 'secret/aws-access-key', path: '.aws/credentials', line: 2 },
      { rule: 'secret/aws-secret-key', path: '.aws/credentials', line: 3 },
      { rule: 'secret/dotenv', path: '.env' },
      { rule: 'secret/generic-password', path: '.env', line: 1 },
      { rule: 'secret/dotenv', path: '.env.production' },
      { rule: 'secret/dotenv', path: 'services/api/prod.env' },
      { rule: 'secret/dotenv', path: 'linked/.env' },
      { rule: 'secret/tfstate', path: 'infra/terraform.tfstate' },
      { rule: 'secret/htpasswd', path: 'web/.htpasswd' },
    );

    // ---- decoys -------------------------------------------------------------------------------
    const lock = JSON.stringify(
      {
        name: 'fixture',
        lockfileVersion: 3,
        packages: Object.fromEntries(
          Array.from({ length: 40 }, (_, i) => [
            `node_modules/pkg-${i}`,
            { version: '1.0.0', resolved: `https://registry.npmjs.org/pkg-${i}/-/pkg-${i}-1.0.0.tgz`, integrity: `sha512-${t.base64(86)}==` },
          ]),
        ),
      },
      null,
      2,
    );
    const yarnLock = Array.from(
      { length: 30 },
      (_, i) => `"pkg-${i}@^1.0.0":\n  version "1.0.0"\n  resolved "https://registry.yarnpkg.com/pkg-${i}/-/pkg-${i}-1.0.0.tgz#${t.hex(40)}"\n  integrity sha512-${t.base64(86)}==\n`,
    ).join('\n');
    const exampleId = ['AKIA', 'IOSFODNN7', 'EXAMPLE'].join('');
    const exampleSecret = ['wJalrXUtnFEMI', '/K7MDENG/bPxRfiCY', 'EXAMPLEKEY'].join('');
    const readmeStripeTest = t.stripeTest();
    const readme = [
      '# Fixture app',
      '',
      'Configure AWS:',
      '',
      '```sh',
      'export AWS_ACCESS_KEY_ID=',
      'export AWS_SECRET_ACCESS_KEY=',
      `aws configure set aws_access_key_id ${exampleId}`,
      `aws configure set aws_secret_access_key ${exampleSecret}`,
      'export AWS_SECRET_ACCESS_KEY=<your-secret-access-key>',
      '```',
      '',
      `GitHub tokens look like \`${['gh', 'p_'].join('')}${'x'.repeat(36)}\`; Stripe test keys like \`${readmeStripeTest}\`.`,
      `Set \`OPENAI_API_KEY=your-api-key\` and \`API_KEY=\${API_KEY}\`, or \`changeme\`.`,
      `A sample JWT: ${jwtIoSample()}`,
      'A PEM looks like:',
      '-----BEGIN RSA PRIVATE KEY-----',
      'MIIEpAIBAAKCAQEA...',
      '-----END RSA PRIVATE KEY-----',
      `Slack: https://hooks.slack.com/services/T00000000/B00000000/${'X'.repeat(24)}`,
      `Connect with mongodb://<user>:<password>@cluster0.mongodb.net/test and git@github.com:org/repo.git.`,
      '',
    ].join('\n');
    // A test key in the docs still reaches the image: a note, not an error.
    expected.push({ rule: 'secret/stripe-key', path: 'README.md', line: lineOf(readme, readmeStripeTest) });
    const binaryWithToken = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), Buffer.from(`tEXt ${plant(t.github())}`)]);

    addToTree(root, {
      files: {
        Dockerfile: 'FROM node:20\nCOPY . /app\n',
        'package.json': '{ "name": "fixture", "version": "1.0.0" }\n',
        'package-lock.json': lock,
        'yarn.lock': yarnLock,
        'README.md': readme,
        'src/config.ts': configTs,
        'config/settings.yaml': settings,
        'scripts/providers.sh': moreText,
        'ops/deployer_accessKeys.csv': csv,
        'deploy/gcp-sa.json': sa,
        '.npmrc': `registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${npmTok}\n`,
        'packages/lib/.npmrc': '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n',
        '.pypirc': `[distutils]\nindex-servers = pypi\n[pypi]\npassword = ${pypiPass}\nusername = __token__\n`,
        '.netrc': `machine api.example.org login ci password ${netrcPass}\n`,
        '.git-credentials': `https://ci-bot:${gitCredTok}@github.com\n`,
        '.docker/config.json': JSON.stringify({ auths: { 'registry.example.org': { auth: dockerAuth } } }, null, 2)+ '\n',
        'tools/.docker/config.json': JSON.stringify({ auths: { 'ghcr.io': {} }, credsStore: 'desktop' }, null, 2),
        '.kube/config': kubeCfg,
        'k8s/admin-kubeconfig.yaml': kubeYaml,
        'k8s/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          env:\n            - name: TOKEN\n              valueFrom: { secretKeyRef: { name: app, key: token } }\n',
        '.aws/credentials': awsCredentials,
        '.aws/config': '[default]\nregion = eu-west-1\n',
        '.env': `DATABASE_PASSWORD=${dotenvSecret}\n`,
        '.env.production': 'API_URL=https://api.internal\n',
        'services/api/prod.env': 'LOG_LEVEL=info\n',
        '.env.example': 'AWS_ACCESS_KEY_ID=\nAWS_SECRET_ACCESS_KEY=\nDATABASE_URL=postgres://user:password@localhost/db\n',
        '.env.sample': 'API_KEY=changeme\n',
        '.env.template': 'API_KEY=\n',
        '.env.dist': 'API_KEY=\n',
        '.env.defaults': 'LOG_LEVEL=info\n',
        'src/env.ts': 'export const env = process.env;\n',
        'infra/terraform.tfstate': '{ "version": 4, "resources": [] }\n',
        'infra/main.tf': 'resource "aws_s3_bucket" "b" { bucket = "fixture" }\n',
        'web/.htpasswd': 'admin:$apr1$abcdefgh$0123456789abcdefghijkl\n',
        'assets/logo.png': binaryWithToken,
        'docs/keys.md': 'Never commit id_rsa, *.pem keys or .env files.\n',
        'keys/empty.key': '',
      },
      links: { 'linked/.env': '../.env', 'linked/key.pem': '../certs/key.pem' },
    });
    // The .env password is also reported by content (secret/generic-password); it must never
    // appear in the output either.

    result = await scanSecrets(listTree(root), new NodeFS(root));
    hits = result.hits;
  });

  afterAll(() => {
    if (root) removeTree(root);
  });

  it('finds exactly the planted secrets (rule, path, line)', () => {
    const got = hits.map(key).sort();
    const want = expected.map(key).sort();
    expect(got).toEqual(want);
  });

  it('reports name hits without a line and content hits with line, column and excerpt', () => {
    for (const h of hits) {
      if (h.kind === 'name') {
        expect(h.line).toBeUndefined();
        expect(h.excerpt).toBeUndefined();
      } else {
        expect(h.line).toBeGreaterThan(0);
        expect(h.column).toBeGreaterThan(0);
        expect(h.excerpt).toMatch(/^.{0,4}…$/u);
      }
      expect(h.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    }
    const sym = hits.find((h) => h.path === 'linked/.env');
    expect(sym).toMatchObject({ kind: 'name', symlink: true });
  });

  it('never outputs a planted secret (nor more than 4 characters of one)', () => {
    const json = JSON.stringify(result);
    for (const s of secrets) {
      expect(json.includes(s), `secret ${s.slice(0, 4)}… leaked`).toBe(false);
      // No 5-character window of a secret either (excerpts show at most 4).
      for (let i = 0; i + 8 <= s.length; i += 8) expect(json.includes(s.slice(i, i + 8))).toBe(false);
    }
  });

  it('counts scanned, binary and skipped files', () => {
    expect(result.skippedBinary).toBeGreaterThanOrEqual(2); // bundle.p12, logo.png
    expect(result.scannedFiles).toBeGreaterThan(20);
    expect(result.scannedBytes).toBeGreaterThan(10_000);
    expect(result.readErrors).toBe(0);
  });

  it('is deterministic across concurrency levels and filesystems', async () => {
    const entries = listTree(root);
    const one = await scanSecrets(entries, new NodeFS(root), { concurrency: 1 });
    const many = await scanSecrets(entries, new NodeFS(root), { concurrency: 32 });
    expect(one.hits).toEqual(hits);
    expect(many.hits).toEqual(hits);
  });
});
