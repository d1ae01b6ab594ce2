import { APIError, Distillery, DistilleryError, JobCancelledError, JobFailedError } from '@distillery/sdk';

/**
 * The CLI's client commands talk to a server through `@distillery/sdk`, so that they share its
 * retries, its waiter and its error mapping with every other client.
 */
export function sdkClient(values: Record<string, unknown>): Distillery {
  return new Distillery({
    baseUrl: String(values.url ?? process.env.DISTILLERY_URL ?? 'http://127.0.0.1:8000'),
    apiKey: (values['api-key'] as string | undefined) ?? process.env.DISTILLERY_API_KEY,
  });
}

/** The job a wait ended on when it did not complete, else undefined. */
export function unfinishedJob(err: unknown) {
  return err instanceof JobFailedError || err instanceof JobCancelledError ? err.job : undefined;
}

/** One line for an error of the SDK: the API's status and code, then its message. */
export function describeError(err: unknown): string | undefined {
  if (err instanceof APIError) return err.code ? `${err.message} (${err.code})` : err.message;
  if (err instanceof DistilleryError) return err.message;
  return undefined;
}
