// Cloud and infrastructure providers: formats from the providers' documentation (AWS IAM
// identifiers, Google API keys and OAuth clients, Azure storage, DigitalOcean, HashiCorp).
import { B62, B64, B64URL, HEX, UPPER_DIGITS, cat, corpus } from '../corpus-kit.js';

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

export default c.module();
