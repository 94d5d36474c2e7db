// AI providers: OpenAI, Anthropic, Cohere, Perplexity, Groq, Replicate, Mistral, xAI, DeepSeek
// (Google Gemini keys are Google API keys, AIza…: secret/google-api-key, reported once); and
// 1Password, whose service-account tokens and account secret keys sit in the same agent and
// automation configs.
//
// Formats from the providers' API-key documentation and secret-scanning partner listings:
// OpenAI sk-proj-/sk-svcacct-/sk-admin- and legacy sk- + 48; Anthropic sk-ant-api03- + 93 + "AA"
// (Admin keys sk-ant-admin01-, same shape); Perplexity pplx- + 48; Groq gsk_ + 52; Replicate
// r8_ + 37; xAI xai- + 80; 1Password secret keys A3- + 6-character account id + 26 characters in
// dashed groups (the Emergency Kit form). Cohere (40), Mistral (32) and DeepSeek (sk- + 32 hex)
// keys have no prefix of their own: the provider's name must be near the value (keyed()).
import { hasUpperAndLower, keyed, token, type Detector, type KeyedSpec } from '../detector-kit.js';
import { isPlaceholder } from '../placeholder.js';

const mixed = (v: string): boolean => hasUpperAndLower(v) && /[0-9]/.test(v);

const openaiKey = token({
  rule: 'secret/openai-key',
  anchors: [{ at: '-', before: 'sk' }],
  back: 2,
  re: /(?<![A-Za-z0-9_-])sk-(?:(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{40,}|[A-Za-z0-9]{48})(?![A-Za-z0-9_-])/g,
  prefix: 3,
  message: 'OpenAI API key',
});

// API keys (api03) and Admin API keys (admin01) have an exact shape: 93 base64url characters
// and "AA". Session-style keys (sid, oat, ort) are only known by their prefix and a long body.
const anthropicKey = token({
  rule: 'secret/anthropic-key',
  anchors: [{ at: '-', before: 'sk-ant' }],
  back: 6,
  re: /(?<![A-Za-z0-9_-])sk-ant-(?:(?:api|admin)\d\d-[A-Za-z0-9_-]{93}AA|(?:sid|oat|ort)\d\d-[A-Za-z0-9_-]{32,})(?![A-Za-z0-9_-])/g,
  placeholderCheck: false,
  validate: (v) => !isPlaceholder(v.slice(v.indexOf('-', 7) + 1)),
  message: (m) => (m[0].startsWith('sk-ant-admin') ? 'Anthropic Admin API key' : 'Anthropic API key'),
});

const perplexityKey = token({
  rule: 'secret/perplexity-key',
  anchors: [{ at: '-', before: 'pplx' }],
  back: 4,
  re: /(?<![A-Za-z0-9_-])pplx-[A-Za-z0-9]{48}(?![A-Za-z0-9_-])/g,
  prefix: 5,
  validate: (v) => mixed(v.slice(5)),
  message: 'Perplexity API key (pplx-…)',
});

const groqKey = token({
  rule: 'secret/groq-key',
  anchors: [{ at: '_', before: 'gsk' }],
  back: 3,
  re: /(?<![A-Za-z0-9_])gsk_[A-Za-z0-9]{52}(?![A-Za-z0-9_])/g,
  prefix: 4,
  validate: (v) => mixed(v.slice(4)),
  message: 'Groq API key (gsk_…)',
});

const replicateToken = token({
  rule: 'secret/replicate-token',
  anchors: [{ at: '_', before: '(?<![A-Za-z0-9_])r8' }],
  back: 2,
  re: /(?<![A-Za-z0-9_])r8_[A-Za-z0-9]{37}(?![A-Za-z0-9_])/g,
  prefix: 3,
  validate: (v) => mixed(v.slice(3)),
  message: 'Replicate API token (r8_…)',
});

const xaiKey = token({
  rule: 'secret/xai-key',
  anchors: [{ at: '-', before: 'xai' }],
  back: 3,
  re: /(?<![A-Za-z0-9_-])xai-[A-Za-z0-9]{80}(?![A-Za-z0-9_-])/g,
  prefix: 4,
  validate: (v) => mixed(v.slice(4)),
  message: 'xAI API key (xai-…)',
});

const onePasswordToken = token({
  rule: 'secret/1password-token',
  anchors: [{ at: '_', before: 'ops', after: 'eyJ' }],
  back: 3,
  re: /(?<![A-Za-z0-9_])ops_eyJ[A-Za-z0-9+/=]{100,}/g,
  prefix: 4,
  message: '1Password service-account token',
});

// A3-XXXXXX-XXXXXX-XXXXX-XXXXX-XXXXX-XXXXX: version, account id, then the 26 secret characters.
const onePasswordSecretKey = token({
  rule: 'secret/1password-token',
  anchors: [{ at: '-', before: '(?<![A-Za-z0-9_-])A3' }],
  back: 2,
  re: /(?<![A-Za-z0-9_-])A3-[A-Z0-9]{6}-[A-Z0-9]{6}-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}(?![A-Za-z0-9_-])/g,
  placeholderCheck: false,
  validate: (v) => {
    const secret = v.slice(10).replace(/-/g, '');
    return /[A-Z]/.test(secret) && /[0-9]/.test(secret) && !isPlaceholder(secret);
  },
  message: '1Password account secret key (A3-…)',
});

const cohereKeyed = keyed({
  rule: 'secret/cohere-key',
  keywords: 'cohere|co[_ .-]?api[_ .-]?key',
  values: [{ re: '[A-Za-z0-9]{40}', key: /key|token|secret/i, message: 'Cohere API key', test: mixed }],
});

const mistralKeyed = keyed({
  rule: 'secret/mistral-key',
  keywords: 'mistral',
  values: [{ re: '[A-Za-z0-9]{32}', key: /key|token|secret/i, message: 'Mistral AI API key', test: mixed }],
});

const deepseekKeyed = keyed({
  rule: 'secret/deepseek-key',
  keywords: 'deep[_ -]?seek',
  values: [{ re: 'sk-[0-9a-f]{32}', key: /key|token|secret/i, message: 'DeepSeek API key', test: (v) => /[a-f]/.test(v.slice(3)) && /[0-9]/.test(v.slice(3)) }],
});

export const AI_DETECTORS: readonly Detector[] = [openaiKey, anthropicKey, perplexityKey, groqKey, replicateToken, xaiKey, onePasswordToken, onePasswordSecretKey];

/** Prefix-less AI provider keys, tried by the assignment detector (providers/generic.ts). */
export const AI_KEYED: readonly KeyedSpec[] = [cohereKeyed, mistralKeyed, deepseekKeyed];

/** Starts of the AI formats above (regex source), for the generic rules' look-alike check. */
export const AI_PREFIXES = 'pplx-|gsk_|r8_|xai-|A3-';
