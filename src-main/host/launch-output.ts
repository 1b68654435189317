// Where the headless host's launch writes, on its own so that the commands it runs (sign-in) can take it without
// importing launch.ts.
export interface LaunchOutput {
  /** Whether a person reads the output (a TTY): only then is the token printed. */
  isTTY: boolean;
  log(line: string): void;
  warn(line: string): void;
}
