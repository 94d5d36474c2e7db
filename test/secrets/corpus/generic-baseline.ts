// Generic credential shapes already detected before issue #15 (passwords in URLs, JWTs).
// New generic forms live in their own modules of the same family.
import { createHmac } from 'node:crypto';
import { B62, cat, corpus } from '../corpus-kit.js';

const c = corpus('generic', 0x6e7);
const r = c.r;

c.pos('secret/url-password', 'Postgres URL password', () => r(B62, 18), { key: 'x', in: [(_k, v) => ({ file: '.env.production', text: `DATABASE_URL=postgresql://orders:${v}@db.internal:5432/orders\n` })] });
c.pos('secret/url-password', 'Redis URL password', () => r(B62, 24), { key: 'x', in: [(_k, v) => ({ file: 'config/cache.yml', text: `cache:\n  url: redis://:${v}@redis.internal:6379/0\n` })] });
c.pos('secret/url-password', 'JDBC password parameter', () => r(B62, 16), { key: 'x', in: [(_k, v) => ({ file: 'src/main/resources/application.properties', text: `spring.datasource.url=jdbc:mysql://db.internal/app?user=app&password=${v}\n` })] });
c.near('secret/url-password', 'URL with a user but no password', () => 'deploy', { key: 'x', in: [(_k, v) => ({ file: 'config/repo.yml', text: `remote: https://${v}@git.internal/org/repo.git\n` })] });
c.placeholder('secret/url-password', 'user:password placeholder URL', () => 'password', { key: 'x', in: [(_k, v) => ({ file: 'docs/db.md', text: `Connect with postgres://user:${v}@localhost/db\n` })] });
c.placeholder('secret/url-password', 'templated URL password', () => '${DB_PASSWORD}', { key: 'x', in: [(_k, v) => ({ file: 'docker-compose.yml', text: `services:\n  api:\n    environment:\n      - DATABASE_URL=postgres://app:${v}@db/app\n` })] });

const jwt = (claims: object): string => {
  const enc = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = enc({ alg: 'HS256', typ: 'JWT' });
  const body = enc(claims);
  return `${head}.${body}.${createHmac('sha256', r(B62, 32)).update(`${head}.${body}`).digest('base64url')}`;
};
c.pos('secret/jwt', 'signed JWT', () => jwt({ sub: `svc-${r(B62, 8)}`, iat: 1_700_000_000, scope: 'admin' }), { key: 'SERVICE_JWT', in: ['env', 'shCurl', 'json'] });
c.near('secret/jwt', 'unsigned alg:none JWT', () => {
  const enc = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return cat(enc({ alg: 'none', typ: 'JWT' }), '.', enc({ sub: r(B62, 8), iat: 1_700_000_000 }), '.', r(B62, 20));
}, { key: 'SERVICE_JWT', in: ['env'] });
c.placeholder('secret/jwt', 'jwt.io sample token', () => {
  const enc = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = enc({ alg: 'HS256', typ: 'JWT' });
  const body = enc({ sub: '1234567890', name: 'John Doe', iat: 1516239022 });
  return `${head}.${body}.${createHmac('sha256', 'your-256-bit-secret').update(`${head}.${body}`).digest('base64url')}`;
}, { key: 'SERVICE_JWT', in: ['md'] });

export default c.module();
