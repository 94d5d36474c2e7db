// Messaging and email providers added for issue #15: Discord bot tokens and client secrets,
// Telegram bots, Microsoft Teams webhooks, Slack webhooks without a scheme, Mailchimp, Mailgun,
// Brevo, MessageBird, Twilio auth tokens, HubSpot, Intercom, Zendesk, Sendbird. Token material
// is generated from each provider's documented format (prefix, length, charset).
import { B62, B64URL, DIGITS, HEX, cat, corpus, uuid } from '../corpus-kit.js';

const c = corpus('messaging', 0x3e55);
const r = c.r;
const ID = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const ALNUM = B62;

// ---- Slack webhooks, also written without https:// ----
const slackPath = (): string => cat('T', r(ID, 10), '/B', r(ID, 10), '/', r(B62, 24));
c.pos('secret/slack-webhook', 'Slack webhook without scheme', () => cat('hooks.', 'slack.com/services/', slackPath()), { key: 'SLACK_WEBHOOK', in: ['yaml', 'env', 'sh'] });
c.pos('secret/slack-webhook', 'Slack workflow webhook', () => cat('https://hooks.', 'slack.com/workflows/T', r(ID, 10), '/A', r(ID, 10), '/', r(DIGITS, 18), '/', r(B62, 32)), { key: 'SLACK_WORKFLOW_URL', in: ['json'] });
c.placeholder('secret/slack-webhook', 'schemeless webhook template', () => cat('hooks.', 'slack.com/services/', '${SLACK_TEAM}/${SLACK_HOOK}'), { key: 'SLACK_WEBHOOK', in: ['yaml'] });

// ---- Discord bot tokens: base64(user id) . 6 . 27 or 38; client secrets 32 near "discord" ----
const snowflake = (): string => cat(r('123456789', 1), r(DIGITS, 17 + (r('01', 1) === '1' ? 1 : 0)));
const botToken = (tail = 38): string => cat(Buffer.from(snowflake()).toString('base64url'), '.', r(B64URL, 6), '.', r(B64URL, tail));
c.pos('secret/discord-token', 'Discord bot token', () => botToken(38), { key: 'DISCORD_BOT_TOKEN', in: ['env', 'json', 'py', 'compose'] });
c.pos('secret/discord-token', 'Discord bot token, older 27-character HMAC', () => botToken(27), { key: 'BOT_TOKEN', in: ['yaml', 'js'] });
c.pos('secret/discord-token', 'Discord client secret', () => r(B64URL, 32), { key: 'DISCORD_CLIENT_SECRET', in: ['env', 'yaml', 'ts', 'properties'] });
{
  const s = r(B64URL, 32);
  c.raw('pos', 'secret/discord-token', 'Discord client secret in nested YAML', 'config/oauth.yml', `oauth:\n  discord:\n    client_id: "${r(DIGITS, 18)}"\n    client_secret: "${s}"\n`, s);
}
c.near('secret/discord-token', 'dotted token whose first part is not a user id', () => cat(Buffer.from(r(B62, 18)).toString('base64url'), '.', r(B64URL, 6), '.', r(B64URL, 38)), { key: 'SESSION_COOKIE', in: ['env'] });
c.near('secret/discord-token', 'Discord client id (18 digits) next to discord', () => r(DIGITS, 18), { key: 'DISCORD_CLIENT_ID', in: ['env', 'json'] });
c.placeholder('secret/discord-token', 'Discord client secret template', () => '<your-discord-client-secret>', { key: 'DISCORD_CLIENT_SECRET', in: ['md', 'env'] });
c.placeholder('secret/discord-token', 'x-filled bot token', () => cat(Buffer.from('123456789012345678').toString('base64url'), '.', 'XXXXXX', '.', 'x'.repeat(38)), { key: 'DISCORD_BOT_TOKEN', in: ['md'] });

