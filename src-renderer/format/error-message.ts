// What a failure says, for the screen: the API client rejects with AppErrors whose messages are written for traders.
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
