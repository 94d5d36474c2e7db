// Messaging and email providers: Slack, Discord, Telegram, Microsoft Teams, Mailchimp, Mailgun,
// Brevo, MessageBird, Twilio, SendGrid, HubSpot, Intercom, Zendesk, Sendbird.
//
// Each shape is written from the provider's documented token format: fixed prefixes, lengths and
// charsets exactly; where a provider's token has no prefix (Zendesk, Sendbird, MessageBird, the
// newer Mailgun keys), the provider's name must come shortly before the value (see keyed()).
import { keyed, token, type Detector, type KeyedSpec, type ShapedValue } from '../detector-kit.js';

const B64URL = 'A-Za-z0-9_-';

export const slackToken = token({
  rule: 'secret/slack-token',
  anchors: [{ at: '-', before: 'xox[abposre]|xapp' }],
  back: 4,
  re: /(?<![A-Za-z0-9_-])(?:xox[abposre]-[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+|xapp-\d-[A-Za-z0-9]+-\d+-[A-Za-z0-9]+)(?![A-Za-z0-9_-])/g,
  prefix: 5,
  validate: (v) => v.length >= 24,
  message: (m) => `Slack token (${m[0].slice(0, 5)}…)`,
});

// hooks.slack.com/services/T…/B…/<24>, /workflows/T…/A…/<id>/<32>, /triggers/…; people also
// paste the URL without its scheme (YAML values, curl arguments), so the scheme is optional.
export const slackWebhook = token({
  rule: 'secret/slack-webhook',
  anchors: [{ at: '.', before: 'hooks\\.slack' }],
  back: 20,
  re: /(?<![A-Za-z0-9.-])(?:https?:\/\/)?hooks\.slack\.com\/(?:services|workflows|triggers)\/(T[A-Z0-9]{6,12}\/[A-Za-z0-9_/+-]{16,})/dg,
  group: 1,
  message: 'Slack incoming-webhook URL',
});

export const discordWebhook = token({
  rule: 'secret/discord-webhook',
  anchors: [{ at: '.', before: 'discord|discordapp' }],
  back: 40,
  re: /(?:https?:\/\/)?(?:[a-z]+\.)?discord(?:app)?\.com\/api\/(?:v\d+\/)?webhooks\/\d{15,21}\/([A-Za-z0-9_-]{40,})/dg,
  group: 1,
  message: 'Discord webhook URL',
});

/**
 * A Discord bot token: base64 of the bot's numeric user id (a 17-20 digit snowflake), a 6
 * character timestamp, and an HMAC of 27 (older) or 38 characters, joined by dots. The first
 * part must decode to the digits of an id: that is what tells it from any dotted base64.
 */
export const discordBotToken = token({
  rule: 'secret/discord-token',
  anchors: [{ at: '.', after: `[${B64URL}]{6}\\.[${B64URL}]{27}` }],
  back: 28,
  re: /(?<![A-Za-z0-9_.-])([MNO][A-Za-z0-9_-]{22,26})\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}(?![A-Za-z0-9_.-])/g,
  validate: (v) => /^\d{17,20}$/.test(Buffer.from(v.slice(0, v.indexOf('.')), 'base64url').toString('latin1')),
  message: 'Discord bot token',
});

const discordKeyed = keyed({
  rule: 'secret/discord-token',
  keywords: 'discord',
  values: [
    { re: `[${B64URL}]{32}`, key: /secret/i, message: 'Discord client secret' },
    { re: '[a-f0-9]{64}', key: /key|token|secret/i, message: 'Discord API key (public key or bot key, 64 hex)' },
  ],
});

// Bot API tokens: the bot's numeric id, a colon, then 35 characters starting with "AA".
export const telegramBotToken = token({
  rule: 'secret/telegram-bot-token',
  anchors: [{ at: ':', before: '[0-9]{8}' }],
  back: 10,
  re: /(?<![0-9])[0-9]{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])/g,
  validate: (v) => !/^0/.test(v),
  message: 'Telegram bot token',
});

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

