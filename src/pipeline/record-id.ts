// A build record's identity, apart from the prediction pipeline (predict.ts): the library's
// recordId() and a record's file name need only this, and the CLI loads predict.ts only for
// `record` and `predict` (issue #17: start-up).
import type { Builder } from '../context/builders.js';
import { sha256Hex } from '../util/sha256.js';

export interface RecordInputs {
  /** The context directory, real path. */
  context: string;
  /** The Dockerfile, absolute (null for an inline one). */
  dockerfile: string | null;
  /** The ignore file in use, absolute (null for none). */
  ignoreFile: string | null;
  /** Whether the ignore file was chosen with --ignore-file (then it is part of the record's identity). */
  ignoreFileFlag: boolean;
  builder: Builder;
  target: string | null;
  buildArgs: Record<string, string>;
}

/** The identity of a record: what must be equal for a build to be predicted from it (sha256 hex). */
export function recordId(inputs: RecordInputs): string {
  const key = [inputs.context, inputs.dockerfile, inputs.ignoreFileFlag ? inputs.ignoreFile : null, inputs.builder, inputs.target, inputs.buildArgs];
  return sha256Hex(JSON.stringify(key));
}
