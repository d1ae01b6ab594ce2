import * as core from '@actions/core';

/** A bad input: the message names the input and says what it accepts. */
export class InputError extends Error {}

export interface ActionInputs {
  apiUrl: string;
  apiKey: string | undefined;
  teacherModel: string;
  studentModel: string;
  datasetPath: string | undefined;
  datasetId: string | undefined;
  configPath: string | undefined;
  outputFormats: string[] | undefined;
  accuracyThreshold: number;
  failOnThreshold: boolean;
  wait: boolean;
  timeoutMinutes: number;
  pollIntervalSeconds: number;
}

const OUTPUT_FORMATS = ['safetensors', 'gguf'];

function optional(name: string): string | undefined {
  return core.getInput(name).trim() || undefined;
}

function required(name: string): string {
  const value = optional(name);
  if (value === undefined) throw new InputError(`Input \`${name}\` is required.`);
  return value;
}

function boolean(name: string, fallback: boolean): boolean {
  const value = optional(name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new InputError(`Input \`${name}\` must be true or false, got "${value}".`);
}

function number(name: string, fallback: number, min: number, max: number): number {
  const raw = optional(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new InputError(`Input \`${name}\` must be a number from ${min} to ${max}, got "${raw}".`);
  }
  return value;
}

export function readInputs(): ActionInputs {
  const apiUrl = required('api-url');
  if (!/^https?:\/\/[^\s/]+/.test(apiUrl)) {
    throw new InputError(`Input \`api-url\` must be an http(s) URL, got "${apiUrl}".`);
  }
  const teacherModel = required('teacher-model');
  if (!/^[a-z0-9_-]+\/\S+$/.test(teacherModel)) {
    throw new InputError(
      `Input \`teacher-model\` must be provider-prefixed (local/<model-id> or openai/<model>), got "${teacherModel}".`,
    );
  }
  const datasetPath = optional('dataset');
  const datasetId = optional('dataset-id');
  if (datasetPath && datasetId) {
    throw new InputError('Inputs `dataset` and `dataset-id` are exclusive: give one of them.');
  }
  const formats = optional('output-formats')
    ?.split(',')
    .map((format) => format.trim())
    .filter(Boolean);
  const unknown = formats?.filter((format) => !OUTPUT_FORMATS.includes(format)) ?? [];
  if (unknown.length > 0) {
    throw new InputError(
      `Input \`output-formats\` accepts ${OUTPUT_FORMATS.join(', ')}; unknown: ${unknown.join(', ')}.`,
    );
  }
  return {
    apiUrl: apiUrl.replace(/\/+$/, ''),
    apiKey: optional('api-key'),
    teacherModel,
    studentModel: required('student-model'),
    datasetPath,
    datasetId,
    configPath: optional('config'),
    outputFormats: formats,
    accuracyThreshold: number('accuracy-threshold', -0.02, -1, 1),
    failOnThreshold: boolean('fail-on-threshold', true),
    wait: boolean('wait', true),
    timeoutMinutes: number('timeout-minutes', 60, 0.01, 7 * 24 * 60),
    pollIntervalSeconds: number('poll-interval', 10, 0.05, 3600),
  };
}
