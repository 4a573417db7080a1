/** The catalogue the job registry checks handlers against (`JOB_CATALOGUE`; tests provide their own). */
export const JOB_CATALOGUE_TOKEN = Symbol('JOB_CATALOGUE');

/** Queue name to the names of the jobs that queue must run. */
export type JobCatalogue = Readonly<Record<string, readonly string[]>>;
