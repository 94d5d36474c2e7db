// AI providers (and 1Password keys): API key formats from the providers' documentation.
import { B62, B64URL, DIGITS, HEX, LOWER, UPPER, cat, corpus } from '../corpus-kit.js';

const c = corpus('ai', 0xa1);
const r = c.r;

// ---- OpenAI: sk-proj-/sk-svcacct-/sk-admin- … with the T3BlbkFJ marker ----
c.pos('secret/openai-key', 'OpenAI project key', () => cat('sk', '-proj-', r(B64URL, 56), 'T3Blbk', 'FJ', r(B64URL, 56)), { key: 'OPENAI_API_KEY', in: ['env', 'py', 'yaml', 'gha'] });
c.pos('secret/openai-key', 'OpenAI legacy key', () => cat('sk', '-', r(B62, 20), 'T3Blbk', 'FJ', r(B62, 20)), { key: 'OPENAI_API_KEY', in: ['js'] });
c.near('secret/openai-key', 'sk- with 20 characters', () => cat('sk', '-', r(B62, 20)), { key: 'OPENAI_API_KEY', in: ['env'] });
c.placeholder('secret/openai-key', 'sk-proj- placeholder', () => cat('sk', '-proj-', 'your-openai-api-key-goes-here-0123456789-abcdefghij'), { key: 'OPENAI_API_KEY', in: ['md'] });

// ---- Anthropic: sk-ant-api03- + 93 + AA ----
c.pos('secret/anthropic-key', 'Anthropic API key', () => cat('sk', '-ant-', 'api03-', r(B64URL, 93), 'AA'), { key: 'ANTHROPIC_API_KEY', in: ['env', 'py', 'ts'] });
c.near('secret/anthropic-key', 'sk-ant- without a key type', () => cat('sk', '-ant-', r(B62, 20)), { key: 'ANTHROPIC_API_KEY', in: ['env'] });
c.placeholder('secret/anthropic-key', 'sk-ant- placeholder', () => cat('sk', '-ant-', 'api03-', 'your-api-key-here-xxxxxxxxxxxxxxxxxxxxxxxxx'), { key: 'ANTHROPIC_API_KEY', in: ['md'] });

const mixedOf = (alphabet: string, n: number): string => cat(r(UPPER, 1), r(LOWER, 1), r(DIGITS, 1), r(alphabet, n - 3));

// ---- Anthropic: Admin keys share the api03 shape; a wrong length is not a key ----
c.pos('secret/anthropic-key', 'Anthropic Admin API key', () => cat('sk', '-ant-', 'admin01-', r(B64URL, 93), 'AA'), { key: 'ANTHROPIC_ADMIN_KEY', in: ['env', 'json'] });
c.near('secret/anthropic-key', 'sk-ant-api03- one character short', () => cat('sk', '-ant-', 'api03-', r(B64URL, 92), 'AA'), { key: 'ANTHROPIC_API_KEY', in: ['env', 'yaml'] });

// ---- prefixed keys: Perplexity pplx- + 48, Groq gsk_ + 52, Replicate r8_ + 37, xAI xai- + 80 ----
c.pos('secret/perplexity-key', 'Perplexity API key', () => cat('pp', 'lx-', mixedOf(B62, 48)), { key: 'PERPLEXITY_API_KEY', in: ['env', 'py', 'json'] });
c.near('secret/perplexity-key', 'pplx- + 40 characters', () => cat('pp', 'lx-', mixedOf(B62, 40)), { key: 'PERPLEXITY_API_KEY', in: ['env'] });
c.placeholder('secret/perplexity-key', 'pplx- x-filled', () => cat('pp', 'lx-', 'x'.repeat(48)), { key: 'PERPLEXITY_API_KEY', in: ['md'] });
c.pos('secret/groq-key', 'Groq API key', () => cat('gs', 'k_', mixedOf(B62, 52)), { key: 'GROQ_API_KEY', in: ['env', 'py', 'ts', 'gha'] });
c.near('secret/groq-key', 'gsk_ + 40 characters', () => cat('gs', 'k_', mixedOf(B62, 40)), { key: 'GROQ_API_KEY', in: ['env'] });
c.placeholder('secret/groq-key', 'gsk_ placeholder', () => cat('gs', 'k_', 'your_groq_api_key_here'), { key: 'GROQ_API_KEY', in: ['env', 'md'] });
c.pos('secret/replicate-token', 'Replicate API token', () => cat('r', '8_', mixedOf(B62, 37)), { key: 'REPLICATE_API_TOKEN', in: ['env', 'py', 'gha'] });
c.near('secret/replicate-token', 'r8_ + 30 characters', () => cat('r', '8_', mixedOf(B62, 30)), { key: 'REPLICATE_API_TOKEN', in: ['env'] });
c.placeholder('secret/replicate-token', 'Replicate token placeholder', () => '<your-replicate-token>', { key: 'REPLICATE_API_TOKEN', in: ['md'] });
c.pos('secret/xai-key', 'xAI API key', () => cat('xa', 'i-', mixedOf(B62, 80)), { key: 'XAI_API_KEY', in: ['env', 'py', 'json'] });
c.near('secret/xai-key', 'xai- + 40 characters', () => cat('xa', 'i-', mixedOf(B62, 40)), { key: 'XAI_API_KEY', in: ['env'] });
c.placeholder('secret/xai-key', 'xai- x-filled', () => cat('xa', 'i-', 'x'.repeat(80)), { key: 'XAI_API_KEY', in: ['md'] });

