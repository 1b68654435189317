// Command-line options of the desktop app: `--data-dir` (end-to-end tests and power users start the app on a fresh
// or separate folder without touching the real profile) and, for a desktop without a keychain, `--secrets file`
// with `--secrets-passphrase-file`. Without them the desktop keeps its keys in the OS keychain, as always.

/** The value of `--NAME VALUE` or `--NAME=VALUE`, the last one winning; undefined when absent or empty. */
export function optionArg(argv: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  argv.forEach((arg, index) => {
    // `--data-dir --other-flag` is a forgotten value, not a folder named like a flag.
    if (arg === name) value = argv[index + 1]?.startsWith('--') ? undefined : argv[index + 1];
    else if (arg.startsWith(`${name}=`)) value = arg.slice(name.length + 1);
  });
  return value ? value : undefined;
}

/** The value of `--data-dir DIR` or `--data-dir=DIR`. */
export function dataDirArg(argv: readonly string[]): string | undefined {
  return optionArg(argv, '--data-dir');
}
