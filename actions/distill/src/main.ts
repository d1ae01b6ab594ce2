import { basename } from 'node:path';
import * as core from '@actions/core';
import {
  APIConnectionError,
  APIError,
  Distillery,
  type Job,
  JobCancelledError,
  JobFailedError,
  WaitTimeoutError,
} from '@distillery/sdk';
import { InputError, readInputs } from './inputs.js';
import { loadJobConfig } from './job-config.js';
import { artifactUrls, gateFailure, progressLine, setJobOutputs, writeSummary } from './report.js';

/** Explains a failure in terms of what the user should do next. */
function describeFailure(error: unknown, apiUrl: string): string {
  if (error instanceof InputError) return error.message;
  if (error instanceof APIConnectionError) {
    return `Could not reach the Distillery server at ${apiUrl} (${error.message}). Check the api-url input and that the server is running and reachable from this runner.`;
  }
  if (error instanceof APIError) {
    const param = error.param ? `, ${error.param}` : '';
    return `The Distillery server refused the request (${error.status} ${error.code}${param}): ${error.message} [request ${error.requestId ?? 'n/a'}]`;
  }
  return error instanceof Error ? error.message : String(error);
}

function jobName(): string {
  const repository = process.env.GITHUB_REPOSITORY ?? 'local';
  const sha = process.env.GITHUB_SHA?.slice(0, 7);
  return sha ? `${repository}@${sha}` : repository;
}

function githubMetadata(): Record<string, string> {
  const fields = {
    github_repository: 'GITHUB_REPOSITORY',
    github_sha: 'GITHUB_SHA',
    github_run_id: 'GITHUB_RUN_ID',
    github_ref: 'GITHUB_REF',
  };
  return Object.fromEntries(
    Object.entries(fields).flatMap(([key, variable]) =>
      process.env[variable] ? [[key, process.env[variable]]] : [],
    ),
  );
}

export async function run(): Promise<void> {
  let apiUrl = core.getInput('api-url');
  try {
    const inputs = readInputs();
    apiUrl = inputs.apiUrl;
    if (inputs.apiKey) core.setSecret(inputs.apiKey);
    const client = new Distillery({ baseUrl: inputs.apiUrl, apiKey: inputs.apiKey });
    const fileConfig = await loadJobConfig(inputs.configPath);

    let datasetId = inputs.datasetId;
    if (inputs.datasetPath) {
      const dataset = await client.datasets.upload({
        file: inputs.datasetPath,
        name: basename(inputs.datasetPath),
      });
      core.info(`Uploaded ${inputs.datasetPath} as dataset ${dataset.id} (${dataset.row_count} rows)`);
      datasetId = dataset.id;
    }

    // GitHub signals a cancelled workflow with SIGINT, then SIGTERM. Listen before the job exists, so
    // a cancel that arrives while it is being created still cancels it.
    const cancelled = new AbortController();
    const onSignal = () => cancelled.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);

    const created = await client.jobs.create({
      name: jobName(),
      config: {
        ...fileConfig,
        teacher_model: inputs.teacherModel,
        student_model: inputs.studentModel,
        accuracy_threshold: inputs.accuracyThreshold,
        ...(datasetId ? { dataset_id: datasetId } : {}),
        ...(inputs.outputFormats ? { output_formats: inputs.outputFormats } : {}),
      } as Parameters<typeof client.jobs.create>[0]['config'],
      metadata: githubMetadata(),
    });
    core.setOutput('job-id', created.id);
    core.info(`Created distillation job ${created.id} (${inputs.teacherModel} → ${inputs.studentModel})`);
    if (!inputs.wait) {
      core.setOutput('status', created.status);
      return;
    }

    let job: Job;
    try {
      job = await client.jobs.waitForCompletion(created.id, {
        pollInterval: inputs.pollIntervalSeconds * 1000,
        timeout: inputs.timeoutMinutes * 60_000,
        signal: cancelled.signal,
        onProgress: (update) => core.info(progressLine(update)),
      });
    } catch (error) {
      if (cancelled.signal.aborted || error instanceof WaitTimeoutError) {
        await client.jobs.cancel(created.id).catch(() => undefined);
        core.setOutput('status', 'cancelled');
        core.setFailed(
          cancelled.signal.aborted
            ? `The workflow was cancelled; distillation job ${created.id} was cancelled too.`
            : `Distillation job ${created.id} did not finish within ${inputs.timeoutMinutes} minutes and was cancelled. Raise timeout-minutes, or shrink the job (training_steps, num_prompts).`,
        );
        return;
      }
      if (error instanceof JobFailedError || error instanceof JobCancelledError) {
        const failed = error.job as Job;
        setJobOutputs(failed, {});
        const reason = failed.error ? `${failed.error.code}: ${failed.error.message}` : 'no reason given';
        core.setFailed(
          `Distillation job ${failed.id} ${failed.status} in phase ${failed.phase} (${reason}). Read its logs with GET ${inputs.apiUrl}/v1/distillation/${failed.id}/logs.`,
        );
        return;
      }
      throw error;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }

    const { artifacts = [] } = await client.jobs.artifacts.list(job.id);
    const urls = artifactUrls(artifacts);
    setJobOutputs(job, urls);
    await writeSummary(job, inputs.accuracyThreshold, artifacts);

    const message = gateFailure(job.results, inputs.accuracyThreshold);
    core.info(
      `Accuracy delta ${job.results.accuracy_delta ?? 'n/a'} against threshold ${inputs.accuracyThreshold}: ${message ? 'failed' : 'passed'}`,
    );
    if (message) {
      if (inputs.failOnThreshold) core.setFailed(message);
      else core.warning(`${message} (fail-on-threshold is false, so the step passes)`);
    }
  } catch (error) {
    core.setFailed(describeFailure(error, apiUrl));
  }
}

await run();