// ---- Telegram bot tokens: bot id : AA + 33 ----
const telegram = (): string => cat(r('123456789', 1), r(DIGITS, 9), ':A', 'A', r(B64URL, 33));
c.pos('secret/telegram-bot-token', 'Telegram bot token', telegram, { key: 'TELEGRAM_BOT_TOKEN', in: ['env', 'yaml', 'py', 'gha'] });
c.pos('secret/telegram-bot-token', 'Telegram bot API URL', () => telegram(), { key: 'x', in: [(_k, v) => ({ file: 'scripts/notify.sh', text: `#!/bin/sh\ncurl -s "https://api.telegram.org/bot${v}/sendMessage" -d chat_id=42 -d text="deployed"\n` })] });
c.near('secret/telegram-bot-token', 'bot id:AA with 30 characters', () => cat(r('123456789', 1), r(DIGITS, 9), ':A', 'A', r(B64URL, 30)), { key: 'TELEGRAM_BOT_TOKEN', in: ['env'] });
c.near('secret/telegram-bot-token', 'time and hash that look like id:AA', () => cat(r(DIGITS, 4), ':A', 'A', r(B64URL, 33)), { key: 'BUILD_ID', in: ['yaml'] });
c.placeholder('secret/telegram-bot-token', 'Telegram token placeholder', () => cat('123456789', ':A', 'A', 'your-telegram-bot-token-here-xxxxx'), { key: 'TELEGRAM_BOT_TOKEN', in: ['md', 'env'] });

// ---- Microsoft Teams: office.com incoming webhooks, Workflows / Power Automate URLs ----
const teams = (): string => cat('https://contoso.', 'webhook.office.com/webhookb2/', uuid(r), '@', uuid(r), '/IncomingWebhook/', r(HEX, 32), '/', uuid(r), '/V2', r(B64URL, 40));
const workflow = (): string => cat('https://prod-27.westeurope.', 'logic.azure.com:443/workflows/', r(HEX, 32), '/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=', r(B64URL, 43));
c.pos('secret/teams-webhook', 'Teams incoming webhook', teams, { key: 'TEAMS_WEBHOOK_URL', in: ['env', 'json', 'yaml'] });
c.pos('secret/teams-webhook', 'Teams workflow URL', workflow, { key: 'TEAMS_WORKFLOW_URL', in: ['env', 'tfvars'] });
c.near('secret/teams-webhook', 'office.com link that is not a webhook', () => cat('https://contoso.', 'webhook.office.com/help/', r(HEX, 8)), { key: 'TEAMS_HELP_URL', in: ['env'] });
c.near('secret/teams-webhook', 'workflow URL without its signature', () => cat('https://prod-27.westeurope.', 'logic.azure.com:443/workflows/', r(HEX, 32), '/triggers/manual/paths/invoke?api-version=2016-06-01'), { key: 'TEAMS_WORKFLOW_URL', in: ['json'] });
c.placeholder('secret/teams-webhook', 'Teams webhook template', () => cat('https://contoso.', 'webhook.office.com/webhookb2/', '<group-id>@<tenant-id>/IncomingWebhook/<id>/<owner>'), { key: 'TEAMS_WEBHOOK_URL', in: ['md'] });

// ---- Mailchimp: 32 hex -usN ----
c.pos('secret/mailchimp-key', 'Mailchimp API key', () => cat(r(HEX, 32), '-us', r('123456789', 1), r(DIGITS, 1)), { key: 'MAILCHIMP_API_KEY', in: ['env', 'json', 'py'] });
c.near('secret/mailchimp-key', 'Mailchimp key with 31 hex', () => cat(r(HEX, 31), '-us', '12'), { key: 'MAILCHIMP_API_KEY', in: ['env'] });
c.placeholder('secret/mailchimp-key', 'Mailchimp key zeros', () => cat('0'.repeat(32), '-us', '6'), { key: 'MAILCHIMP_API_KEY', in: ['md'] });

