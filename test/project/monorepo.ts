// The fixture monorepo of the discovery tests.
import { gitInit, makeDir } from './fixture.js';

export const COMPOSE = `services:
  api:
    build:
      context: .
      dockerfile: docker/api.Dockerfile
      target: runtime
      args:
        - NODE_VERSION=20
        - GIT_SHA
      additional_contexts:
        shared: ./shared
        base: docker-image://alpine:3.20
  web:
    build: ./\${WEB_DIR}
  tools:
    build:
      context: ./tools
      dockerfile_inline: |
        FROM alpine:3.20
        RUN echo "$$HOME"
      args:
        TAG: \${TAG:-none}
  db:
    image: postgres:16
`;

export const BAKE = `{
  "variable": {
    "TAG": { "default": "dev" }
  },
  "group": {
    "default": { "targets": ["api-image", "web"] }
  },
  "target": {
    "_common": {
      "args": { "NODE_VERSION": "22", "BUILD_TAG": "\${TAG}" }
    },
    "api-image": {
      "inherits": ["_common"],
      "context": ".",
      "dockerfile": "docker/api.Dockerfile",
      "target": "runtime",
      "args": { "PORT": 8080 },
      "contexts": {
        "shared": "./shared",
        "alpine": "docker-image://alpine:3.20"
      }
    },
    "web": {
      "args": { "EXTRA": "1" }
    }
  }
}
`;

export const BROKEN = `services:
  x:
    build:
      context: .
     dockerfile: Dockerfile
`;

/** Write the monorepo (a git work tree) and return its root. */
export async function makeMonorepo(): Promise<string> {
  const root = makeDir({
    '.gitignore': 'dist/\n',
    '.env': '# compose variables\nWEB_DIR=web\nexport TAG="1.0" # release\n',
    'compose.yaml': COMPOSE,
    'docker-bake.json': BAKE,
    'docker/api.Dockerfile': 'FROM node:20 AS runtime\n',
    'docker/api.Dockerfile.dockerignore': 'node_modules\n',
    'web/Dockerfile': 'FROM nginx\n',
    'web/Dockerfile.dockerignore': '*.md\n',
    'web/index.html': '<p>hi</p>\n',
    'shared/util.txt': 'x\n',
    'tools/README.md': 'tools\n',
    'node_modules/x/Dockerfile': 'FROM scratch\n',
    'dist/Dockerfile': 'FROM scratch\n',
    'services/broken/compose.yml': BROKEN,
  });
  await gitInit(root);
  return root;
}
