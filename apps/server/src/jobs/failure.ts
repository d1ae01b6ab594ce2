import type { EngineErrorCode } from '@distillery/engine';

/** The codes a job can fail with (`JobError.code`): the engine's, and what the server finds itself. */
export type JobErrorCode = EngineErrorCode | 'dataset_not_found';

/** A job that cannot run, found by the server before or around the engine; stored on the job as is. */
export class JobFailure extends Error {
  readonly code: JobErrorCode;
  constructor(code: JobErrorCode, message: string) {
    super(message);
    this.name = 'JobFailure';
    this.code = code;
  }
}
