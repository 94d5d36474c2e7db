// Developer platforms: source hosting, package registries, CI, project tools. Formats from the
// providers' token documentation (prefix, length, charset).
import { B62, B64, B64URL, cat, corpus } from '../corpus-kit.js';

const c = corpus('dev-platforms', 0xde7);
const r = c.r;

// ---- GitHub: gh[pousr]_ + 36 base62; github_pat_ + 22 + _ + 59 ----
c.pos('secret/github-token', 'GitHub classic PAT', () => cat('gh', 'p_', r(B62, 36)), { key: 'GITHUB_TOKEN', in: ['env', 'gha', 'sh', 'yaml'] });
c.pos('secret/github-token', 'GitHub OAuth token', () => cat('gh', 'o_', r(B62, 36)), { key: 'GH_OAUTH_TOKEN', in: ['json'] });
c.pos('secret/github-token', 'GitHub fine-grained PAT', () => cat('github', '_pat_', r(B62, 22), '_', r(B62, 59)), { key: 'GH_TOKEN', in: ['env', 'ts'] });
c.near('secret/github-token', 'ghp_ one character short', () => cat('gh', 'p_', r(B62, 35)), { key: 'GITHUB_TOKEN', in: ['env'] });
c.placeholder('secret/github-token', 'ghp_ x-filled', () => cat('gh', 'p_', 'x'.repeat(36)), { key: 'GITHUB_TOKEN', in: ['md'] });

// ---- GitLab personal access tokens: glpat- + 20 (the other GitLab formats: dev-platforms-more.ts) ----
c.pos('secret/gitlab-token', 'GitLab PAT', () => cat('gl', 'pat-', r(B62, 20)), { key: 'GITLAB_TOKEN', in: ['env', 'yaml', 'sh'] });
c.near('secret/gitlab-token', 'glpat- too short', () => cat('gl', 'pat-', r(B62, 12)), { key: 'GITLAB_TOKEN', in: ['env'] });
c.placeholder('secret/gitlab-token', 'glpat- placeholder', () => cat('gl', 'pat-', 'xxxxxxxxxxxxxxxxxxxx'), { key: 'GITLAB_TOKEN', in: ['md'] });

// ---- npm: npm_ + 36 base62 ----
c.pos('secret/npm-token', 'npm access token', () => cat('np', 'm_', r(B62, 36)), { key: 'NPM_TOKEN', in: ['env', 'gha', 'dockerfile'] });
c.near('secret/npm-token', 'npm_ with 30 characters', () => cat('np', 'm_', r(B62, 30)), { key: 'NPM_TOKEN', in: ['env'] });
c.placeholder('secret/npm-token', 'npm_ placeholder', () => cat('np', 'm_', 'X'.repeat(36)), { key: 'NPM_TOKEN', in: ['md'] });

// ---- PyPI: pypi- + macaroon starting AgEIcHlwaS5vcmc ----
c.pos('secret/pypi-token', 'PyPI upload token', () => cat('pypi', '-AgEIcHlwaS5vcmc', r(B64URL, 70)), { key: 'TWINE_PASSWORD', in: ['env', 'gha'] });
c.near('secret/pypi-token', 'pypi- without the macaroon header', () => cat('pypi', '-', r(B64URL, 70)), { key: 'TWINE_PASSWORD', in: ['env'] });
c.placeholder('secret/pypi-token', 'pypi- token placeholder', () => cat('pypi', '-AgEIcHlwaS5vcmc', 'your-token-here-placeholder-your-token-here-placeholder'), { key: 'TWINE_PASSWORD', in: ['md'] });

// ---- Docker Hub: dckr_pat_ + 27 ----
c.pos('secret/dockerhub-token', 'Docker Hub PAT', () => cat('dckr', '_pat_', r(B64URL, 27)), { key: 'DOCKERHUB_TOKEN', in: ['env', 'gha'] });
c.near('secret/dockerhub-token', 'dckr_pat_ too short', () => cat('dckr', '_pat_', r(B62, 12)), { key: 'DOCKERHUB_TOKEN', in: ['env'] });
c.placeholder('secret/dockerhub-token', 'dckr_pat_ placeholder', () => cat('dckr', '_pat_', '<your-docker-hub-token-here>'), { key: 'DOCKERHUB_TOKEN', in: ['md'] });

// ---- Hugging Face: hf_ + 34 letters ----
c.pos('secret/huggingface-token', 'Hugging Face user token', () => cat('h', 'f_', r('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 34)), { key: 'HF_TOKEN', in: ['env', 'py', 'sh'] });
c.near('secret/huggingface-token', 'hf_ with 20 letters', () => cat('h', 'f_', r('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 20)), { key: 'HF_TOKEN', in: ['env'] });
c.placeholder('secret/huggingface-token', 'hf_ x-filled', () => cat('h', 'f_', 'x'.repeat(34)), { key: 'HF_TOKEN', in: ['py'] });

// ---- Linear: lin_api_ + 40 base62 ----
c.pos('secret/linear-key', 'Linear API key', () => cat('lin', '_api_', r(B62, 40)), { key: 'LINEAR_API_KEY', in: ['env', 'json'] });
c.near('secret/linear-key', 'lin_api_ too short', () => cat('lin', '_api_', r(B62, 20)), { key: 'LINEAR_API_KEY', in: ['env'] });
c.placeholder('secret/linear-key', 'lin_api_ placeholder', () => cat('lin', '_api_', 'X'.repeat(40)), { key: 'LINEAR_API_KEY', in: ['md'] });

// ---- 1Password service accounts: ops_ + base64 JSON (eyJ…) ----
c.pos('secret/1password-token', '1Password service-account token', () => cat('op', 's_eyJ', r(B64, 180)), { key: 'OP_SERVICE_ACCOUNT_TOKEN', in: ['env', 'gha'] });
c.near('secret/1password-token', 'ops_ not followed by JSON', () => cat('op', 's_', r(B62, 40)), { key: 'OPS_TEAM_ID', in: ['env'] });
c.placeholder('secret/1password-token', 'ops_ template', () => 'ops_${OP_TOKEN}', { key: 'OP_SERVICE_ACCOUNT_TOKEN', in: ['compose'] });

void B64;
export default c.module();
