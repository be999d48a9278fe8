/** Exit codes of `privatedns` (documented in `privatedns --help` and docs/readme/cli-and-dns.md). */
export const EXIT = {
  /** Success (for `resolve`: NOERROR, including NODATA). */
  OK: 0,
  /** The emulator refused or did not find something (no store, unknown zone/vnet, a refusal with an Azure code). */
  FAILURE: 1,
  /** Usage error: unknown subcommand or option, missing argument, ambiguous name, `reset` without TTY and --yes. */
  USAGE: 2,
  /** `resolve` only: the answer's status is NXDOMAIN or REFUSED. */
  NOT_RESOLVED: 3,
} as const;

/** An error the command reports on stderr and turns into an exit code. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: number = EXIT.FAILURE) {
    super(message);
    this.name = "CliError";
  }
}

export const usageError = (message: string) => new CliError(message, EXIT.USAGE);