// ---- Mailgun: key- + 32 hex; 32-8-8 hex near mailgun ----
c.pos('secret/mailgun-key', 'Mailgun private key', () => cat('ke', 'y-', r(HEX, 32)), { key: 'MAILGUN_API_KEY', in: ['env', 'yaml', 'js'] });
c.pos('secret/mailgun-key', 'Mailgun current API key', () => cat(r(HEX, 32), '-', r(HEX, 8), '-', r(HEX, 8)), { key: 'MAILGUN_API_KEY', in: ['env', 'json', 'toml'] });
c.pos('secret/mailgun-key', 'Mailgun webhook signing key', () => cat(r(HEX, 32), '-', r(HEX, 8), '-', r(HEX, 8)), { key: 'MAILGUN_WEBHOOK_SIGNING_KEY', in: ['yaml'] });
c.near('secret/mailgun-key', '32-8-8 hex with no mailgun context', () => cat(r(HEX, 32), '-', r(HEX, 8), '-', r(HEX, 8)), { key: 'BUILD_ARTIFACT', in: ['yaml'] });
c.near('secret/mailgun-key', 'key- with 30 hex', () => cat('ke', 'y-', r(HEX, 30)), { key: 'MAILGUN_API_KEY', in: ['env'] });
c.placeholder('secret/mailgun-key', 'Mailgun key placeholder', () => cat('ke', 'y-', 'x'.repeat(32)), { key: 'MAILGUN_API_KEY', in: ['md', 'env'] });

// ---- Brevo: xkeysib- / xsmtpsib- + 64 hex - 16 ----
c.pos('secret/brevo-key', 'Brevo API key', () => cat('xkey', 'sib-', r(HEX, 64), '-', r(ALNUM, 16)), { key: 'BREVO_API_KEY', in: ['env', 'json', 'py'] });
c.pos('secret/brevo-key', 'Brevo SMTP key', () => cat('xsmtp', 'sib-', r(HEX, 64), '-', r(ALNUM, 16)), { key: 'SMTP_PASSWORD', in: ['env', 'properties'] });
c.near('secret/brevo-key', 'xkeysib- without its suffix', () => cat('xkey', 'sib-', r(HEX, 64)), { key: 'BREVO_API_KEY', in: ['env'] });
c.placeholder('secret/brevo-key', 'Brevo key placeholder', () => cat('xkey', 'sib-', 'x'.repeat(64), '-', 'X'.repeat(16)), { key: 'BREVO_API_KEY', in: ['md'] });

// ---- MessageBird: 25 alphanumerics near messagebird ----
c.pos('secret/messagebird-key', 'MessageBird access key', () => cat(r(DIGITS, 2), r(ALNUM, 23)), { key: 'MESSAGEBIRD_ACCESS_KEY', in: ['env', 'yaml', 'json'] });
c.near('secret/messagebird-key', 'MessageBird originator (not a key)', () => cat('Acme', r(DIGITS, 6)), { key: 'MESSAGEBIRD_ORIGINATOR', in: ['env'] });
c.near('secret/messagebird-key', 'MessageBird channel id', () => r(HEX, 32), { key: 'MESSAGEBIRD_CHANNEL_ID', in: ['yaml'] });
c.placeholder('secret/messagebird-key', 'MessageBird key placeholder', () => 'YOUR_MESSAGEBIRD_ACCESS_KEY', { key: 'MESSAGEBIRD_ACCESS_KEY', in: ['env', 'md'] });

// ---- Twilio auth tokens: 32 hex near twilio ----
c.pos('secret/twilio-key', 'Twilio auth token', () => r(HEX, 32), { key: 'TWILIO_AUTH_TOKEN', in: ['env', 'json', 'py', 'gha'] });
c.near('secret/twilio-key', 'Twilio account SID (an identifier)', () => cat('A', 'C', r(HEX, 32)), { key: 'TWILIO_ACCOUNT_SID', in: ['env', 'yaml'] });
c.placeholder('secret/twilio-key', 'Twilio auth token placeholder', () => 'your_auth_token', { key: 'TWILIO_AUTH_TOKEN', in: ['md', 'py'] });

