// Developer platforms, part two: every GitLab token type, Atlassian, Bitbucket, JFrog, Sonar,
// Snyk, Sourcegraph, Codecov, Travis CI, Drone, RubyGems, Clojars, NuGet, Postman, ReadMe,
// Prefect, Sentry, LaunchDarkly, Grafana, Gitter, Mattermost, Notion, Typeform, Airtable, Algolia,
// Asana, Contentful, Hugging Face org tokens, Linear OAuth tokens, Frame.io. Formats from the
// providers' token documentation (prefix, length, charset, checksum); values drawn at run time.
import { crc32 } from 'node:zlib';
import { ALNUM_LOWER, B62, B64, B64URL, DIGITS, HEX, LOWER, UPPER, cat, corpus, uuid } from '../corpus-kit.js';

const c = corpus('dev-platforms', 0xde8);
const r = c.r;
const LETTERS = `${UPPER}${LOWER}`;

/** Append the 8-hex CRC32 of the value (Atlassian and Bitbucket tokens end with it). */
const withCrcHex = (v: string): string => v + crc32(v).toString(16).padStart(8, '0').toUpperCase();

// ---- GitLab: one prefix per token type, each with its documented length ----
const gl = (type: string, body: string): string => cat('gl', type, '-', body);
c.pos('secret/gitlab-token', 'GitLab deploy token', () => gl('dt', r(B64URL, 20)), { key: 'GITLAB_DEPLOY_TOKEN', in: ['env', 'compose'] });
c.pos('secret/gitlab-token', 'GitLab runner token', () => gl('rt', r(B62, 20)), { key: 'RUNNER_TOKEN', in: ['toml'] });
c.pos('secret/gitlab-token', 'GitLab OAuth application secret', () => gl('oas', r(B62, 64)), { key: 'GITLAB_OAUTH_SECRET', in: ['env', 'yaml'] });
c.pos('secret/gitlab-token', 'GitLab pipeline trigger token', () => gl('ptt', r(HEX, 40)), { key: 'TRIGGER_TOKEN', in: ['sh', 'gha'] });
c.pos('secret/gitlab-token', 'GitLab CI job token', () => gl('cbt', cat(r(HEX, 2), '_', r(B62, 20))), { key: 'CI_JOB_TOKEN', in: ['sh'] });
c.pos('secret/gitlab-token', 'GitLab feed token', () => gl('ft', r(B62, 20)), { key: 'GITLAB_FEED_TOKEN', in: ['env'] });
c.pos('secret/gitlab-token', 'GitLab incoming mail token', () => gl('imt', r(B62, 25)), { key: 'INCOMING_EMAIL_TOKEN', in: ['yaml'] });
c.pos('secret/gitlab-token', 'GitLab agent token', () => gl('agent', r(B64URL, 50)), { key: 'AGENT_TOKEN', in: ['k8s', 'env'] });
c.pos('secret/gitlab-token', 'GitLab SCIM token', () => gl('soat', r(B62, 20)), { key: 'SCIM_TOKEN', in: ['json'] });
c.pos('secret/gitlab-token', 'GitLab feature-flag client token', () => gl('ffct', r(B62, 20)), { key: 'UNLEASH_API_TOKEN', in: ['env', 'ts'] });
c.pos('secret/gitlab-token', 'GitLab runner registration token', () => cat('GR13', '48941', r(B64URL, 20)), { key: 'REGISTRATION_TOKEN', in: ['sh', 'toml'] });
const session = r(HEX, 32);
c.raw('pos', 'secret/gitlab-token', 'GitLab session cookie', 'scripts/scrape.sh', `#!/bin/sh\ncurl -b "_gitlab_session=${session}" https://gitlab.internal/api/v4/user\n`, session);
// Routable tokens: <prefix><payload>.<version>.<payload length, base36><CRC32 base36>.
const routable = (type: string, n: number): string => {
  const payload = r(B64URL, n);
  const signed = cat('gl', type, '-', payload, '.01.', n.toString(36).padStart(2, '0'));
  return signed + crc32(signed).toString(36).padStart(7, '0');
};
const routableOld = (n: number): string => cat('gl', 'pat-', r(B64URL, n), '.', n.toString(36).padStart(2, '0'), r(ALNUM_LOWER, 7));
c.pos('secret/gitlab-token', 'GitLab routable PAT (versioned)', () => routable('pat', 35), { key: 'GITLAB_TOKEN', in: ['env', 'gha', 'py'] });
c.pos('secret/gitlab-token', 'GitLab routable runner token', () => routable('rt', 40), { key: 'RUNNER_AUTH_TOKEN', in: ['toml'] });
c.pos('secret/gitlab-token', 'GitLab routable PAT (first form)', () => routableOld(27), { key: 'GITLAB_TOKEN', in: ['yaml'] });
c.near('secret/gitlab-token', 'glptt- with 30 hex', () => gl('ptt', r(HEX, 30)), { key: 'TRIGGER_TOKEN', in: ['sh'] });
c.near('secret/gitlab-token', 'GitLab routable PAT with a wrong CRC', () => routable('pat', 35).slice(0, -1) + 'z', { key: 'GITLAB_TOKEN', in: ['env'] });
c.near('secret/gitlab-token', 'GitLab routable PAT with a wrong length field', () => cat('gl', 'pat-', r(B64URL, 30), '.01.0z', r(ALNUM_LOWER, 7)), { key: 'GITLAB_TOKEN', in: ['env'] });
c.placeholder('secret/gitlab-token', 'GitLab runner registration token template', () => cat('GR13', '48941', '<registration-token>'), { key: 'REGISTRATION_TOKEN', in: ['sh'] });
c.placeholder('secret/gitlab-token', 'GitLab session cookie x-filled', () => 'x'.repeat(32), { key: 'GITLAB_SESSION', in: ['env'] });

