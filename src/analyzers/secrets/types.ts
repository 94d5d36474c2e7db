// Public types of the secret scanner.

export interface SecretHit {
  /** Stable rule id, e.g. 'secret/aws-access-key' (see SECRET_RULES). */
  rule: string;
  /** 'name': the path alone is the finding; 'content': found at line/column in the file text. */
  kind: 'name' | 'content';
  path: string;
  /** 1-based line of the secret (content hits). */
  line?: number;
  /** 1-based column in UTF-16 code units (content hits). */
  column?: number;
  /** Masked: at most the first 4 characters of the secret, then '…' (fewer for short secrets). */
  excerpt?: string;
  /** Short human text; never contains the secret. */
  message: string;
  /** sha256 hex (first 16) of rule, path and the secret value (empty for name hits): for baselines. */
  fingerprint: string;
  /** The entry is a symlink: only its name was checked (its target is not sent by docker). */
  symlink?: boolean;
  /**
   * Why this hit is reported as a note rather than an error: a provider's test, sandbox,
   * restricted or public key, or a file that looks like test data (testdata/, fixtures/,
   * *_test.*, *.spec.*, …). Still reported: it reaches the image.
   */
  note?: string;
}

export interface ScanOptions {
  /** Bytes read and scanned per file (default 1_000_000). Name rules apply whatever the size. */
  maxScanSize?: number;
  /** Files read at once (default 8; 16 per worker when the workers start with the first file). */
  concurrency?: number;
  /**
   * Worker threads for the content scan (default: one per core, at most 4; none on one core).
   * They start only when at least 8 MiB of text is to be scanned; 0 scans on the calling thread.
   */
  workers?: number;
  /** Files smaller than this are scanned on the calling thread even with workers (default 16 KiB: handing one over costs more). */
  workerMinFileBytes?: number;
  /** Bytes of text the inputs hold, when the caller knows (starts the workers at once). */
  bytesHint?: number;
  /** Called with the number of inputs scanned so far: 0 first, then after each one. */
  onProgress?: (done: number) => void;
}

export interface ScanInput {
  path: string;
  size: number;
  /** 'file' | 'symlink' | 'dir' | … ; only 'file' content is read. */
  type: string;
}

export interface ScanResult {
  hits: SecretHit[];
  /** Hits a `ctxcheck:allow` comment silenced, for the report's suppressed count (never findings). */
  allowed: SecretHit[];
  /** Text files whose content was scanned. */
  scannedFiles: number;
  /** Bytes of content scanned (at most maxScanSize per file). */
  scannedBytes: number;
  /** Files whose content was skipped as binary (a NUL byte in the first 8 KB). */
  skippedBinary: number;
  /** Files larger than maxScanSize: only their first maxScanSize bytes were scanned. */
  truncatedFiles: number;
  /** Files that could not be read (permissions, vanished): name rules only. */
  readErrors: number;
}

/**
 * Optional capability a ContextFS may offer so the scanner never reads more than it scans and
 * can overlap reads: the first `maxBytes` bytes of a regular file. NodeFS gets an equivalent
 * built in (see scan.ts); proposed for the ContextFS interface itself.
 */
export interface ReadHeadFS {
  readFileHead(path: string, maxBytes: number): Promise<Uint8Array> | Uint8Array;
}
