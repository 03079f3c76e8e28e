/** SPEC §5, for every command: 0 done and clean, 1 done with data errors, 2 usage or I/O failure. */
export const EXIT_OK = 0;
export const EXIT_DATA_ERRORS = 1;
export const EXIT_USAGE = 2;

/** A run that finished: 1 when the data has errors (the output is still produced), else 0. */
export function exitCodeFor(summary: { errors: number }): number {
  return summary.errors > 0 ? EXIT_DATA_ERRORS : EXIT_OK;
}
