// Messaging providers already detected before issue #15 (Slack, Discord, SendGrid, Twilio).
// The messaging family's new providers live in their own modules; samples of one family are
// measured together whichever module holds them.
import { B62, B64URL, DIGITS, HEX, cat, corpus } from '../corpus-kit.js';

const c = corpus('messaging', 0x5ac);
const r = c.r;
const ID = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

c.pos('secret/slack-token', 'Slack bot token', () => cat('xo', 'xb-', r(DIGITS, 12), '-', r(DIGITS, 13), '-', r(B62, 24)), { key: 'SLACK_BOT_TOKEN', in: ['env', 'yaml', 'gha'] });
c.near('secret/slack-token', 'xoxb- too short', () => cat('xo', 'xb-', r(DIGITS, 4)), { key: 'SLACK_BOT_TOKEN', in: ['env'] });
c.placeholder('secret/slack-token', 'xoxb- placeholder', () => cat('xo', 'xb-', 'your-bot-token-here-xxxxx'), { key: 'SLACK_BOT_TOKEN', in: ['md'] });

c.pos('secret/slack-webhook', 'Slack incoming webhook', () => cat('https://hooks.', 'slack.com/services/T', r(ID, 10), '/B', r(ID, 10), '/', r(B62, 24)), { key: 'SLACK_WEBHOOK_URL', in: ['env', 'json'] });
c.near('secret/slack-webhook', 'Slack webhook path cut short', () => cat('https://hooks.', 'slack.com/services/T', r(ID, 4)), { key: 'SLACK_WEBHOOK_URL', in: ['env'] });
c.placeholder('secret/slack-webhook', 'Slack webhook placeholder', () => cat('https://hooks.', 'slack.com/services/XXXXXXXXX/XXXXXXXXX/XXXXXXXXXXXXXXXXXXXXXXXX'), { key: 'SLACK_WEBHOOK_URL', in: ['md'] });

c.pos('secret/discord-webhook', 'Discord webhook', () => cat('https://discord.', 'com/api/webhooks/', '1', r(DIGITS, 18), '/', r(B64URL, 68)), { key: 'DISCORD_WEBHOOK', in: ['env', 'yaml'] });
c.near('secret/discord-webhook', 'Discord webhook without token', () => cat('https://discord.', 'com/api/webhooks/', '1', r(DIGITS, 18), '/', r(B62, 10)), { key: 'DISCORD_WEBHOOK', in: ['env'] });
c.placeholder('secret/discord-webhook', 'Discord webhook placeholder', () => cat('https://discord.', 'com/api/webhooks/', '123456789012345678', '/', 'x'.repeat(68)), { key: 'DISCORD_WEBHOOK', in: ['md'] });

c.pos('secret/sendgrid-key', 'SendGrid API key', () => cat('S', 'G.', r(B64URL, 22), '.', r(B64URL, 43)), { key: 'SENDGRID_API_KEY', in: ['env', 'py'] });
c.near('secret/sendgrid-key', 'SG. key with a short second part', () => cat('S', 'G.', r(B64URL, 22), '.', r(B64URL, 20)), { key: 'SENDGRID_API_KEY', in: ['env'] });
c.placeholder('secret/sendgrid-key', 'SG. key placeholder', () => cat('S', 'G.', 'x'.repeat(22), '.', 'x'.repeat(43)), { key: 'SENDGRID_API_KEY', in: ['md'] });

c.pos('secret/twilio-key', 'Twilio API key SID', () => cat('S', 'K', r(HEX, 32)), { key: 'TWILIO_API_KEY', in: ['env', 'json'] });
c.near('secret/twilio-key', 'SK + 31 hex', () => cat('S', 'K', r(HEX, 31)), { key: 'TWILIO_API_KEY', in: ['env'] });
c.placeholder('secret/twilio-key', 'SK + zeros', () => cat('S', 'K', '0'.repeat(32)), { key: 'TWILIO_API_KEY', in: ['md'] });

export default c.module();
