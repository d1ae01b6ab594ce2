// Friendly names for the generated schema types, so that users never spell `components["schemas"][…]`.
import type { components, operations } from '@distillery/openapi';

type Schemas = components['schemas'];
type QueryOf<Op extends keyof operations> = NonNullable<operations[Op]['parameters']['query']>;

/**
 * The generated types mark every field with a default as required, which is right for responses
 * (the server fills defaults in) and wrong for requests. Input types make those fields optional.
 */
type WithOptional<T, Required extends keyof T> = Pick<T, Required> & Partial<Omit<T, Required>>;

export type Job = Schemas['DistillationJob'];
/** A distillation config as you write it: only `teacher_model` and `student_model` are required. */
export type JobConfig = WithOptional<Schemas['DistillationConfig'], 'teacher_model' | 'student_model'>;
/** A config as the server returns it, every default filled in. */
export type ResolvedJobConfig = Schemas['DistillationConfig'];
export type JobCreateParams = Omit<Schemas['CreateDistillationJobRequest'], 'config'> & { config: JobConfig };
export type JobStatus = Schemas['JobStatus'];
export type JobPhase = Schemas['JobPhase'];
export type JobProgress = Schemas['JobProgress'];
export type JobResults = Schemas['JobResults'];
export type JobError = Schemas['JobError'];
export type JobEvent = Schemas['JobEvent'];
export type JobLogs = Schemas['JobLogs'];
export type LogEntry = Schemas['LogEntry'];
export type JobMetrics = Schemas['JobMetrics'];
export type MetricPoint = Schemas['MetricPoint'];
export type Estimate = Schemas['Estimate'];
/** A page of distillation jobs as the API sends it (`jobs`, `total`, `has_more`). */
export type JobList = Schemas['DistillationJobList'];
export type JobListParams = Omit<QueryOf<'listDistillationJobs'>, 'offset'> & { offset?: number };
export type JobLogsParams = Omit<QueryOf<'getDistillationJobLogs'>, 'tenant_id'>;

export type Artifact = Schemas['Artifact'];
export type ArtifactFormat = Schemas['ArtifactFormat'];
export type JobArtifacts = Schemas['JobArtifacts'];
export type QuantizationType = Schemas['QuantizationType'];

export type FineTuningJob = Schemas['FineTuningJob'];
export type FineTuningHyperparameters = Partial<Schemas['FineTuningHyperparameters']>;
export type FineTuningJobCreateParams = WithOptional<
  Omit<Schemas['CreateFineTuningJobRequest'], 'hyperparameters'>,
  'name' | 'base_model' | 'training_dataset'
> & { hyperparameters?: FineTuningHyperparameters };
export type FineTuningMetrics = Schemas['FineTuningMetrics'];
export type FineTuningJobList = Schemas['FineTuningJobList'];
export type FineTuningJobListParams = QueryOf<'listFineTuningJobs'>;
export type FineTuningStats = Schemas['FineTuningStats'];
export type BaseModel = Schemas['BaseModel'];
export type BaseModelList = Schemas['BaseModelList'];

export type Dataset = Schemas['Dataset'];
export type DatasetList = Schemas['DatasetList'];
export type DatasetListParams = QueryOf<'listDatasets'>;
export type PromptRow = Schemas['PromptRow'];
/** A chat row of a `messages` dataset. */
export interface MessagesRow {
  messages: { role: 'system' | 'user' | 'assistant'; content: string }[];
}
export type DatasetRow = PromptRow | MessagesRow;

export type Model = Schemas['Model'];
export type ModelList = Schemas['ModelList'];
export type ModelSource = Schemas['ModelSource'];
export type ModelArchitecture = Schemas['ModelArchitecture'];
export type Hardware = Schemas['Hardware'];
export type HardwareBackend = Schemas['HardwareBackend'];
export type Stats = Schemas['Stats'];
export type ServerConfig = Schemas['ServerConfig'];
export type Health = Schemas['Health'];
export type WebhookEvent = Schemas['WebhookEvent'];
/** One turn of a chat: `{ role: 'user', content: 'Hello' }`. */
export type ChatMessage = Schemas['ChatMessage'];
export type ChatCompletionCreateParams = Schemas['ChatCompletionRequest'];
/** A chat completion request without `stream` (or with `stream: false`): answered with one `ChatCompletion`. */
export type ChatCompletionCreateParamsNonStreaming = ChatCompletionCreateParams & { stream?: false | null };
/** A chat completion request with `stream: true`: answered with a `Stream` of `ChatCompletionChunk`s. */
export type ChatCompletionCreateParamsStreaming = ChatCompletionCreateParams & { stream: true };
export type ChatCompletion = Schemas['ChatCompletion'];
export type ChatCompletionChunk = Schemas['ChatCompletionChunk'];
export type CompletionCreateParams = Schemas['CompletionRequest'];
export type CompletionCreateParamsNonStreaming = CompletionCreateParams & { stream?: false | null };
export type CompletionCreateParamsStreaming = CompletionCreateParams & { stream: true };
/** A completion, and (streamed) each of its chunks. */
export type Completion = Schemas['Completion'];
export type CompletionChoice = Schemas['CompletionChoice'];
export type CompletionPrompt = Schemas['CompletionPrompt'];
export type CompletionBatchParams = Schemas['CompletionBatchRequest'];
export type CompletionBatch = Schemas['CompletionBatch'];
export type EmbeddingCreateParams = Schemas['EmbeddingRequest'];
export type EmbeddingList = Schemas['EmbeddingList'];
export type Usage = Schemas['Usage'];
export type FinishReason = Schemas['FinishReason'];
export type StopSequences = Schemas['StopSequences'];
export type TokenLogprob = Schemas['TokenLogprob'];
export type DecodeStats = Schemas['DecodeStats'];
export type LoadedModelStats = Schemas['LoadedModelStats'];
export type LatencyPercentiles = Schemas['LatencyPercentiles'];
export type RecentRequest = Schemas['RecentRequest'];
export type RecentRequestList = Schemas['RecentRequestList'];
export type RecentRequestsParams = Omit<QueryOf<'listRecentRequests'>, 'tenant_id'>;

export type ErrorCode = Schemas['ErrorCode'];
export type ErrorBody = Schemas['Error'];

export type { components, operations, paths } from '@distillery/openapi';
