/**
 * Why a run failed, as a code the server stores on the job (`JobError.code`) and a caller can branch
 * on: a message is for people and may change, a code may not.
 */
export type EngineErrorCode =
  /** A config value or row the run cannot use; `param` names it. */
  | 'invalid_config'
  /** The teacher could not be reached (no endpoint configured, connection refused, timed out). */
  | 'teacher_unreachable'
  /** Anything else that stopped the run. */
  | 'training_error';

export class EngineError extends Error {
  readonly code: EngineErrorCode;
  constructor(code: EngineErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'EngineError';
    this.code = code;
  }
}

/** Thrown for a bad config value; `param` names the field, e.g. `config.bond_beta`. */
export class ConfigError extends EngineError {
  readonly param: string;
  constructor(param: string, message: string) {
    super('invalid_config', `${param} ${message}`);
    this.name = 'ConfigError';
    this.param = param;
  }
}

/** The code of any error a run throws: an engine error's own, else `training_error`. */
export function engineErrorCode(err: unknown): EngineErrorCode {
  return err instanceof EngineError ? err.code : 'training_error';
}