// ---- Atlassian: ATATT3 + 178 + CRC32 hex; legacy 24 keyed ----
const atlassian = (): string => withCrcHex(cat('ATA', 'TT3', r(B64URL.replace('-', '='), 178)));
c.pos('secret/atlassian-token', 'Atlassian API token', atlassian, { key: 'JIRA_API_TOKEN', in: ['env', 'yaml', 'sh', 'json'] });
c.pos('secret/atlassian-token', 'Atlassian legacy API token', () => cat(r(LOWER, 2), r(DIGITS, 2), r(B62, 20)), { key: 'CONFLUENCE_API_TOKEN', in: ['env', 'py'] });
c.near('secret/atlassian-token', 'ATATT3 token with a broken checksum', () => atlassian().slice(0, -8) + 'DEADBEEF', { key: 'JIRA_API_TOKEN', in: ['env'] });
c.near('secret/atlassian-token', 'Jira project id next to jira', () => r(DIGITS, 8), { key: 'JIRA_PROJECT_ID', in: ['env'] });
c.placeholder('secret/atlassian-token', 'Atlassian token template', () => '${JIRA_API_TOKEN}', { key: 'JIRA_API_TOKEN', in: ['compose'] });

// ---- Bitbucket: app passwords ATBB + 24 + CRC32 hex; OAuth client secrets keyed ----
const bitbucket = (): string => withCrcHex(cat('AT', 'BB', r(B62, 24)));
c.pos('secret/bitbucket-token', 'Bitbucket app password', bitbucket, { key: 'BITBUCKET_APP_PASSWORD', in: ['env', 'gha', 'sh'] });
c.pos('secret/bitbucket-token', 'Bitbucket OAuth client secret', () => cat(r(UPPER, 2), r(LOWER, 2), r(DIGITS, 2), r(B62, 26)), { key: 'BITBUCKET_CLIENT_SECRET', in: ['env', 'json'] });
c.near('secret/bitbucket-token', 'ATBB with a wrong checksum', () => cat('AT', 'BB', r(B62, 24), '0BADC0DE'), { key: 'BITBUCKET_APP_PASSWORD', in: ['env'] });
c.placeholder('secret/bitbucket-token', 'Bitbucket app password placeholder', () => cat('AT', 'BB', 'your-app-password-here'), { key: 'BITBUCKET_APP_PASSWORD', in: ['md'] });

