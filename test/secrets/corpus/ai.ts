// AI providers: API key formats from the providers' documentation.
import { B62, B64URL, cat, corpus } from '../corpus-kit.js';

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

export default c.module();
