// Cloud and infrastructure providers: formats from the providers' documentation (AWS IAM
// identifiers, session tokens and Bedrock keys, Google API keys and OAuth clients, Azure, Cloudflare,
// Alibaba, DigitalOcean, HashiCorp, and the platforms of providers/cloud.ts).
import { B62, B64, B64URL, DIGITS, HEX, LOWER, UPPER, UPPER_DIGITS, cat, corpus, uuid } from '../corpus-kit.js';

const c = corpus('cloud', 0xc10d);
const r = c.r;

// ---- AWS: access key ids are 4-letter type prefix + 16 of [A-Z2-7]; secret keys 40 base64 ----
const awsSecret = (): string => cat(r('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 2), r('abcdefghijklmnopqrstuvwxyz', 2), r('0123456789', 2), r(B64, 34));
c.pos('secret/aws-access-key', 'AWS access key id AKIA', () => cat('AK', 'IA', r(UPPER_DIGITS, 16)), { key: 'AWS_ACCESS_KEY_ID', in: ['env', 'yaml', 'tf', 'py', 'gha'] });
c.pos('secret/aws-access-key', 'AWS temporary key id ASIA', () => cat('AS', 'IA', r(UPPER_DIGITS, 16)), { key: 'AWS_ACCESS_KEY_ID', in: ['json', 'sh'] });
c.near('secret/aws-access-key', 'AKIA id one character short', () => cat('AK', 'IA', r(UPPER_DIGITS, 15)), { key: 'AWS_ACCESS_KEY_ID', in: ['env'] });
c.near('secret/aws-access-key', 'AKIA inside a longer word', () => cat('X', 'AK', 'IA', r(UPPER_DIGITS, 16), 'Z'), { key: 'BUILD_LABEL', in: ['yaml'] });
c.placeholder('secret/aws-access-key', 'AWS documentation key id', () => cat('AK', 'IA', 'IOSFODNN7', 'EXAMPLE'), { key: 'AWS_ACCESS_KEY_ID', in: ['env', 'md'] });
c.placeholder('secret/aws-access-key', 'x-filled key id', () => cat('AK', 'IA', 'X'.repeat(16)), { key: 'AWS_ACCESS_KEY_ID', in: ['tfvars'] });

c.pos('secret/aws-secret-key', 'AWS secret access key', awsSecret, { key: 'AWS_SECRET_ACCESS_KEY', in: ['env', 'envQuoted', 'yaml', 'gha', 'dockerfile', 'sh'] });
c.pos('secret/aws-secret-key', 'aws_secret_access_key in an ini profile', awsSecret, { key: 'aws_secret_access_key', in: ['ini'] });
{
  const id = cat('AK', 'IA', r(UPPER_DIGITS, 16));
  const s = awsSecret();
  c.raw('pos', 'secret/aws-secret-key', 'AWS key pair on one CSV line', 'exports/iam-user.csv', `User name,Access key ID,Secret access key\nci-deployer,${id},${s}\n`, s, ['secret/aws-access-key']);
}
c.near('secret/aws-secret-key', 'a sha1 after the keyword', () => r(HEX, 40), { key: 'AWS_SECRET_ACCESS_KEY', in: ['env'] });
c.near('secret/aws-secret-key', '40 base64 chars under an unrelated key', awsSecret, { key: 'CACHE_SALT', in: ['yaml'] });
c.placeholder('secret/aws-secret-key', 'AWS documentation secret key', () => cat('wJalrXUtnFEMI/K7MDENG', '/bPxRfiCYEXAMPLEKEY'), { key: 'AWS_SECRET_ACCESS_KEY', in: ['env', 'md'] });
c.placeholder('secret/aws-secret-key', 'templated secret key', () => '${AWS_SECRET_ACCESS_KEY}', { key: 'AWS_SECRET_ACCESS_KEY', in: ['compose'] });

// ---- Google: API keys AIza + 35 [A-Za-z0-9_-]; OAuth client secrets GOCSPX- + 28 ----
c.pos('secret/google-api-key', 'Google API key', () => cat('AI', 'za', r(B64URL, 35)), { key: 'GOOGLE_MAPS_API_KEY', in: ['env', 'js', 'json', 'properties'] });
c.near('secret/google-api-key', 'AIza key one character short', () => cat('AI', 'za', r(B64URL, 34)), { key: 'GOOGLE_MAPS_API_KEY', in: ['env'] });
c.placeholder('secret/google-api-key', 'AIza key template', () => cat('AI', 'za', 'Sy', 'X'.repeat(33)), { key: 'GOOGLE_API_KEY', in: ['json'] });
c.pos('secret/google-oauth-secret', 'Google OAuth client secret', () => cat('GOC', 'SPX-', r(B64URL, 28)), { key: 'GOOGLE_CLIENT_SECRET', in: ['env', 'json', 'yaml'] });
c.near('secret/google-oauth-secret', 'GOCSPX- secret too short', () => cat('GOC', 'SPX-', r(B64URL, 20)), { key: 'GOOGLE_CLIENT_SECRET', in: ['env'] });
c.placeholder('secret/google-oauth-secret', 'GOCSPX- placeholder', () => cat('GOC', 'SPX-', 'your-client-secret-goes-here'), { key: 'GOOGLE_CLIENT_SECRET', in: ['yaml'] });

const pemBody = (): string => Array.from({ length: 20 }, () => r(B64, 64)).join('\\n');
{
  const v = `-----BEGIN PRIVATE KEY-----\\n${pemBody()}\\n-----END PRIVATE KEY-----\\n`;
  const text = `{\n  "type": "service_account",\n  "project_id": "orders-prod",\n  "private_key_id": "${r(HEX, 40)}",\n  "private_key": "${v}",\n  "client_email": "ci@orders-prod.iam.gserviceaccount.com"\n}\n`;
  c.raw('pos', 'secret/gcp-service-account', 'service-account key JSON', 'keys/sa.json', text, v);
}
c.raw('near-miss', 'secret/gcp-service-account', 'service-account JSON without a private key', 'keys/sa-public.json',
  `{\n  "type": "service_account",\n  "project_id": "orders-prod",\n  "client_email": "ci@orders-prod.iam.gserviceaccount.com",\n  "client_id": "${r('0123456789', 21)}"\n}\n`);
c.raw('placeholder', 'secret/gcp-service-account', 'service-account JSON template', 'keys/sa.template.json',
  `{\n  "type": "service_account",\n  "private_key": "-----BEGIN PRIVATE KEY-----\\n<your private key>\\n-----END PRIVATE KEY-----\\n"\n}\n`);

// ---- Azure storage: AccountKey= is 64 random bytes in base64 (86 chars + ==) ----
const azureKey = (): string => cat(r(B64, 86), '==');
c.pos('secret/azure-storage-key', 'storage connection string', () => `DefaultEndpointsProtocol=https;AccountName=ordersprod;AccountKey=${azureKey()};EndpointSuffix=core.windows.net`, { key: 'AZURE_STORAGE_CONNECTION_STRING', in: ['env', 'json', 'k8s'] });
c.near('secret/azure-storage-key', 'AccountKey too short', () => `AccountName=ordersprod;AccountKey=${r(B64, 40)}==`, { key: 'AZURE_STORAGE_CONNECTION_STRING', in: ['env'] });
c.placeholder('secret/azure-storage-key', 'Azurite development key marker', () => 'UseDevelopmentStorage=true;AccountName=devstoreaccount1;AccountKey=<account-key>', { key: 'AZURE_STORAGE_CONNECTION_STRING', in: ['json'] });

// ---- DigitalOcean: do[opr]_v1_ + 64 hex ----
c.pos('secret/digitalocean-token', 'DigitalOcean personal token', () => cat('dop', '_v1_', r(HEX, 64)), { key: 'DIGITALOCEAN_TOKEN', in: ['env', 'tfvars', 'gha'] });
c.pos('secret/digitalocean-token', 'DigitalOcean OAuth token', () => cat('doo', '_v1_', r(HEX, 64)), { key: 'DO_OAUTH_TOKEN', in: ['yaml'] });
c.near('secret/digitalocean-token', 'dop_v1_ with 63 hex', () => cat('dop', '_v1_', r(HEX, 63)), { key: 'DIGITALOCEAN_TOKEN', in: ['env'] });
c.placeholder('secret/digitalocean-token', 'dop_v1_ zeros', () => cat('dop', '_v1_', '0'.repeat(64)), { key: 'DIGITALOCEAN_TOKEN', in: ['tfvars'] });

// ---- HashiCorp Vault: hvs./hvb. service and batch tokens ----
c.pos('secret/vault-token', 'Vault service token', () => cat('hv', 's.', r(B64URL, 90)), { key: 'VAULT_TOKEN', in: ['env', 'sh', 'gha'] });
c.near('secret/vault-token', 'hvs. too short', () => cat('hv', 's.', r(B62, 10)), { key: 'VAULT_TOKEN', in: ['env'] });
c.placeholder('secret/vault-token', 'hvs. placeholder', () => cat('hv', 's.', 'your-vault-token-here-000000'), { key: 'VAULT_TOKEN', in: ['md'] });

// ---- Terraform Cloud: 14 chars . atlasv1 . 60-70 ----
c.pos('secret/terraform-token', 'Terraform Cloud user token', () => cat(r(B62, 14), '.atlas', 'v1.', r(B64URL, 67)), { key: 'TFE_TOKEN', in: ['env', 'tf', 'gha'] });
c.near('secret/terraform-token', 'atlasv1 with a short head', () => cat(r(B62, 9), '.atlas', 'v1.', r(B64URL, 67)), { key: 'TFE_TOKEN', in: ['env'] });
c.placeholder('secret/terraform-token', 'atlasv1 placeholder', () => cat('XXXXXXXXXXXXXX', '.atlas', 'v1.', 'x'.repeat(64)), { key: 'TFE_TOKEN', in: ['tf'] });

// ---- more AWS: the other credential prefixes (ABIA, ACCA); ids of IAM entities are not secrets ----
c.pos('secret/aws-access-key', 'AWS STS bearer token id ABIA', () => cat('AB', 'IA', r(UPPER_DIGITS, 16)), { key: 'AWS_BEARER_KEY_ID', in: ['env', 'yaml'] });
c.pos('secret/aws-access-key', 'AWS context-specific credential id ACCA', () => cat('AC', 'CA', r(UPPER_DIGITS, 16)), { key: 'AWS_CREDENTIAL_ID', in: ['json', 'py'] });
c.near('secret/aws-access-key', 'IAM user unique id AIDA (not a credential)', () => cat('AI', 'DA', r(UPPER_DIGITS, 17)), { key: 'IAM_USER_ID', in: ['yaml', 'json'] });
c.near('secret/aws-access-key', 'IAM role unique id AROA (not a credential)', () => cat('AR', 'OA', r(UPPER_DIGITS, 17)), { key: 'ROLE_UNIQUE_ID', in: ['env'] });

// ---- AWS session tokens: base64 blobs starting IQoJb3JpZ2lu (current) or FwoGZXIvYXdzE (older) ----
const mixedOf = (alphabet: string, n: number): string => cat(r(UPPER, 1), r(LOWER, 1), r(DIGITS, 1), r(alphabet, n - 3));
c.pos('secret/aws-session-token', 'STS session token IQoJ…', () => cat('IQoJb3', 'JpZ2lu', r(B64, 360)), { key: 'AWS_SESSION_TOKEN', in: ['env', 'ini', 'json', 'gha'] });
c.pos('secret/aws-session-token', 'older STS session token FwoG…', () => cat('FwoGZX', 'IvYXdzE', r(B64, 280)), { key: 'aws_session_token', in: ['ini'] });
c.pos('secret/aws-session-token', 'session token by its key', () => mixedOf(B64, 300), { key: 'AWS_SESSION_TOKEN', in: ['yaml', 'sh'] });
c.near('secret/aws-session-token', 'IQoJ… cut short', () => cat('IQoJb3', 'JpZ2lu', r(B64, 40)), { key: 'AWS_SESSION_TOKEN', in: ['env'] });
c.placeholder('secret/aws-session-token', 'templated session token', () => '${AWS_SESSION_TOKEN}', { key: 'AWS_SESSION_TOKEN', in: ['compose', 'env'] });

// ---- Amazon Bedrock API keys: ABSK + base64("BedrockAPIKey-…"), bedrock-api-key- + base64(pre-signed URL) ----
const b64 = (s: string): string => Buffer.from(s, 'latin1').toString('base64');
const bedrockLong = (): string => cat('AB', 'SK', b64(cat('Bedrock', 'APIKey-', r(B62, 4), '-at-', r(DIGITS, 12), ':', r(B64, 40))));
const bedrockShort = (): string =>
  cat('bedrock-', 'api-key-', b64(cat('bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=', 'AS', 'IA', r(UPPER_DIGITS, 16), '%2F20251201%2Fus-east-1%2Fbedrock%2Faws4_request&X-Amz-Expires=43200&X-Amz-Signature=', r(HEX, 64), '&Version=1')));
c.pos('secret/aws-bedrock-key', 'Bedrock long-term API key', bedrockLong, { key: 'AWS_BEARER_TOKEN_BEDROCK', in: ['env', 'py', 'json'] });
c.pos('secret/aws-bedrock-key', 'Bedrock short-term API key', bedrockShort, { key: 'AWS_BEARER_TOKEN_BEDROCK', in: ['env', 'yaml'] });
c.near('secret/aws-bedrock-key', 'ABSK + base64 of something else', () => cat('AB', 'SK', b64(cat('Other', r(B62, 40)))), { key: 'AWS_BEARER_TOKEN_BEDROCK', in: ['env'] });
c.placeholder('secret/aws-bedrock-key', 'Bedrock key placeholder', () => '<your-bedrock-api-key>', { key: 'AWS_BEARER_TOKEN_BEDROCK', in: ['env', 'md'] });

// ---- Azure: Entra client secrets (…Q~…, 40), shared access keys (44 base64), SAS sig= ----
const ENTRA = `${B62}_~.-`;
const entra = (): string => cat(r(B62, 3), r(DIGITS, 1), 'Q', '~', mixedOf(ENTRA, 34));
c.pos('secret/azure-client-secret', 'Entra ID client secret', entra, { key: 'AZURE_CLIENT_SECRET', in: ['env', 'json', 'yaml', 'tfvars', 'k8s'] });
c.near('secret/azure-client-secret', 'Entra secret one character short', () => entra().slice(0, 39), { key: 'AZURE_CLIENT_SECRET', in: ['env'] });
c.placeholder('secret/azure-client-secret', 'Entra secret x-filled', () => cat('abc1', 'Q~', 'x'.repeat(34)), { key: 'AZURE_CLIENT_SECRET', in: ['json'] });
const sbKey = (): string => cat(mixedOf(B64, 43), '=');
c.pos('secret/azure-shared-access-key', 'Service Bus connection string', () => `Endpoint=sb://orders.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${sbKey()}`, { key: 'SERVICEBUS_CONNECTION_STRING', in: ['env', 'json', 'k8s'] });
c.pos('secret/azure-shared-access-key', 'Event Hubs connection string', () => `Endpoint=sb://events.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${sbKey()};EntityPath=orders`, { key: 'EVENTHUB_CONNECTION_STRING', in: ['yaml'] });
c.near('secret/azure-shared-access-key', 'SharedAccessKey too short', () => `Endpoint=sb://orders.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${r(B64, 20)}=`, { key: 'SERVICEBUS_CONNECTION_STRING', in: ['env'] });
c.placeholder('secret/azure-shared-access-key', 'SharedAccessKey placeholder', () => 'Endpoint=sb://orders.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=<key>', { key: 'SERVICEBUS_CONNECTION_STRING', in: ['json'] });
const sig = (): string => encodeURIComponent(cat(mixedOf(B64, 43), '='));
const sasQuery = (): string => `sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-06-30T00:00:00Z&st=2025-06-01T00:00:00Z&spr=https&sig=${sig()}`;
c.pos('secret/azure-sas-token', 'blob SAS URL', () => `https://ordersprod.blob.core.windows.net/exports/report.csv?${sasQuery()}`, { key: 'EXPORT_BLOB_SAS_URL', in: ['env', 'json', 'yaml'] });
c.pos('secret/azure-sas-token', 'account SAS token', () => `?${sasQuery()}`, { key: 'AZURE_STORAGE_SAS_TOKEN', in: ['env', 'tfvars'] });
c.near('secret/azure-sas-token', 'sig= without a dated sv=', () => `https://cdn.internal/img/logo.png?expires=1767225600&sig=${sig()}`, { key: 'LOGO_URL', in: ['env'] });
c.placeholder('secret/azure-sas-token', 'SAS placeholder signature', () => 'https://ordersprod.blob.core.windows.net/exports?sv=2022-11-02&se=2026-01-01&sp=r&sig=<signature>', { key: 'EXPORT_BLOB_SAS_URL', in: ['json'] });

// ---- Cloudflare: origin CA keys v1.0-<24 hex>-<146 hex>; API tokens (40) and global keys (37 hex) keyed ----
const hexMixed = (n: number): string => cat(r('abcdef', 1), r(DIGITS, 1), r(HEX, n - 2));
c.pos('secret/cloudflare-key', 'Cloudflare origin CA key', () => cat('v1', '.0-', hexMixed(24), '-', hexMixed(146)), { key: 'CLOUDFLARE_ORIGIN_CA_KEY', in: ['env', 'yaml'] });
c.pos('secret/cloudflare-key', 'Cloudflare API token', () => mixedOf(B64URL, 40), { key: 'CLOUDFLARE_API_TOKEN', in: ['env', 'tfvars', 'gha', 'json'] });
c.pos('secret/cloudflare-key', 'Cloudflare global API key', () => hexMixed(37), { key: 'CLOUDFLARE_API_KEY', in: ['env', 'yaml'] });
c.near('secret/cloudflare-key', 'origin CA key cut short', () => cat('v1', '.0-', hexMixed(24), '-', hexMixed(100)), { key: 'CLOUDFLARE_ORIGIN_CA_KEY', in: ['env'] });
c.near('secret/cloudflare-key', 'Cloudflare token of lower-case letters only', () => r(LOWER, 40), { key: 'CLOUDFLARE_API_TOKEN', in: ['yaml'] });
c.placeholder('secret/cloudflare-key', 'Cloudflare token placeholder', () => 'your-cloudflare-api-token', { key: 'CLOUDFLARE_API_TOKEN', in: ['env', 'md'] });

// ---- Alibaba Cloud: LTAI + 12-20 id; 30-character secret keyed ----
c.pos('secret/alibaba-key', 'Alibaba AccessKey id', () => cat('LT', 'AI', mixedOf(B62, 20)), { key: 'ALIBABA_CLOUD_ACCESS_KEY_ID', in: ['env', 'yaml', 'py'] });
c.pos('secret/alibaba-key', 'Alibaba AccessKey secret', () => mixedOf(B62, 30), { key: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', in: ['env', 'json', 'toml'] });
c.near('secret/alibaba-key', 'LTAI + upper-case word', () => cat('LT', 'AI', r(UPPER, 16)), { key: 'ALIBABA_CLOUD_ACCESS_KEY_ID', in: ['env'] });
c.placeholder('secret/alibaba-key', 'LTAI x-filled', () => cat('LT', 'AI', 'x'.repeat(16)), { key: 'ALIBABA_CLOUD_ACCESS_KEY_ID', in: ['md'] });

// ---- token prefixes: Databricks, Heroku, Fly.io, Netlify, Vercel, OpenShift, PlanetScale, Doppler, Pulumi ----
c.pos('secret/databricks-token', 'Databricks token', () => cat('da', 'pi', hexMixed(32)), { key: 'DATABRICKS_TOKEN', in: ['env', 'yaml', 'gha'] });
c.pos('secret/databricks-token', 'Databricks token with -N suffix', () => cat('da', 'pi', hexMixed(32), '-2'), { key: 'DATABRICKS_TOKEN', in: ['json'] });
c.near('secret/databricks-token', 'dapi + 31 hex', () => cat('da', 'pi', hexMixed(31)), { key: 'DATABRICKS_TOKEN', in: ['env'] });
c.placeholder('secret/databricks-token', 'dapi zeros', () => cat('da', 'pi', '0'.repeat(32)), { key: 'DATABRICKS_TOKEN', in: ['md'] });
c.pos('secret/heroku-key', 'Heroku HRKU- key', () => cat('HR', 'KU-', mixedOf(B64URL, 60)), { key: 'HEROKU_API_KEY', in: ['env', 'gha'] });
c.pos('secret/heroku-key', 'Heroku legacy uuid key', () => uuid(r), { key: 'HEROKU_API_KEY', in: ['env', 'yaml', 'json'] });
c.near('secret/heroku-key', 'HRKU- cut short', () => cat('HR', 'KU-', mixedOf(B64URL, 40)), { key: 'HEROKU_API_KEY', in: ['env'] });
c.placeholder('secret/heroku-key', 'Heroku key template', () => '${HEROKU_API_KEY}', { key: 'HEROKU_API_KEY', in: ['compose'] });
c.pos('secret/flyio-token', 'Fly.io org token fo1_', () => cat('fo', '1_', mixedOf(B64URL, 43)), { key: 'FLY_API_TOKEN', in: ['env', 'gha'] });
c.pos('secret/flyio-token', 'Fly.io macaroon fm2_', () => cat('fm', '2_', mixedOf(B64, 240)), { key: 'FLY_API_TOKEN', in: ['yaml', 'json'] });
c.near('secret/flyio-token', 'fo1_ cut short', () => cat('fo', '1_', mixedOf(B64URL, 20)), { key: 'FLY_API_TOKEN', in: ['env'] });
c.placeholder('secret/flyio-token', 'fo1_ x-filled', () => cat('fo', '1_', 'x'.repeat(43)), { key: 'FLY_API_TOKEN', in: ['md'] });
c.pos('secret/fastly-token', 'Fastly API token', () => mixedOf(B64URL, 32), { key: 'FASTLY_API_TOKEN', in: ['env', 'json', 'tfvars'] });
c.near('secret/fastly-token', 'Fastly token of lower-case letters only', () => r(LOWER, 32), { key: 'FASTLY_API_TOKEN', in: ['env'] });
c.placeholder('secret/fastly-token', 'Fastly token placeholder', () => 'your-fastly-api-token', { key: 'FASTLY_API_TOKEN', in: ['yaml'] });
c.pos('secret/netlify-token', 'Netlify nfp_ token', () => cat('nf', 'p_', mixedOf(B62, 36)), { key: 'NETLIFY_AUTH_TOKEN', in: ['env', 'gha', 'toml'] });
c.pos('secret/netlify-token', 'Netlify legacy token', () => mixedOf(B64URL, 43), { key: 'NETLIFY_AUTH_TOKEN', in: ['yaml'] });
c.near('secret/netlify-token', 'nfp_ cut short', () => cat('nf', 'p_', mixedOf(B62, 20)), { key: 'NETLIFY_AUTH_TOKEN', in: ['env'] });
c.placeholder('secret/netlify-token', 'nfp_ X-filled', () => cat('nf', 'p_', 'X'.repeat(36)), { key: 'NETLIFY_AUTH_TOKEN', in: ['md'] });
c.pos('secret/vercel-token', 'Vercel personal token vcp_', () => cat('vc', 'p_', mixedOf(B62, 56)), { key: 'VERCEL_TOKEN', in: ['env', 'gha'] });
c.pos('secret/vercel-token', 'Vercel API key vck_', () => cat('vc', 'k_', mixedOf(B62, 56)), { key: 'VERCEL_API_KEY', in: ['json'] });
c.pos('secret/vercel-token', 'Vercel legacy token', () => mixedOf(B62, 24), { key: 'VERCEL_TOKEN', in: ['yaml', 'env'] });
c.near('secret/vercel-token', 'vcp_ cut short', () => cat('vc', 'p_', mixedOf(B62, 12)), { key: 'VERCEL_TOKEN', in: ['env'] });
c.placeholder('secret/vercel-token', 'Vercel token template', () => '${{ secrets.VERCEL_TOKEN }}', { key: 'VERCEL_TOKEN', in: ['gha'] });
c.pos('secret/openshift-token', 'OpenShift sha256~ token', () => cat('sha', '256~', mixedOf(B64URL, 43)), { key: 'OPENSHIFT_TOKEN', in: ['env', 'sh', 'yaml'] });
c.near('secret/openshift-token', 'sha256~ cut short', () => cat('sha', '256~', mixedOf(B64URL, 20)), { key: 'OPENSHIFT_TOKEN', in: ['env'] });
c.placeholder('secret/openshift-token', 'sha256~ x-filled', () => cat('sha', '256~', 'x'.repeat(43)), { key: 'OPENSHIFT_TOKEN', in: ['md'] });
c.pos('secret/planetscale-token', 'PlanetScale service token', () => cat('pscale', '_tkn_', mixedOf(B64URL, 43)), { key: 'PLANETSCALE_SERVICE_TOKEN', in: ['env', 'yaml'] });
c.pos('secret/planetscale-token', 'PlanetScale password', () => cat('pscale', '_pw_', mixedOf(B64URL, 43)), { key: 'DATABASE_PASSWORD', in: ['json', 'env'] });
c.pos('secret/planetscale-token', 'PlanetScale OAuth token', () => cat('pscale', '_oauth_', mixedOf(B64URL, 43)), { key: 'PLANETSCALE_TOKEN', in: ['properties'] });
c.near('secret/planetscale-token', 'pscale_tkn_ cut short', () => cat('pscale', '_tkn_', mixedOf(B64URL, 12)), { key: 'PLANETSCALE_SERVICE_TOKEN', in: ['env'] });
c.placeholder('secret/planetscale-token', 'pscale_pw_ x-filled', () => cat('pscale', '_pw_', 'x'.repeat(43)), { key: 'DATABASE_PASSWORD', in: ['md'] });
c.pos('secret/doppler-token', 'Doppler personal token', () => cat('dp', '.pt.', mixedOf(B62, 43)), { key: 'DOPPLER_TOKEN', in: ['env', 'gha'] });
c.pos('secret/doppler-token', 'Doppler service token with config', () => cat('dp', '.st.', 'prd.', mixedOf(B62, 44)), { key: 'DOPPLER_TOKEN', in: ['yaml', 'json'] });
c.pos('secret/doppler-token', 'Doppler service-account token', () => cat('dp', '.sa.', mixedOf(B62, 43)), { key: 'DOPPLER_TOKEN', in: ['sh'] });
c.near('secret/doppler-token', 'dp.pt. cut short', () => cat('dp', '.pt.', mixedOf(B62, 20)), { key: 'DOPPLER_TOKEN', in: ['env'] });
c.placeholder('secret/doppler-token', 'dp.st. x-filled', () => cat('dp', '.st.', 'x'.repeat(40)), { key: 'DOPPLER_TOKEN', in: ['md'] });
c.pos('secret/pulumi-token', 'Pulumi access token', () => cat('pu', 'l-', hexMixed(40)), { key: 'PULUMI_ACCESS_TOKEN', in: ['env', 'gha', 'yaml'] });
c.near('secret/pulumi-token', 'pul- + 39 hex', () => cat('pu', 'l-', hexMixed(39)), { key: 'PULUMI_ACCESS_TOKEN', in: ['env'] });
c.placeholder('secret/pulumi-token', 'pul- zeros', () => cat('pu', 'l-', '0'.repeat(40)), { key: 'PULUMI_ACCESS_TOKEN', in: ['md'] });

// ---- Vault: recovery tokens hvr., legacy s. tokens next to the word vault ----
c.pos('secret/vault-token', 'Vault recovery token', () => cat('hv', 'r.', r(B64URL, 90)), { key: 'VAULT_TOKEN', in: ['env'] });
c.pos('secret/vault-token', 'Vault legacy s. token', () => cat('s', '.', mixedOf(B62, 24)), { key: 'VAULT_TOKEN', in: ['env', 'yaml', 'gha'] });
c.near('secret/vault-token', 'legacy s. token of upper-case letters only', () => cat('s', '.', r(UPPER, 24)), { key: 'VAULT_TOKEN', in: ['yaml'] });

// ---- Confluent, Dynatrace, ClickHouse, Octopus, Harness, Infracost, Scalingo ----
c.pos('secret/confluent-key', 'Confluent Cloud API secret', () => mixedOf(B64, 64), { key: 'CONFLUENT_CLOUD_API_SECRET', in: ['env', 'json', 'properties'] });
c.pos('secret/confluent-key', 'Confluent Cloud API key id (a note)', () => cat(r(UPPER, 1), r(DIGITS, 1), r(cat(UPPER, DIGITS), 14)), { key: 'CONFLUENT_CLOUD_API_KEY', in: ['env', 'yaml'] });
c.near('secret/confluent-key', 'Confluent secret of lower-case letters only', () => r(LOWER, 64), { key: 'CONFLUENT_CLOUD_API_SECRET', in: ['env'] });
c.placeholder('secret/confluent-key', 'Confluent secret placeholder', () => '<confluent-api-secret>', { key: 'CONFLUENT_CLOUD_API_SECRET', in: ['env', 'md'] });
const UD = cat(UPPER, DIGITS);
const upperMixed = (n: number): string => cat(r(UPPER, 1), r(DIGITS, 1), r(UD, n - 2));
c.pos('secret/dynatrace-token', 'Dynatrace API token', () => cat('dt0', 'c01.', upperMixed(24), '.', upperMixed(64)), { key: 'DT_API_TOKEN', in: ['env', 'yaml', 'gha'] });
c.near('secret/dynatrace-token', 'dt0c01. with a short secret', () => cat('dt0', 'c01.', upperMixed(24), '.', upperMixed(32)), { key: 'DT_API_TOKEN', in: ['env'] });
c.placeholder('secret/dynatrace-token', 'dt0c01. X-filled', () => cat('dt0', 'c01.', 'X'.repeat(24), '.', 'X'.repeat(64)), { key: 'DT_API_TOKEN', in: ['md'] });
c.pos('secret/clickhouse-key', 'ClickHouse Cloud key secret', () => cat('4b', '1d', mixedOf(B62, 38)), { key: 'CLICKHOUSE_KEY_SECRET', in: ['env', 'json', 'yaml'] });
c.near('secret/clickhouse-key', '4b1d… lower-case hex digest', () => cat('4b', '1d', r(HEX, 38)), { key: 'CLICKHOUSE_KEY_SECRET', in: ['env'] });
c.placeholder('secret/clickhouse-key', '4b1d x-filled', () => cat('4b', '1d', 'x'.repeat(38)), { key: 'CLICKHOUSE_KEY_SECRET', in: ['md'] });
c.pos('secret/octopus-key', 'Octopus Deploy API key', () => cat('AP', 'I-', upperMixed(28)), { key: 'OCTOPUS_API_KEY', in: ['env', 'json', 'yaml'] });
c.near('secret/octopus-key', 'API- + 20 characters', () => cat('AP', 'I-', upperMixed(20)), { key: 'OCTOPUS_API_KEY', in: ['env'] });
c.placeholder('secret/octopus-key', 'API- X-filled', () => cat('AP', 'I-', 'X'.repeat(28)), { key: 'OCTOPUS_API_KEY', in: ['md'] });
const harness = (p: string): string => cat(p, '.', r(B64URL, 22), '.', mixedOf(B62, 24), '.', mixedOf(B62, 20));
c.pos('secret/harness-token', 'Harness personal access token', () => harness('pat'), { key: 'HARNESS_PLATFORM_API_KEY', in: ['env', 'yaml'] });
c.pos('secret/harness-token', 'Harness service-account token', () => harness('sat'), { key: 'HARNESS_API_KEY', in: ['json'] });
c.near('secret/harness-token', 'pat. without its secret part', () => harness('pat').split('.').slice(0, 3).join('.'), { key: 'HARNESS_PLATFORM_API_KEY', in: ['env'] });
c.placeholder('secret/harness-token', 'Harness token template', () => 'pat.<account-id>.<token-id>.<secret>', { key: 'HARNESS_PLATFORM_API_KEY', in: ['md'] });
c.pos('secret/infracost-key', 'Infracost API key', () => cat('ic', 'o-', mixedOf(B62, 32)), { key: 'INFRACOST_API_KEY', in: ['env', 'gha', 'yaml'] });
c.near('secret/infracost-key', 'ico- cut short', () => cat('ic', 'o-', mixedOf(B62, 16)), { key: 'INFRACOST_API_KEY', in: ['env'] });
c.placeholder('secret/infracost-key', 'ico- x-filled', () => cat('ic', 'o-', 'x'.repeat(32)), { key: 'INFRACOST_API_KEY', in: ['md'] });
c.pos('secret/scalingo-token', 'Scalingo API token', () => cat('tk-', 'us-', mixedOf(B64URL, 48)), { key: 'SCALINGO_API_TOKEN', in: ['env', 'sh'] });
c.near('secret/scalingo-token', 'tk-us- cut short', () => cat('tk-', 'us-', mixedOf(B64URL, 20)), { key: 'SCALINGO_API_TOKEN', in: ['env'] });
c.placeholder('secret/scalingo-token', 'tk-us- x-filled', () => cat('tk-', 'us-', 'x'.repeat(48)), { key: 'SCALINGO_API_TOKEN', in: ['md'] });

export default c.module();
