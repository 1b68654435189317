// How the accounts folder turns a failure into what it logs (the contract's form is errorDataOf in src-shared).

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