// ---- JFrog: AKCp + 69 API keys, cmVmdGtu + 56 reference tokens ----
const mix = (n: number): string => cat(r(UPPER, 2), r(LOWER, 2), r(DIGITS, 2), r(B62, n - 6));
c.pos('secret/jfrog-token', 'Artifactory API key', () => cat('AK', 'Cp', mix(69)), { key: 'ARTIFACTORY_API_KEY', in: ['env', 'properties', 'sh'] });
c.pos('secret/jfrog-token', 'JFrog reference token', () => cat('cmVm', 'dGtu', mix(56)), { key: 'JFROG_ACCESS_TOKEN', in: ['env', 'gha'] });
c.near('secret/jfrog-token', 'AKCp one character short', () => cat('AK', 'Cp', mix(68)), { key: 'ARTIFACTORY_USER', in: ['env'] });
c.placeholder('secret/jfrog-token', 'Artifactory key x-filled', () => cat('AK', 'Cp', 'X'.repeat(69)), { key: 'ARTIFACTORY_API_KEY', in: ['md'] });

// ---- Sonar: squ_/sqp_/sqa_ + 40 hex ----
c.pos('secret/sonar-token', 'SonarQube user token', () => cat('sq', 'u_', r(HEX, 40)), { key: 'SONAR_TOKEN', in: ['env', 'gha', 'properties'] });
c.pos('secret/sonar-token', 'SonarQube project analysis token', () => cat('sq', 'p_', r(HEX, 40)), { key: 'SONAR_TOKEN', in: ['sh'] });
c.pos('secret/sonar-token', 'SonarQube global analysis token', () => cat('sq', 'a_', r(HEX, 40)), { key: 'SONAR_TOKEN', in: ['yaml'] });
c.near('secret/sonar-token', 'squ_ with 40 non-hex', () => cat('sq', 'u_', r('ghijklmnopqrstuvwxyz', 40)), { key: 'SONAR_PROJECT', in: ['properties'] });
c.placeholder('secret/sonar-token', 'squ_ zero-filled', () => cat('sq', 'u_', '0'.repeat(40)), { key: 'SONAR_TOKEN', in: ['md'] });

// ---- Snyk and Codecov: uuids next to the provider's name ----
c.pos('secret/snyk-token', 'Snyk API token', () => uuid(r), { key: 'SNYK_TOKEN', in: ['env', 'gha', 'sh', 'json'] });
c.near('secret/snyk-token', 'Snyk org id (not a secret)', () => uuid(r), { key: 'SNYK_ORG_ID', in: ['env'] });
c.placeholder('secret/snyk-token', 'Snyk token template', () => '${{ secrets.SNYK_TOKEN }}', { key: 'SNYK_TOKEN', in: ['gha'] });
c.pos('secret/codecov-token', 'Codecov upload token', () => uuid(r), { key: 'CODECOV_TOKEN', in: ['env', 'gha', 'yaml'] });
c.near('secret/codecov-token', 'Codecov repository id', () => uuid(r), { key: 'CODECOV_REPO_ID', in: ['env'] });
c.placeholder('secret/codecov-token', 'Codecov token template', () => '<codecov-token>', { key: 'CODECOV_TOKEN', in: ['yaml'] });

// ---- Sourcegraph: sgp_ + 40 hex, with an instance id or local_ ----
c.pos('secret/sourcegraph-token', 'Sourcegraph access token', () => cat('sg', 'p_', r(HEX, 40)), { key: 'SRC_ACCESS_TOKEN', in: ['env', 'sh'] });
c.pos('secret/sourcegraph-token', 'Sourcegraph instance token', () => cat('sg', 'p_', r(HEX, 16), '_', r(HEX, 40)), { key: 'SRC_ACCESS_TOKEN', in: ['json', 'gha'] });
c.pos('secret/sourcegraph-token', 'Sourcegraph local token', () => cat('sg', 'p_local_', r(HEX, 40)), { key: 'SRC_ACCESS_TOKEN', in: ['yaml'] });
c.near('secret/sourcegraph-token', 'sgp_ with 30 hex', () => cat('sg', 'p_', r(HEX, 30)), { key: 'SRC_ACCESS_TOKEN', in: ['env'] });
c.placeholder('secret/sourcegraph-token', 'sgp_ placeholder', () => cat('sg', 'p_', 'your-token-here'), { key: 'SRC_ACCESS_TOKEN', in: ['md'] });

