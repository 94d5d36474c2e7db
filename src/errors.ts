// Errors that mean "bad input": the CLI prints their one-line message and exits 2.
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
