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
  { id: 'secret/vault-token', kind: 'both', description: 'A HashiCorp Vault token: a .vault-token file or an hvs./hvb. token.' },
  // Tokens found in any text file.
  { id: 'secret/aws-access-key', kind: 'content', description: 'An AWS access key id (AKIA…/ASIA…).' },
  { id: 'secret/aws-secret-key', kind: 'content', description: 'An AWS secret access key: 40 base64 characters next to aws_secret_access_key / SecretAccessKey, or on the line of an access key id.' },
  { id: 'secret/github-token', kind: 'content', description: 'A GitHub token (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_).' },
  { id: 'secret/gitlab-token', kind: 'content', description: 'A GitLab token with its exact length (glpat-, gloas-, gldt-, glrt-, glrtr-, glcbt-, glptt-, glft-, glimt-, glagent-, glsoat-, glffct-, glwt-), a routable token (payload length and CRC checked), a GR1348941 runner registration token or a _gitlab_session cookie.' },
  { id: 'secret/npm-token', kind: 'content', description: 'An npm access token (npm_…).' },
  { id: 'secret/slack-token', kind: 'content', description: 'A Slack token (xoxb-, xoxp-, xoxa-, xoxr-, xoxs-, xoxe-, xoxo-, xapp-).' },
  { id: 'secret/slack-webhook', kind: 'content', description: 'A Slack incoming-webhook or workflow URL (hooks.slack.com/services/…), with or without https://.' },
  { id: 'secret/discord-webhook', kind: 'content', description: 'A Discord webhook URL (discord.com/api/webhooks/…).' },
  { id: 'secret/stripe-key', kind: 'content', description: 'A Stripe secret key (sk_live_) or webhook secret (whsec_); restricted keys (rk_live_) and test keys (sk_test_, rk_test_) are notes.' },
  { id: 'secret/google-api-key', kind: 'content', description: 'A Google API key (AIza…).' },
  { id: 'secret/url-password', kind: 'content', description: 'A URL, DSN or connection string with an embedded password (scheme://user:password@host, JDBC ;password=, ADO.NET Password=); placeholders such as user:password@ or ${VAR} are not flagged.' },
  { id: 'secret/jwt', kind: 'content', description: 'A signed JSON Web Token (three base64url parts with a JSON header naming an algorithm), also base64-encoded (ZXlK…).' },
  { id: 'secret/openai-key', kind: 'content', description: 'An OpenAI API key (sk-proj-…, sk-svcacct-…, sk-admin-…, legacy sk-…).' },
  { id: 'secret/anthropic-key', kind: 'content', description: 'An Anthropic API key (sk-ant-…).' },
  { id: 'secret/sendgrid-key', kind: 'content', description: 'A SendGrid API key (SG.….…).' },
  { id: 'secret/twilio-key', kind: 'content', description: 'A Twilio API key SID (SK + 32 hex), or a 32-hex auth token next to the word twilio.' },
  { id: 'secret/shopify-token', kind: 'content', description: 'A Shopify access token or shared secret (shpat_, shpss_, shpca_, shppa_).' },
  { id: 'secret/huggingface-token', kind: 'content', description: 'A Hugging Face access token (hf_…) or organization token (api_org_…).' },
  { id: 'secret/digitalocean-token', kind: 'content', description: 'A DigitalOcean token (dop_v1_, doo_v1_, dor_v1_).' },
  { id: 'secret/pypi-token', kind: 'content', description: 'A PyPI upload token (pypi-AgEIcHlwaS5vcmc…).' },
  { id: 'secret/dockerhub-token', kind: 'content', description: 'A Docker Hub personal access token (dckr_pat_…).' },
  { id: 'secret/linear-key', kind: 'content', description: 'A Linear API key (lin_api_…) or OAuth access token (lin_oauth_…).' },
  { id: 'secret/1password-token', kind: 'content', description: 'A 1Password service-account token (ops_ey…).' },
  { id: 'secret/azure-storage-key', kind: 'content', description: 'An Azure storage account key in a connection string (AccountKey=…).' },
  { id: 'secret/terraform-token', kind: 'content', description: 'A Terraform Cloud / Enterprise API token (….atlasv1.…).' },
  { id: 'secret/age-key', kind: 'content', description: 'An age encryption secret key (AGE-SECRET-KEY-1…).' },
  // Developer platforms (providers/dev-platforms.ts).
  { id: 'secret/atlassian-token', kind: 'content', description: 'An Atlassian API token (ATATT3…, CRC32 checked), or a legacy 24-character token next to the word atlassian, jira or confluence.' },
  { id: 'secret/bitbucket-token', kind: 'content', description: 'A Bitbucket app password (ATBB…, CRC32 checked), or an OAuth client secret next to the word bitbucket.' },
  { id: 'secret/jfrog-token', kind: 'content', description: 'A JFrog Artifactory API key (AKCp…) or reference token (cmVmdGtu…).' },
  { id: 'secret/sonar-token', kind: 'content', description: 'A SonarQube / SonarCloud token (squ_, sqp_, sqa_ + 40 hex).' },
  { id: 'secret/snyk-token', kind: 'content', description: 'A Snyk API token (a uuid next to the word snyk).' },
  { id: 'secret/sourcegraph-token', kind: 'content', description: 'A Sourcegraph access token (sgp_…, also with an instance or local_ part).' },
  { id: 'secret/codecov-token', kind: 'content', description: 'A Codecov upload token (a uuid next to the word codecov).' },
  { id: 'secret/travis-token', kind: 'content', description: 'A Travis CI API token (22 characters next to the word travis).' },
  { id: 'secret/drone-token', kind: 'content', description: 'A Drone CI token (32 characters next to the word drone).' },
  { id: 'secret/rubygems-token', kind: 'content', description: 'A RubyGems API key (rubygems_ + 48 hex).' },
  { id: 'secret/clojars-token', kind: 'content', description: 'A Clojars deploy token (CLOJARS_ + 60).' },
  { id: 'secret/nuget-key', kind: 'content', description: 'A NuGet API key (oy2 + 43) assigned to a key.' },
  { id: 'secret/postman-key', kind: 'content', description: 'A Postman API key (PMAK-…-…).' },
  { id: 'secret/readme-key', kind: 'content', description: 'A ReadMe API key (rdme_ + 70).' },
  { id: 'secret/prefect-key', kind: 'content', description: 'A Prefect API key (pnu_ + 36).' },
  { id: 'secret/sentry-token', kind: 'content', description: 'A Sentry auth token (sntrys_ organization tokens, sntryu_ user tokens), or a legacy 64-hex token next to the word sentry.' },
  { id: 'secret/launchdarkly-key', kind: 'content', description: 'A LaunchDarkly access token or SDK key (api-/sdk-/mob- + uuid next to the word launchdarkly).' },
  { id: 'secret/grafana-token', kind: 'content', description: 'A Grafana token: Cloud access policy token (glc_…), service-account token (glsa_…) or legacy API key (eyJrIjoi…).' },
  { id: 'secret/gitter-token', kind: 'content', description: 'A Gitter access token (40 hex next to the word gitter).' },
  { id: 'secret/mattermost-token', kind: 'content', description: 'A Mattermost access token (26 characters next to the word mattermost).' },
  { id: 'secret/notion-token', kind: 'content', description: 'A Notion integration token (secret_ + 43, ntn_ + 46).' },
  { id: 'secret/typeform-token', kind: 'content', description: 'A Typeform personal access token (tfp_…_…).' },
  { id: 'secret/airtable-token', kind: 'content', description: 'An Airtable personal access token (pat….<64 hex>), or a legacy key… API key next to the word airtable.' },
  { id: 'secret/algolia-key', kind: 'content', description: 'An Algolia admin or write API key (32 hex next to the word algolia).' },
  { id: 'secret/asana-token', kind: 'content', description: 'An Asana personal access token (1/… or 2/…:<32 hex>, next to the word asana).' },
  { id: 'secret/contentful-token', kind: 'content', description: 'A Contentful personal access token (CFPAT-…).' },
  { id: 'secret/frameio-token', kind: 'content', description: 'A Frame.io developer token (fio-u-…).' },
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