// ---- Travis CI (22) and Drone (32), next to their names ----
c.pos('secret/travis-token', 'Travis CI API token', () => cat(r(LOWER, 2), r(DIGITS, 2), r(B64URL, 18)), { key: 'TRAVIS_API_TOKEN', in: ['env', 'sh', 'yaml'] });
c.near('secret/travis-token', 'Travis build number', () => r(DIGITS, 6), { key: 'TRAVIS_BUILD_NUMBER', in: ['env'] });
c.placeholder('secret/travis-token', 'Travis token template', () => '${TRAVIS_TOKEN}', { key: 'TRAVIS_TOKEN', in: ['sh'] });
c.pos('secret/drone-token', 'Drone personal token', () => cat(r(UPPER, 2), r(DIGITS, 2), r(B62, 28)), { key: 'DRONE_TOKEN', in: ['env', 'sh', 'compose'] });
c.near('secret/drone-token', 'Drone server host', () => 'drone.internal.acme.io', { key: 'DRONE_SERVER', in: ['env'] });
c.placeholder('secret/drone-token', 'Drone token template', () => '<drone-token>', { key: 'DRONE_TOKEN', in: ['md'] });

// ---- RubyGems, Clojars, NuGet ----
c.pos('secret/rubygems-token', 'RubyGems API key', () => cat('ruby', 'gems_', r(HEX, 48)), { key: 'GEM_HOST_API_KEY', in: ['env', 'gha', 'yamlBare'] });
c.near('secret/rubygems-token', 'rubygems_ with 40 hex', () => cat('ruby', 'gems_', r(HEX, 40)), { key: 'GEM_HOST_API_KEY', in: ['env'] });
c.placeholder('secret/rubygems-token', 'rubygems_ x-filled', () => cat('ruby', 'gems_', 'x'.repeat(48)), { key: 'GEM_HOST_API_KEY', in: ['md'] });
c.pos('secret/clojars-token', 'Clojars deploy token', () => cat('CLOJ', 'ARS_', r(ALNUM_LOWER, 60)), { key: 'CLOJARS_TOKEN', in: ['env', 'gha'] });
c.near('secret/clojars-token', 'CLOJARS_ with 20', () => cat('CLOJ', 'ARS_', r(ALNUM_LOWER, 20)), { key: 'CLOJARS_USERNAME', in: ['env'] });
c.placeholder('secret/clojars-token', 'CLOJARS_ template', () => '${CLOJARS_TOKEN}', { key: 'CLOJARS_TOKEN', in: ['sh'] });
c.pos('secret/nuget-key', 'NuGet API key', () => cat('oy', '2', r(DIGITS, 2), r(ALNUM_LOWER, 41)), { key: 'NUGET_API_KEY', in: ['env', 'gha', 'sh', 'json'] });
c.near('secret/nuget-key', 'oy2 with upper-case letters', () => cat('oy', '2', r(DIGITS, 2), r(UPPER, 41)), { key: 'NUGET_SOURCE', in: ['env'] });
c.placeholder('secret/nuget-key', 'NuGet key template', () => '%NUGET_API_KEY%', { key: 'NUGET_API_KEY', in: ['env'] });

// ---- Postman, ReadMe, Prefect ----
c.pos('secret/postman-key', 'Postman API key', () => cat('PM', 'AK-', r(HEX, 24), '-', r(HEX, 34)), { key: 'POSTMAN_API_KEY', in: ['env', 'gha', 'sh'] });
c.near('secret/postman-key', 'PMAK- missing its second part', () => cat('PM', 'AK-', r(HEX, 24)), { key: 'POSTMAN_COLLECTION', in: ['env'] });
c.placeholder('secret/postman-key', 'Postman key placeholder', () => cat('PM', 'AK-', '<your-api-key>'), { key: 'POSTMAN_API_KEY', in: ['md'] });
c.pos('secret/readme-key', 'ReadMe API key', () => cat('rd', 'me_', r(ALNUM_LOWER, 70)), { key: 'README_API_KEY', in: ['env', 'gha'] });
c.near('secret/readme-key', 'rdme_ too short', () => cat('rd', 'me_', r(ALNUM_LOWER, 30)), { key: 'README_VERSION', in: ['env'] });
c.placeholder('secret/readme-key', 'rdme_ x-filled', () => cat('rd', 'me_', 'x'.repeat(70)), { key: 'README_API_KEY', in: ['md'] });
c.pos('secret/prefect-key', 'Prefect API key', () => cat('pn', 'u_', r(B62, 36)), { key: 'PREFECT_API_KEY', in: ['env', 'py', 'sh'] });
c.near('secret/prefect-key', 'pnu_ too short', () => cat('pn', 'u_', r(B62, 20)), { key: 'PREFECT_WORKSPACE', in: ['env'] });
c.placeholder('secret/prefect-key', 'pnu_ placeholder', () => cat('pn', 'u_', 'your-prefect-key-here-please-12'), { key: 'PREFECT_API_KEY', in: ['md'] });

