// Importing this module loads dockerfile-ast ahead of the first parse (see ast-loader.ts). In the
// CLI bundle it is a chunk of its own, loaded only by the commands that parse a Dockerfile.
import ast from 'dockerfile-ast';
import { provideDockerfileAst } from './ast-loader.js';

provideDockerfileAst(ast);