// ---- HubSpot: pat-<region>-uuid; legacy hapikey uuid ----
const pick = <T,>(xs: T[]): T => xs[Number(r(DIGITS, 1)) % xs.length]!;
c.pos('secret/hubspot-token', 'HubSpot private-app token', () => cat('pa', 't-', pick(['na1', 'eu1', 'na2', 'ap1']), '-', uuid(r)), { key: 'HUBSPOT_ACCESS_TOKEN', in: ['env', 'json', 'ts'] });
c.pos('secret/hubspot-token', 'HubSpot legacy hapikey in a URL', () => uuid(r), { key: 'x', in: [(_k, v) => ({ file: 'scripts/sync.py', text: `import requests\n\nURL = "https://api.hubapi.com/contacts/v1/lists/all/contacts/all?hapikey=${v}"\nrequests.get(URL, timeout=10)\n` })] });
c.near('secret/hubspot-token', 'pat- with a short uuid', () => cat('pa', 't-', 'na1', '-', r(HEX, 8), '-', r(HEX, 4)), { key: 'HUBSPOT_ACCESS_TOKEN', in: ['env'] });
c.near('secret/hubspot-token', 'HubSpot portal id', () => r(DIGITS, 8), { key: 'HUBSPOT_PORTAL_ID', in: ['env'] });
c.placeholder('secret/hubspot-token', 'HubSpot token placeholder', () => cat('pa', 't-', 'na1', '-', '00000000-0000-0000-0000-000000000000'), { key: 'HUBSPOT_ACCESS_TOKEN', in: ['md'] });

// ---- Intercom: base64 of "tok:<uuid>:1:0"; 60 characters near intercom ----
const intercom = (): string => Buffer.from(`tok:${uuid(r)}:1:0`).toString('base64');
c.pos('secret/intercom-token', 'Intercom access token', intercom, { key: 'INTERCOM_ACCESS_TOKEN', in: ['env', 'yaml', 'js'] });
c.pos('secret/intercom-token', 'Intercom token under a generic key', intercom, { key: 'SUPPORT_CHAT_TOKEN', in: ['json'] });
c.near('secret/intercom-token', 'base64 of another tok-less string', () => Buffer.from(`tik:${uuid(r)}:1:0`).toString('base64'), { key: 'CHAT_SESSION', in: ['env'] });
c.near('secret/intercom-token', 'Intercom app id', () => r('abcdefghijklmnopqrstuvwxyz0123456789', 8), { key: 'INTERCOM_APP_ID', in: ['env'] });
c.placeholder('secret/intercom-token', 'Intercom token placeholder', () => '<intercom-access-token>', { key: 'INTERCOM_ACCESS_TOKEN', in: ['env', 'md'] });

// ---- Zendesk: 40 alphanumerics near zendesk ----
c.pos('secret/zendesk-token', 'Zendesk API token', () => cat(r(DIGITS, 2), r(ALNUM, 38)), { key: 'ZENDESK_API_TOKEN', in: ['env', 'yaml', 'py', 'properties'] });
c.near('secret/zendesk-token', 'Zendesk subdomain', () => 'acme-support', { key: 'ZENDESK_SUBDOMAIN', in: ['env'] });
c.near('secret/zendesk-token', 'Zendesk token 30 characters', () => cat(r(DIGITS, 2), r(ALNUM, 28)), { key: 'ZENDESK_TICKET_FORM', in: ['yaml'] });
c.placeholder('secret/zendesk-token', 'Zendesk token placeholder', () => '{ZENDESK_API_TOKEN}', { key: 'ZENDESK_API_TOKEN', in: ['env', 'md'] });

// ---- Sendbird: 40 hex near sendbird ----
c.pos('secret/sendbird-token', 'Sendbird API token', () => r(HEX, 40), { key: 'SENDBIRD_API_TOKEN', in: ['env', 'json', 'ts'] });
c.near('secret/sendbird-token', 'Sendbird application id', () => uuid(r).toUpperCase(), { key: 'SENDBIRD_APP_ID', in: ['env'] });
c.placeholder('secret/sendbird-token', 'Sendbird token zeros', () => '0'.repeat(40), { key: 'SENDBIRD_API_TOKEN', in: ['env', 'md'] });

export default c.module();