// ---- Sentry: sntrys_ + base64 JSON [+ _ + 43], sntryu_ + 64 hex, legacy 64 hex keyed ----
const sentryOrg = (): string => {
  const claims = `{"iat":${1_700_000_000 + Number(r(DIGITS, 7))},"url":"https://sentry.io","region_url":"https://us.sentry.io","org":"${r(LOWER, 8)}"}`;
  return cat('sntr', 'ys_', Buffer.from(claims).toString('base64').replace(/=+$/, ''), '_', r(B64.slice(0, 62), 43));
};
c.pos('secret/sentry-token', 'Sentry organization token', sentryOrg, { key: 'SENTRY_AUTH_TOKEN', in: ['env', 'gha', 'sh'] });
c.pos('secret/sentry-token', 'Sentry user token', () => cat('sntr', 'yu_', r(HEX, 64)), { key: 'SENTRY_AUTH_TOKEN', in: ['env', 'json'] });
c.pos('secret/sentry-token', 'Sentry legacy auth token', () => r(HEX, 64), { key: 'SENTRY_AUTH_TOKEN', in: ['yaml', 'env'] });
c.near('secret/sentry-token', 'sntrys_ payload that is not JSON claims', () => cat('sntr', 'ys_eyJ', r(B62, 40)), { key: 'SENTRY_RELEASE', in: ['env'] });
c.placeholder('secret/sentry-token', 'Sentry token template', () => cat('sntr', 'yu_', '${SENTRY_TOKEN}'), { key: 'SENTRY_AUTH_TOKEN', in: ['sh'] });