// ---- keyed: Cohere (40), Mistral (32), DeepSeek (sk- + 32 hex) ----
c.pos('secret/cohere-key', 'Cohere API key', () => mixedOf(B62, 40), { key: 'COHERE_API_KEY', in: ['env', 'py', 'yaml'] });
c.pos('secret/cohere-key', 'Cohere key as CO_API_KEY', () => mixedOf(B62, 40), { key: 'CO_API_KEY', in: ['env', 'json'] });
c.near('secret/cohere-key', 'Cohere key of lower-case letters only', () => r(LOWER, 40), { key: 'COHERE_API_KEY', in: ['env'] });
c.placeholder('secret/cohere-key', 'Cohere key template', () => '${COHERE_API_KEY}', { key: 'COHERE_API_KEY', in: ['compose'] });
c.pos('secret/mistral-key', 'Mistral API key', () => mixedOf(B62, 32), { key: 'MISTRAL_API_KEY', in: ['env', 'py', 'json'] });
c.near('secret/mistral-key', 'Mistral key of lower-case letters only', () => r(LOWER, 32), { key: 'MISTRAL_API_KEY', in: ['env'] });
c.placeholder('secret/mistral-key', 'Mistral key placeholder', () => 'your-mistral-api-key', { key: 'MISTRAL_API_KEY', in: ['env'] });
const hex32 = (): string => cat(r('abcdef', 1), r(DIGITS, 1), r(HEX, 30));
c.pos('secret/deepseek-key', 'DeepSeek API key', () => cat('sk', '-', hex32()), { key: 'DEEPSEEK_API_KEY', in: ['env', 'py', 'yaml'] });
c.near('secret/deepseek-key', 'sk- + 32 hex with no provider named', () => cat('sk', '-', hex32()), { key: 'LLM_API_KEY', in: ['env'] });
c.near('secret/deepseek-key', 'sk- + 31 hex next to deepseek', () => cat('sk', '-', hex32().slice(1)), { key: 'DEEPSEEK_API_KEY', in: ['json'] });
c.placeholder('secret/deepseek-key', 'DeepSeek key x-filled', () => cat('sk', '-', 'x'.repeat(32)), { key: 'DEEPSEEK_API_KEY', in: ['md'] });

// ---- 1Password: account secret keys A3-<6>-<6>-<5>-<5>-<5>-<5> (upper-case letters and digits) ----
const UD = cat(UPPER, DIGITS);
const opSecretKey = (): string => cat('A', '3-', r(UD, 6), '-', r(UD, 6), '-', r(UPPER, 2), r(DIGITS, 1), r(UD, 2), '-', r(UD, 5), '-', r(UD, 5), '-', r(UD, 5));
c.pos('secret/1password-token', '1Password account secret key', opSecretKey, { key: 'OP_SECRET_KEY', in: ['env', 'yaml', 'md'] });
c.pos('secret/1password-token', '1Password service-account token', () => cat('op', 's_', 'eyJ', r(B62, 180)), { key: 'OP_SERVICE_ACCOUNT_TOKEN', in: ['env', 'gha'] });
c.near('secret/1password-token', 'A3- key with a lower-case group', () => cat('A', '3-', r(UD, 6), '-', r(LOWER, 6), '-', r(UD, 5), '-', r(UD, 5), '-', r(UD, 5), '-', r(UD, 5)), { key: 'OP_SECRET_KEY', in: ['env'] });
c.placeholder('secret/1password-token', 'A3- X-filled', () => cat('A', '3-', 'XXXXXX-XXXXXX-XXXXX-XXXXX-XXXXX-XXXXX'), { key: 'OP_SECRET_KEY', in: ['md'] });

export default c.module();