// Incoming webhooks (…webhook.office.com/webhookb2/<group>@<tenant>/IncomingWebhook/<id>/<owner>),
// and the Workflows / Power Automate URLs that replace them (…logic.azure.com/workflows/…&sig=…,
// …api.powerplatform.com/…/workflows/…&sig=…). The URL is the credential: anyone holding it posts.
export const teamsWebhook = token({
  rule: 'secret/teams-webhook',
  anchors: [{ at: '.', before: 'webhook|logic|\\.api' }],
  back: 60,
  re: new RegExp(
    [
      `(?:https?://)?[a-z0-9-]+\\.webhook\\.office\\.com/webhookb2/(${UUID}@${UUID}/IncomingWebhook/[0-9a-f]{32}/${UUID}(?:/[A-Za-z0-9_-]{20,})?)`,
      `(?:https?://)?[a-z0-9.-]+\\.(?:logic\\.azure\\.com|api\\.powerplatform\\.com)(?::443)?/[A-Za-z0-9/._-]*workflows/[0-9a-f]{32}/triggers/[^\\s"'<>?]+/paths/invoke\\?[^\\s"'<>]*?sig=([A-Za-z0-9%_-]{30,})`,
    ].join('|'),
    'dg',
  ),
  group: 0,
  validate: (v) => !/x{5,}|0{8}/i.test(v.replace(/^.*?(?:webhookb2|workflows)\//, '')),
  message: (m) => (m[0].includes('webhook.office.com') ? 'Microsoft Teams incoming-webhook URL' : 'Microsoft Teams / Power Automate workflow URL (sig=…)'),
});

// API keys: 32 hex, a dash, the data-center ("us1"…"us21").
export const mailchimpKey = token({
  rule: 'secret/mailchimp-key',
  anchors: [{ at: '-', before: '[0-9a-f]{32}' }],
  back: 32,
  re: /(?<![A-Za-z0-9])[0-9a-f]{32}-us[1-9][0-9]?(?![A-Za-z0-9])/g,
  validate: (v) => !/^0|0{8}/.test(v),
  message: 'Mailchimp API key',
});

// Private API keys "key-" + 32 hex; the current form (32 hex - 8 hex - 8 hex, also used for
// webhook signing keys) has no prefix, so it counts only near the word mailgun.
export const mailgunKey = token({
  rule: 'secret/mailgun-key',
  anchors: [{ at: '-', before: '(?<![A-Za-z0-9_-])key' }],
  back: 3,
  re: /(?<![A-Za-z0-9_-])key-[0-9a-f]{32}(?![A-Za-z0-9_-])/g,
  prefix: 4,
  message: 'Mailgun private API key (key-…)',
});

const mailgunKeyed = keyed({
  rule: 'secret/mailgun-key',
  keywords: 'mailgun',
  values: [{ re: '[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}', message: 'Mailgun API or webhook signing key' }],
});

// Brevo (formerly Sendinblue): API keys xkeysib-, SMTP keys xsmtpsib-, 64 hex - 16 alphanumerics.
export const brevoKey = token({
  rule: 'secret/brevo-key',
  anchors: [{ at: '-', before: 'xkeysib|xsmtpsib' }],
  back: 8,
  re: /(?<![A-Za-z0-9_-])x(?:keysib|smtpsib)-[0-9a-f]{64}-[A-Za-z0-9]{16}(?![A-Za-z0-9_-])/g,
  validate: (v) => !/0{8}|x{5,}/i.test(v.slice(v.indexOf('-') + 1)),
  message: (m) => (m[0].startsWith('xsmtpsib') ? 'Brevo SMTP key' : 'Brevo API key'),
});

const messagebirdKeyed = keyed({
  rule: 'secret/messagebird-key',
  keywords: 'message[_ -]?bird',
  values: [{ re: '[A-Za-z0-9]{25}', key: /key|token|secret|access|auth/i, message: 'MessageBird access key', test: (v) => /[0-9]/.test(v) && /[A-Za-z]/.test(v) }],
});

export const twilioKey = token({
  rule: 'secret/twilio-key',
  anchors: [{ at: 'K', before: 'S', after: '[0-9a-f]{32}' }],
  back: 1,
  re: /(?<![A-Za-z0-9])SK[0-9a-f]{32}(?![A-Za-z0-9])/g,
  prefix: 2,
  message: 'Twilio API key SID',
});

// Auth tokens are 32 hex with no prefix: they count next to the word twilio and a key word.
const twilioKeyed = keyed({
  rule: 'secret/twilio-key',
  keywords: 'twilio',
  values: [{ re: '[0-9a-f]{32}', key: /auth|token|secret|key/i, message: 'Twilio auth token or API key secret' }],
});

export const sendgridKey = token({
  rule: 'secret/sendgrid-key',
  anchors: [{ at: '.', before: 'SG' }],
  back: 2,
  re: /(?<![A-Za-z0-9_-])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
  prefix: 3,
  message: 'SendGrid API key',
});

// Private-app tokens: pat-<region>-<uuid> (na1, na2, eu1, ap1…); the legacy hapikey is a uuid
// that counts next to the word hubspot or hapikey.
export const hubspotToken = token({
  rule: 'secret/hubspot-token',
  anchors: [{ at: '-', before: '(?<![A-Za-z0-9_-])pat' }],
  back: 3,
  re: new RegExp(`(?<![A-Za-z0-9_-])pat-(?:na|eu|ap)[0-9]-${UUID}(?![A-Za-z0-9_-])`, 'g'),
  prefix: 8,
  message: 'HubSpot private-app access token',
});

const hubspotKeyed = keyed({
  rule: 'secret/hubspot-token',
  keywords: 'hubspot|hapikey',
  values: [{ re: UUID, key: /key|token|secret|hapikey/i, message: 'HubSpot API key' }],
});

// Access tokens are base64 of "tok:<uuid>:<n>:<n>" (60 characters, "dG9rO…"), recognised when
// assigned to any key; other Intercom tokens of that length count next to the word intercom.
const intercomShaped: ShapedValue = {
  rule: 'secret/intercom-token',
  re: /^dG9rO[A-Za-z0-9+/_-]{50,70}={0,2}$/,
  test: (v) => /^tok:[\x21-\x7e]{20,}$/.test(Buffer.from(v, 'base64').toString('latin1')),
  message: 'Intercom access token',
};

const intercomKeyed = keyed({
  rule: 'secret/intercom-token',
  keywords: 'intercom',
  values: [{ re: '[A-Za-z0-9=_-]{60}', key: /key|token|secret|access/i, message: 'Intercom access token' }],
});

const zendeskKeyed = keyed({
  rule: 'secret/zendesk-token',
  keywords: 'zendesk',
  values: [{ re: '[A-Za-z0-9]{40}', key: /key|token|secret|password|api/i, message: 'Zendesk API token', test: (v) => /[0-9]/.test(v) && /[A-Za-z]/.test(v) }],
});

const sendbirdKeyed = keyed({
  rule: 'secret/sendbird-token',
  keywords: 'sendbird',
  values: [{ re: '[0-9a-f]{40}', key: /key|token|secret|api/i, message: 'Sendbird API token' }],
});

export const MESSAGING_DETECTORS: readonly Detector[] = [
  slackToken,
  slackWebhook,
  discordWebhook,
  discordBotToken,
  telegramBotToken,
  teamsWebhook,
  mailchimpKey,
  mailgunKey,
  brevoKey,
  twilioKey,
  sendgridKey,
  hubspotToken,
];

/** Prefix-less messaging credentials, tried by the assignment detector (providers/generic.ts). */
export const MESSAGING_KEYED: readonly KeyedSpec[] = [discordKeyed, mailgunKeyed, messagebirdKeyed, twilioKeyed, hubspotKeyed, intercomKeyed, zendeskKeyed, sendbirdKeyed];

/** Messaging values recognised by shape where they are assigned (providers/generic.ts). */
export const MESSAGING_SHAPED: readonly ShapedValue[] = [intercomShaped];