// ---- LaunchDarkly: api-/sdk-/mob- + uuid next to the name ----
c.pos('secret/launchdarkly-key', 'LaunchDarkly SDK key', () => cat('sd', 'k-', uuid(r)), { key: 'LAUNCHDARKLY_SDK_KEY', in: ['env', 'ts', 'k8s'] });
c.pos('secret/launchdarkly-key', 'LaunchDarkly API token', () => cat('ap', 'i-', uuid(r)), { key: 'LAUNCHDARKLY_ACCESS_TOKEN', in: ['env', 'gha'] });
c.near('secret/launchdarkly-key', 'LaunchDarkly client-side id', () => r(HEX, 24), { key: 'LAUNCHDARKLY_CLIENT_ID', in: ['env'] });
c.placeholder('secret/launchdarkly-key', 'LaunchDarkly key placeholder', () => cat('sd', 'k-', 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx'), { key: 'LAUNCHDARKLY_SDK_KEY', in: ['env'] });

// ---- Grafana: glc_ + base64 JSON, glsa_ + 32 + _ + 8 hex, legacy eyJrIjoi ----
const glc = (): string => cat('gl', 'c_', Buffer.from(`{"o":"${r(DIGITS, 6)}","n":"stack-${r(DIGITS, 6)}-hm-read-${r(LOWER, 6)}","k":"${r(B62, 24)}","m":{"r":"prod-us-east-0"}}`).toString('base64'));
const glsa = (): string => cat('gl', 'sa_', r(B62, 32), '_', r(HEX, 8));
const grafanaLegacy = (): string => Buffer.from(`{"k":"${r(B62, 32)}","n":"deploy-${r(LOWER, 5)}","id":${r('123456789', 1)}}`).toString('base64');
c.pos('secret/grafana-token', 'Grafana Cloud access policy token', glc, { key: 'GRAFANA_CLOUD_TOKEN', in: ['env', 'gha', 'yaml'] });
c.pos('secret/grafana-token', 'Grafana service-account token', glsa, { key: 'GRAFANA_SERVICE_ACCOUNT_TOKEN', in: ['env', 'tfvars', 'sh'] });
c.pos('secret/grafana-token', 'Grafana legacy API key', grafanaLegacy, { key: 'GRAFANA_API_KEY', in: ['env', 'json'] });
c.near('secret/grafana-token', 'glsa_ without its checksum', () => cat('gl', 'sa_', r(B62, 32)), { key: 'GRAFANA_SA_NAME', in: ['env'] });
c.placeholder('secret/grafana-token', 'glsa_ x-filled', () => cat('gl', 'sa_', 'x'.repeat(32), '_', '0'.repeat(8)), { key: 'GRAFANA_SERVICE_ACCOUNT_TOKEN', in: ['md'] });

// ---- Gitter (40 hex), Mattermost (26), next to their names ----
c.pos('secret/gitter-token', 'Gitter token', () => r(HEX, 40), { key: 'GITTER_TOKEN', in: ['env', 'yaml'] });
c.near('secret/gitter-token', 'Gitter room id', () => r(HEX, 24), { key: 'GITTER_ROOM_ID', in: ['env'] });
c.placeholder('secret/gitter-token', 'Gitter token template', () => '${GITTER_TOKEN}', { key: 'GITTER_TOKEN', in: ['sh'] });
c.pos('secret/mattermost-token', 'Mattermost access token', () => cat(r(DIGITS, 2), r(LOWER, 2), r(ALNUM_LOWER, 22)), { key: 'MATTERMOST_ACCESS_TOKEN', in: ['env', 'yaml', 'compose'] });
c.near('secret/mattermost-token', 'Mattermost team name', () => 'engineering', { key: 'MATTERMOST_TEAM', in: ['env'] });
c.placeholder('secret/mattermost-token', 'Mattermost token template', () => '{{ mattermost_token }}', { key: 'MATTERMOST_TOKEN', in: ['yaml'] });

// ---- Notion: secret_ + 43, ntn_ + 46 ----
c.pos('secret/notion-token', 'Notion internal integration secret', () => cat('sec', 'ret_', mix(43)), { key: 'NOTION_TOKEN', in: ['env', 'py', 'ts'] });
c.pos('secret/notion-token', 'Notion ntn_ token', () => cat('nt', 'n_', r(DIGITS, 11), mix(35)), { key: 'NOTION_API_KEY', in: ['env', 'json'] });
c.near('secret/notion-token', 'secret_ too short', () => cat('sec', 'ret_', mix(20)), { key: 'NOTION_PAGE', in: ['env'] });
c.placeholder('secret/notion-token', 'secret_ placeholder', () => cat('sec', 'ret_', 'your-notion-integration-token-here'), { key: 'NOTION_TOKEN', in: ['md'] });

// ---- Typeform: tfp_ + 44 + _ + 14 ----
c.pos('secret/typeform-token', 'Typeform personal token', () => cat('tf', 'p_', mix(44), '_', mix(14)), { key: 'TYPEFORM_TOKEN', in: ['env', 'js'] });
c.near('secret/typeform-token', 'tfp_ without its second part', () => cat('tf', 'p_', mix(44)), { key: 'TYPEFORM_FORM', in: ['env'] });
c.placeholder('secret/typeform-token', 'Typeform token template', () => '${TYPEFORM_TOKEN}', { key: 'TYPEFORM_TOKEN', in: ['sh'] });

// ---- Airtable: pat + 14 + . + 64 hex; legacy key + 14 keyed ----
c.pos('secret/airtable-token', 'Airtable personal access token', () => cat('pa', 't', mix(14), '.', r(HEX, 64)), { key: 'AIRTABLE_TOKEN', in: ['env', 'py', 'sh'] });
c.pos('secret/airtable-token', 'Airtable legacy API key', () => cat('ke', 'y', r(UPPER, 2), r(LOWER, 2), r(B62, 10)), { key: 'AIRTABLE_API_KEY', in: ['env', 'js'] });
c.near('secret/airtable-token', 'pat…. with a short hex part', () => cat('pa', 't', mix(14), '.', r(HEX, 20)), { key: 'AIRTABLE_BASE', in: ['env'] });
c.placeholder('secret/airtable-token', 'Airtable token template', () => '<airtable-token>', { key: 'AIRTABLE_TOKEN', in: ['md'] });

// ---- Algolia admin keys (32 hex) and Asana tokens, next to their names ----
c.pos('secret/algolia-key', 'Algolia admin API key', () => r(HEX, 32), { key: 'ALGOLIA_ADMIN_API_KEY', in: ['env', 'js', 'yaml'] });
c.pos('secret/algolia-key', 'Algolia search-only key (a note)', () => r(HEX, 32), { key: 'ALGOLIA_SEARCH_API_KEY', in: ['js'] });
c.near('secret/algolia-key', 'Algolia application id', () => r(UPPER + DIGITS, 10), { key: 'ALGOLIA_APP_ID', in: ['env'] });
c.placeholder('secret/algolia-key', 'Algolia key template', () => '${ALGOLIA_ADMIN_KEY}', { key: 'ALGOLIA_ADMIN_KEY', in: ['sh'] });
c.pos('secret/asana-token', 'Asana personal access token', () => cat(r('12', 1), '/', r(DIGITS, 16), ':', r(HEX, 32)), { key: 'ASANA_ACCESS_TOKEN', in: ['env', 'py', 'json'] });
c.near('secret/asana-token', 'Asana workspace gid', () => cat('1/', r(DIGITS, 16)), { key: 'ASANA_TOKEN', in: ['env'] });
c.placeholder('secret/asana-token', 'Asana token template', () => '<asana-personal-access-token>', { key: 'ASANA_TOKEN', in: ['md'] });

// ---- Contentful, Frame.io ----
c.pos('secret/contentful-token', 'Contentful management token', () => cat('CF', 'PAT-', r(B64URL, 43)), { key: 'CONTENTFUL_MANAGEMENT_TOKEN', in: ['env', 'js', 'gha'] });
c.near('secret/contentful-token', 'CFPAT- too short', () => cat('CF', 'PAT-', r(B64URL, 20)), { key: 'CONTENTFUL_SPACE', in: ['env'] });
c.placeholder('secret/contentful-token', 'CFPAT- placeholder', () => cat('CF', 'PAT-', '<your-management-token>'), { key: 'CONTENTFUL_MANAGEMENT_TOKEN', in: ['md'] });
c.pos('secret/frameio-token', 'Frame.io developer token', () => cat('fio', '-u-', r(B64URL, 64)), { key: 'FRAMEIO_TOKEN', in: ['env', 'py'] });
c.near('secret/frameio-token', 'fio-u- too short', () => cat('fio', '-u-', r(B64URL, 30)), { key: 'FRAMEIO_PROJECT', in: ['env'] });
c.placeholder('secret/frameio-token', 'fio-u- x-filled', () => cat('fio', '-u-', 'x'.repeat(64)), { key: 'FRAMEIO_TOKEN', in: ['md'] });

// ---- Hugging Face org tokens and Linear OAuth tokens (extensions of existing rules) ----
c.pos('secret/huggingface-token', 'Hugging Face org token', () => cat('api', '_org_', r(UPPER, 2), r(LOWER, 2), r(LETTERS, 30)), { key: 'HF_ORG_TOKEN', in: ['env', 'py'] });
c.near('secret/huggingface-token', 'api_org_ with digits', () => cat('api', '_org_', r(DIGITS, 34)), { key: 'HF_ORG_NAME', in: ['env'] });
c.pos('secret/linear-key', 'Linear OAuth token', () => cat('lin', '_oauth_', r(HEX, 64)), { key: 'LINEAR_OAUTH_TOKEN', in: ['env', 'ts'] });
c.near('secret/linear-key', 'lin_oauth_ too short', () => cat('lin', '_oauth_', r(HEX, 32)), { key: 'LINEAR_TEAM', in: ['env'] });

// ---- GitHub: every prefix ----
for (const p of ['u', 's', 'r']) c.pos('secret/github-token', `GitHub gh${p}_ token`, () => cat('gh', p, '_', r(B62, 36)), { key: 'GH_TOKEN', in: ['env'] });

export default c.module();
