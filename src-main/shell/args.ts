// Command-line options of the desktop app. Only `--data-dir` for now: end-to-end tests and power users start the app
// on a fresh or separate folder without touching the real profile.

/** The value of `--data-dir DIR` or `--data-dir=DIR`, the last one winning; undefined when absent or empty. */
export function dataDirArg(argv: readonly string[]): string | undefined {
  let value: string | undefined;
  argv.forEach((arg, index) => {
    // `--data-dir --other-flag` is a forgotten value, not a folder named like a flag.
    if (arg === '--data-dir') value = argv[index + 1]?.startsWith('--') ? undefined : argv[index + 1];
    else if (arg.startsWith('--data-dir=')) value = arg.slice('--data-dir='.length);
  });
  return value ? value : undefined;
}
