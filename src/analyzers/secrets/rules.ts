// The secret rule registry. Every `rule` id in a SecretHit is a public contract (baselines,
// SARIF, README), so the ids and their one-line descriptions live here once.

export type SecretRuleKind = 'name' | 'content' | 'both';

export interface SecretRuleInfo {
  id: string;
  /** 'name': found from the path alone; 'content': found in file text; 'both': either. */
  kind: SecretRuleKind;
  description: string;
}

const R = <const T extends readonly SecretRuleInfo[]>(rules: T): T => rules;

const RULES = R([
  // Keys and key stores.
  { id: 'secret/private-key', kind: 'both', description: 'A private key: a PEM/OpenSSH/PGP/PuTTY private key block in a text file, or a key file by name (id_rsa, id_ed25519, *.key, *.ppk, …).' },
  { id: 'secret/keystore', kind: 'name', description: 'A key store or password database (*.p12, *.pfx, *.jks, *.jceks, *.keystore, *.bks, *.kdbx).' },
  // Whole credential files.
  { id: 'secret/dotenv', kind: 'name', description: 'A non-empty dotenv file (.env, .env.local, .env.production, prod.env, …); templates (.env.example, .env.sample, .env.template, .env.dist, .env.defaults, …) and encrypted forms (.env.vault, .env.enc) are not flagged.' },
  { id: 'secret/cloud-credentials', kind: 'name', description: 'A cloud CLI credential file: ~/.aws/credentials, AWS *accessKeys.csv, .s3cfg, gcloud credential stores and application_default_credentials.json, Azure CLI token caches and service principal files.' },
  { id: 'secret/google-oauth-secret', kind: 'content', description: 'A Google OAuth client secret (GOCSPX-…).' },
  { id: 'secret/gcp-service-account', kind: 'content', description: 'A Google Cloud service-account key (JSON with "type": "service_account" and a private_key).' },
  { id: 'secret/npmrc', kind: 'both', description: 'An .npmrc holding a registry credential (_authToken, _auth, _password); ${VAR} references are not flagged.' },
  { id: 'secret/pypirc', kind: 'both', description: 'A .pypirc holding a password or token.' },
  { id: 'secret/netrc', kind: 'both', description: 'A .netrc/_netrc holding a password.' },
  { id: 'secret/git-credentials', kind: 'both', description: 'A .git-credentials file holding a URL with a password or token.' },
  { id: 'secret/docker-config', kind: 'both', description: 'A Docker client config (.docker/config.json, .dockercfg) with a non-empty auths.*.auth or identity token.' },
  { id: 'secret/kubeconfig', kind: 'both', description: 'A kubeconfig: a file named config under .kube/, or a YAML "kind: Config" with client-key-data, token, password or auth-provider tokens.' },
  { id: 'secret/tfstate', kind: 'name', description: 'A Terraform state file (*.tfstate, *.tfstate.backup); state holds resource secrets in clear text.' },
  { id: 'secret/htpasswd', kind: 'name', description: 'An Apache .htpasswd password file.' },
  { id: 'secret/pgpass', kind: 'name', description: 'A PostgreSQL .pgpass password file.' },
  { id: 'secret/vault-token', kind: 'both', description: 'A HashiCorp Vault token: a .vault-token file, an hvs./hvb./hvr. token, or a legacy s. token next to the word vault.' },
  // Tokens found in any text file.
  { id: 'secret/aws-access-key', kind: 'content', description: 'An AWS access key id (AKIA…, temporary ASIA…) or the id of an STS bearer token (ABIA…) or context-specific credential (ACCA…); ids of users, roles and other IAM entities (AIDA…, AROA…) are not secrets and not flagged.' },
  { id: 'secret/aws-secret-key', kind: 'content', description: 'An AWS secret access key: 40 base64 characters next to aws_secret_access_key / SecretAccessKey, or on the line of an access key id.' },
  { id: 'secret/github-token', kind: 'content', description: 'A GitHub token (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_).' },
  { id: 'secret/gitlab-token', kind: 'content', description: 'A GitLab token (glpat-, glptt-, gldt-, glrt-, glsoat-, glcbt-, …).' },
  { id: 'secret/npm-token', kind: 'content', description: 'An npm access token (npm_…).' },
  { id: 'secret/slack-token', kind: 'content', description: 'A Slack token (xoxb-, xoxp-, xoxa-, xoxr-, xoxs-, xoxe-, xoxo-, xapp-).' },
  { id: 'secret/slack-webhook', kind: 'content', description: 'A Slack incoming-webhook or workflow URL (hooks.slack.com/services/…), with or without https://.' },
  { id: 'secret/discord-webhook', kind: 'content', description: 'A Discord webhook URL (discord.com/api/webhooks/…).' },
  { id: 'secret/stripe-key', kind: 'content', description: 'A Stripe secret key (sk_live_) or webhook secret (whsec_); restricted keys (rk_live_) and test keys (sk_test_, rk_test_) are notes.' },
  { id: 'secret/google-api-key', kind: 'content', description: 'A Google API key (AIza…), Gemini API keys included.' },
  { id: 'secret/url-password', kind: 'content', description: 'A URL, DSN or connection string with an embedded password (scheme://user:password@host, JDBC ;password=, ADO.NET Password=); placeholders such as user:password@ or ${VAR} are not flagged.' },
  { id: 'secret/jwt', kind: 'content', description: 'A signed JSON Web Token (three base64url parts with a JSON header naming an algorithm), also base64-encoded (ZXlK…).' },
  { id: 'secret/openai-key', kind: 'content', description: 'An OpenAI API key (sk-proj-…, sk-svcacct-…, sk-admin-…, legacy sk-…).' },
  { id: 'secret/anthropic-key', kind: 'content', description: 'An Anthropic API or Admin API key (sk-ant-api03-/sk-ant-admin01- + 93 + AA; other sk-ant- kinds by prefix).' },
  { id: 'secret/sendgrid-key', kind: 'content', description: 'A SendGrid API key (SG.….…).' },
  { id: 'secret/twilio-key', kind: 'content', description: 'A Twilio API key SID (SK + 32 hex), or a 32-hex auth token next to the word twilio.' },
  { id: 'secret/shopify-token', kind: 'content', description: 'A Shopify access token or shared secret (shpat_, shpss_, shpca_, shppa_).' },
  { id: 'secret/huggingface-token', kind: 'content', description: 'A Hugging Face access token (hf_…).' },
  { id: 'secret/digitalocean-token', kind: 'content', description: 'A DigitalOcean token (dop_v1_, doo_v1_, dor_v1_).' },
  { id: 'secret/pypi-token', kind: 'content', description: 'A PyPI upload token (pypi-AgEIcHlwaS5vcmc…).' },
  { id: 'secret/dockerhub-token', kind: 'content', description: 'A Docker Hub personal access token (dckr_pat_…).' },
  { id: 'secret/linear-key', kind: 'content', description: 'A Linear API key (lin_api_…).' },
  { id: 'secret/1password-token', kind: 'content', description: 'A 1Password service-account token (ops_ey…) or account secret key (A3-…, the Emergency Kit form).' },
  { id: 'secret/azure-storage-key', kind: 'content', description: 'An Azure storage or Cosmos DB account key in a connection string (AccountKey=…).' },
  { id: 'secret/terraform-token', kind: 'content', description: 'A Terraform Cloud / Enterprise API token (….atlasv1.…).' },
  { id: 'secret/age-key', kind: 'content', description: 'An age encryption secret key (AGE-SECRET-KEY-1…).' },
  // Cloud, infrastructure and AI providers (providers/cloud.ts, providers/ai.ts).
  { id: 'secret/aws-session-token', kind: 'content', description: 'An AWS STS session token (IQoJb3JpZ2lu…, FwoGZXIvYXdzE…), or a long base64 value assigned to aws_session_token / security_token.' },
  { id: 'secret/aws-bedrock-key', kind: 'content', description: 'An Amazon Bedrock API key (long-term ABSK…, short-term bedrock-api-key-…).' },
  { id: 'secret/azure-client-secret', kind: 'content', description: 'An Azure Entra ID (Azure AD) application client secret (40 characters with Q~ at positions 4-5).' },
  { id: 'secret/azure-shared-access-key', kind: 'content', description: 'An Azure Service Bus / Event Hubs / Relay / IoT Hub shared access key in a connection string (SharedAccessKey=…).' },
  { id: 'secret/azure-sas-token', kind: 'content', description: 'An Azure shared access signature: sig= in a query with a dated signed version sv=YYYY-MM-DD.' },
  { id: 'secret/cloudflare-key', kind: 'content', description: 'A Cloudflare origin CA key (v1.0-…), or an API token or global API key next to the word cloudflare.' },
  { id: 'secret/alibaba-key', kind: 'content', description: 'An Alibaba Cloud AccessKey id (LTAI…) or AccessKey secret next to the word alibaba/aliyun.' },
  { id: 'secret/databricks-token', kind: 'content', description: 'A Databricks personal access token (dapi + 32 hex) assigned to a key.' },
  { id: 'secret/heroku-key', kind: 'content', description: 'A Heroku API key (HRKU-…), or a legacy uuid key next to the word heroku.' },
  { id: 'secret/flyio-token', kind: 'content', description: 'A Fly.io access token (fo1_…, fm1r_/fm1a_/fm2_ macaroons).' },
  { id: 'secret/fastly-token', kind: 'content', description: 'A Fastly API token (32 characters next to the word fastly).' },
  { id: 'secret/netlify-token', kind: 'content', description: 'A Netlify personal access token (nfp_…), or a legacy token next to the word netlify.' },
  { id: 'secret/vercel-token', kind: 'content', description: 'A Vercel token or API key (vcp_, vci_, vca_, vcr_, vck_), or a legacy 24-character token next to the word vercel.' },
  { id: 'secret/openshift-token', kind: 'content', description: 'An OpenShift OAuth access token (sha256~…).' },
  { id: 'secret/planetscale-token', kind: 'content', description: 'A PlanetScale service token, OAuth token or database password (pscale_tkn_, pscale_oauth_, pscale_pw_).' },
  { id: 'secret/doppler-token', kind: 'content', description: 'A Doppler token (dp.pt., dp.st., dp.sa., dp.ct., dp.scim., dp.audit.).' },
  { id: 'secret/pulumi-token', kind: 'content', description: 'A Pulumi access token (pul- + 40 hex).' },
  { id: 'secret/confluent-key', kind: 'content', description: 'A Confluent Cloud API secret next to the word confluent; the 16-character API key id is a note.' },
  { id: 'secret/dynatrace-token', kind: 'content', description: 'A Dynatrace API token (dt0c01.….…).' },
  { id: 'secret/clickhouse-key', kind: 'content', description: 'A ClickHouse Cloud API key secret (4b1d + 38) assigned to a key.' },
  { id: 'secret/octopus-key', kind: 'content', description: 'An Octopus Deploy API key (API- + 26-32 upper-case alphanumerics).' },
  { id: 'secret/harness-token', kind: 'content', description: 'A Harness personal or service-account token (pat.….….…, sat.….….…).' },
  { id: 'secret/infracost-key', kind: 'content', description: 'An Infracost API key (ico-…).' },
  { id: 'secret/scalingo-token', kind: 'content', description: 'A Scalingo API token (tk-us-…).' },
  { id: 'secret/cohere-key', kind: 'content', description: 'A Cohere API key (40 characters next to the word cohere or CO_API_KEY).' },
  { id: 'secret/perplexity-key', kind: 'content', description: 'A Perplexity API key (pplx-…).' },
  { id: 'secret/groq-key', kind: 'content', description: 'A Groq API key (gsk_…).' },
  { id: 'secret/replicate-token', kind: 'content', description: 'A Replicate API token (r8_…).' },
  { id: 'secret/mistral-key', kind: 'content', description: 'A Mistral AI API key (32 characters next to the word mistral).' },
  { id: 'secret/xai-key', kind: 'content', description: 'An xAI API key (xai-…).' },
  { id: 'secret/deepseek-key', kind: 'content', description: 'A DeepSeek API key (sk- + 32 hex next to the word deepseek).' },
  // Messaging, payments and social providers (src/analyzers/secrets/providers/).
  { id: 'secret/discord-token', kind: 'content', description: 'A Discord bot token (base64 user id . timestamp . HMAC), or a client secret next to the word discord.' },
  { id: 'secret/telegram-bot-token', kind: 'content', description: 'A Telegram bot token (bot id:AA… 35 characters).' },
  { id: 'secret/teams-webhook', kind: 'content', description: 'A Microsoft Teams incoming-webhook URL (….webhook.office.com/webhookb2/…) or Workflows / Power Automate trigger URL with its sig=.' },
  { id: 'secret/mailchimp-key', kind: 'content', description: 'A Mailchimp API key (32 hex -usN).' },
  { id: 'secret/mailgun-key', kind: 'content', description: 'A Mailgun API key (key- + 32 hex), or a 32-8-8 hex key next to the word mailgun.' },
  { id: 'secret/brevo-key', kind: 'content', description: 'A Brevo (Sendinblue) API or SMTP key (xkeysib-, xsmtpsib-).' },
  { id: 'secret/messagebird-key', kind: 'content', description: 'A MessageBird access key (25 characters next to the word messagebird).' },
  { id: 'secret/hubspot-token', kind: 'content', description: 'A HubSpot private-app token (pat-na1-…, pat-eu1-…) or a legacy API key next to hubspot/hapikey.' },
  { id: 'secret/intercom-token', kind: 'content', description: 'An Intercom access token (dG9rO…, base64 of tok:…), or a 60-character token next to the word intercom.' },
  { id: 'secret/zendesk-token', kind: 'content', description: 'A Zendesk API token (40 characters next to the word zendesk).' },
  { id: 'secret/sendbird-token', kind: 'content', description: 'A Sendbird API token (40 hex next to the word sendbird).' },
  { id: 'secret/square-token', kind: 'content', description: 'A Square access token or application secret (sq0atp-, sq0csp-, EAAA…).' },
  { id: 'secret/squarespace-key', kind: 'content', description: 'A Squarespace API key (a uuid next to the word squarespace).' },
  { id: 'secret/plaid-token', kind: 'content', description: 'A Plaid access token (access-production-…, access-development-…; sandbox tokens are notes) or API secret next to the word plaid.' },
  { id: 'secret/coinbase-key', kind: 'content', description: 'A Coinbase API secret or access token next to the word coinbase.' },
  { id: 'secret/kraken-key', kind: 'content', description: 'A Kraken API key or private key (56 / 88 base64 characters next to the word kraken).' },
  { id: 'secret/flutterwave-key', kind: 'content', description: 'A Flutterwave secret key (FLWSECK-…-X) or encryption key; test keys and public keys (FLWPUBK-) are notes.' },
  { id: 'secret/gocardless-token', kind: 'content', description: 'A GoCardless access token (live_ + 40; sandbox_ tokens are notes).' },
  { id: 'secret/shippo-token', kind: 'content', description: 'A Shippo API token (shippo_live_; shippo_test_ is a note).' },
  { id: 'secret/easypost-key', kind: 'content', description: 'An EasyPost API key (EZAK…; EZTK test keys are notes).' },
  { id: 'secret/etsy-key', kind: 'content', description: 'An Etsy API keystring (24 characters next to the word etsy).' },
  { id: 'secret/twitter-token', kind: 'content', description: 'A Twitter/X app-only bearer token (AAAA…%…), or an API key, secret or access token next to the word twitter.' },
  { id: 'secret/facebook-token', kind: 'content', description: 'A Facebook access token (EAA…, EAACEdEose0cBA…), or an app secret next to the word facebook.' },
  { id: 'secret/linkedin-secret', kind: 'content', description: 'A LinkedIn client secret (16 characters next to the word linkedin).' },
  { id: 'secret/twitch-token', kind: 'content', description: 'A Twitch client secret or OAuth token (30 characters next to the word twitch).' },
  { id: 'secret/okta-token', kind: 'content', description: 'An Okta API token (00 + 40 characters next to the word okta).' },
  { id: 'secret/yandex-key', kind: 'content', description: 'A Yandex Cloud API key (AQVN…), IAM token (t1.…) or Yandex OAuth token (y0_…).' },
  // Generic forms, kept precise by context, placeholder and entropy checks.
  { id: 'secret/generic-password', kind: 'content', description: 'A literal password assigned to a password/passwd/pwd key in code, env, YAML, JSON, INI, TOML, properties, HCL or XML (NuGet ClearTextPassword); references, templates and placeholders are not flagged.' },
  { id: 'secret/generic-secret', kind: 'content', description: 'A high-entropy literal assigned to a secret, token or api_key key; references, templates, placeholders and low-entropy words are not flagged.' },
  { id: 'secret/hex-private-key', kind: 'content', description: 'A raw 64-hex private key assigned to a private_key / signing_key / wallet_key key.' },
  { id: 'secret/kubernetes-secret', kind: 'content', description: 'A value in a Kubernetes Secret manifest (kind: Secret, data base64-decoded or stringData); user names, hosts and placeholders are not flagged.' },
  { id: 'secret/http-auth', kind: 'content', description: 'Credentials in an HTTP Authorization header (Bearer token, Basic user:password) or a curl -u/--user user:password argument.' },
] as const);

export type SecretRuleId = (typeof RULES)[number]['id'];

/** Every rule, for docs and SARIF rule metadata. */
export const SECRET_RULES: { id: string; kind: SecretRuleKind; description: string }[] = RULES.map((r) => ({ ...r }));
