// Generated from openapi/distillery.yaml by `npm run generate`. Do not edit.
export type paths = {
    "/v1/distillation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List distillation jobs
         * @description Newest first. Filter by status, creation time or a text search on name and description.
         */
        get: operations["listDistillationJobs"];
        put?: never;
        /**
         * Create a distillation job
         * @description Creates a distillation job and queues it. Returns at once with `status: pending` and
         *     `phase: initializing`; the engine runs the job asynchronously. Defaults are filled into
         *     `config` in the response.
         */
        post: operations["createDistillationJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/distillation/estimate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Estimate a distillation job
         * @description Cost, wall time and FLOPs of a job with this config on this server, without creating it.
         */
        post: operations["estimateDistillationJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/distillation/{job_id}": {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path: {
                /**
                 * @description The distillation job's id.
                 * @example job_abc123
                 */
                job_id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        /** Get a distillation job */
        get: operations["getDistillationJob"];
        put?: never;
        post?: never;
        /**
         * Delete a distillation job
         * @description Deletes a finished job with its logs, metrics and artifacts. A live job must be cancelled first.
         */
        delete: operations["deleteDistillationJob"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/distillation/{job_id}/cancel": {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path: {
                /**
                 * @description The distillation job's id.
                 * @example job_abc123
                 */
                job_id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a distillation job
         * @description Safe in any phase. The engine stops within seconds; artifacts already written are kept.
         */
        post: operations["cancelDistillationJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/distillation/{job_id}/restart": {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path: {
                /**
                 * @description The distillation job's id.
                 * @example job_abc123
                 */
                job_id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Restart a distillation job
         * @description Queues a failed, cancelled or completed job again from the start, with the same config.
         */
        post: operations["restartDistillationJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/distillation/{job_id}/artifacts": {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path: {
                /**
                 * @description The distillation job's id.
                 * @example job_abc123
                 */
                job_id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        /**
         * List a job's artifacts
         * @description Paths of the exported files on the engine host (relative to nothing: absolute paths under the
         *     server's data dir), and a list with size, sha256 and a download URL per artifact.
         */
        get: operations["listDistillationArtifacts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/distillation/{job_id}/artifacts/{format}/download": {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path: {
                /**
                 * @description The distillation job's id.
                 * @example job_abc123
                 */
                job_id: components["parameters"]["JobId"];
                /** @description The artifact's format, as listed by the artifacts operation. */
                format: components["schemas"]["ArtifactFormat"];
            };
            cookie?: never;
        };
        /**
         * Download an artifact
         * @description Streams the file. Supports HTTP range requests; `x-checksum-sha256` carries the file's sha256.
         */
        get: operations["downloadDistillationArtifact"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/distillation/{job_id}/logs": {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path: {
                /**
                 * @description The distillation job's id.
                 * @example job_abc123
                 */
                job_id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        /** Read a job's logs */
        get: operations["getDistillationJobLogs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/distillation/{job_id}/metrics": {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path: {
                /**
                 * @description The distillation job's id.
                 * @example job_abc123
                 */
                job_id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        /** Read a job's loss curve */
        get: operations["getDistillationJobMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/distillation/{job_id}/events": {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path: {
                /**
                 * @description The distillation job's id.
                 * @example job_abc123
                 */
                job_id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        /**
         * Stream a job's events
         * @description Server-Sent Events. Each event's `event` field is its type, `id` a sequence number and `data`
         *     a `JobEvent` JSON object. The stream starts with a `snapshot` event and ends after the event
         *     that makes the job terminal. Send `Last-Event-ID` to resume after the last event seen.
         */
        get: operations["streamDistillationJobEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fine-tuning/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List fine-tuning jobs */
        get: operations["listFineTuningJobs"];
        put?: never;
        /**
         * Create a fine-tuning job
         * @description Queues a fine-tuning job. On success the tuned model appears in `/v1/models` as `result_model`.
         */
        post: operations["createFineTuningJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fine-tuning/jobs/{job_id}": {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path: {
                /**
                 * @description The fine-tuning job's id.
                 * @example ftjob_abc123
                 */
                job_id: components["parameters"]["FineTuningJobId"];
            };
            cookie?: never;
        };
        /** Get a fine-tuning job */
        get: operations["getFineTuningJob"];
        put?: never;
        post?: never;
        /**
         * Delete a fine-tuning job
         * @description Deletes a finished job. A live job must be stopped first.
         */
        delete: operations["deleteFineTuningJob"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fine-tuning/jobs/{job_id}/stop": {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path: {
                /**
                 * @description The fine-tuning job's id.
                 * @example ftjob_abc123
                 */
                job_id: components["parameters"]["FineTuningJobId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop a fine-tuning job
         * @description Cancels the job in any phase; its status becomes `cancelled`.
         */
        post: operations["stopFineTuningJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fine-tuning/jobs/{job_id}/restart": {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path: {
                /**
                 * @description The fine-tuning job's id.
                 * @example ftjob_abc123
                 */
                job_id: components["parameters"]["FineTuningJobId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Restart a fine-tuning job */
        post: operations["restartFineTuningJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fine-tuning/jobs/{job_id}/logs": {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path: {
                /**
                 * @description The fine-tuning job's id.
                 * @example ftjob_abc123
                 */
                job_id: components["parameters"]["FineTuningJobId"];
            };
            cookie?: never;
        };
        /** Read a fine-tuning job's logs */
        get: operations["getFineTuningJobLogs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fine-tuning/jobs/{job_id}/metrics": {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path: {
                /**
                 * @description The fine-tuning job's id.
                 * @example ftjob_abc123
                 */
                job_id: components["parameters"]["FineTuningJobId"];
            };
            cookie?: never;
        };
        /** Read a fine-tuning job's loss curve */
        get: operations["getFineTuningJobMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fine-tuning/jobs/{job_id}/events": {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path: {
                /**
                 * @description The fine-tuning job's id.
                 * @example ftjob_abc123
                 */
                job_id: components["parameters"]["FineTuningJobId"];
            };
            cookie?: never;
        };
        /**
         * Stream a fine-tuning job's events
         * @description Server-Sent Events, as for distillation jobs.
         */
        get: operations["streamFineTuningJobEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fine-tuning/base-models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List base models
         * @description The models that can be fine-tuned on this server.
         */
        get: operations["listFineTuningBaseModels"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fine-tuning/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Fine-tuning statistics */
        get: operations["getFineTuningStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fine-tuning/estimate-cost": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Estimate a fine-tuning job */
        post: operations["estimateFineTuningCost"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/datasets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List datasets */
        get: operations["listDatasets"];
        put?: never;
        /**
         * Upload a dataset
         * @description Uploads a JSONL file: one JSON object a line, either `{"prompt", "completion"?, "label"?}` or
         *     `{"messages": [{"role", "content"}]}`. Send it as the raw body (`application/x-ndjson`, with the
         *     `name` query parameter) or as `multipart/form-data` with a `file` part. A bad row is a 400
         *     whose `param` names its line, e.g. `line 17`; nothing is stored then.
         */
        post: operations["uploadDataset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/datasets/{dataset_id}": {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path: {
                /**
                 * @description The dataset's id.
                 * @example ds_2b7f1c9e4a
                 */
                dataset_id: string;
            };
            cookie?: never;
        };
        /** Get a dataset */
        get: operations["getDataset"];
        put?: never;
        post?: never;
        /** Delete a dataset */
        delete: operations["deleteDataset"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List models
         * @description OpenAI-style list of presets, teacher endpoints, fine-tuned, distilled and imported models.
         */
        get: operations["listModels"];
        put?: never;
        /**
         * Import a pretrained model
         * @description Registers a pretrained Llama-family checkpoint so that it can be used wherever a model id is
         *     (`teacher_model`, `student_model`, `base_model`) as the `id` this answers, `local/mdl_…`.
         *
         *     * **A Hugging Face folder** as `multipart/form-data`: one `file` part per file, each part's
         *       filename its path in the folder (`config.json`, `model.safetensors` or the shards with
         *       `model.safetensors.index.json`, `tokenizer.json`, and optionally `tokenizer_config.json`
         *       and `generation_config.json`). Safetensors weights are F32, F16 or BF16.
         *     * **One archive**: a single `file` part holding a tar or tar.gz of that folder (recognised by
         *       its content, not its name). Members must be plain files or folders with relative paths: an
         *       absolute path, a `..` component, a link or a device is a 400 naming the member.
         *     * **A GGUF file**: a single `file` part (F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q6_K).
         *     * **A URL**: `application/json` with `source_url`, fetched by the server. Only hosts that the
         *       operator lists in `DISTILLERY_IMPORT_HOSTS` may be fetched (none by default); any other is
         *       a 400 naming `source_url`. The URL must serve a GGUF file or a tar(.gz) archive.
         *
         *     Anything the server cannot import (a truncated or inconsistent safetensors file, a config
         *     of another architecture, an unsupported tokenizer, a bad archive member) is a 400
         *     `invalid_request` whose message names the file and field at fault; a body or download over
         *     the server's limit (`limits.max_import_bytes` in `GET /v1/config`) is a 413. Either way
         *     nothing is stored. The call returns once the model is converted and stored.
         */
        post: operations["importModel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{model_id}": {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path: {
                /**
                 * @description The model's id; ids with a provider prefix are URL-encoded (`local%2Fft-spam-teacher`).
                 * @example distillery-micro
                 */
                model_id: string;
            };
            cookie?: never;
        };
        /** Get a model */
        get: operations["getModel"];
        put?: never;
        post?: never;
        /**
         * Delete a model
         * @description Deletes an imported, fine-tuned or distilled model of the tenant: its entry and its stored
         *     weights (a distilled student's files stay among its job's artifacts). Presets and teacher
         *     endpoints are part of the server and cannot be deleted (400 naming `model_id`).
         */
        delete: operations["deleteModel"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/chat/completions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a chat completion
         * @description OpenAI-compatible chat completions from a model of the tenant (the `openai` clients work
         *     unchanged with their base URL at this server's `/v1` and a key with the `inference` scope).
         *     The conversation is rendered with the model's own `chat_template` when it has one (Jinja,
         *     as transformers renders it with `add_generation_prompt`), else with the engine's default:
         *     `bos`, the turns one per line (a user turn as it is, any other as `role: content`), `sep`,
         *     the layout that models fine-tuned here on `{messages}` rows were trained on.
         *
         *     Concurrent requests for one model are decoded together, one batch per decode step
         *     (continuous batching); a client that disconnects frees its place at once. With
         *     `stream: true` the answer is Server-Sent Events of `chat.completion.chunk` objects ending
         *     with `data: [DONE]`; with `stream_options.include_usage` a last chunk before `[DONE]` has
         *     empty `choices` and the `usage`. An error after the stream started arrives as one event
         *     `data: {"error": {…}}` before the stream ends.
         *
         *     `model` is any servable model id the tenant sees in `GET /v1/models` (fine-tuned, distilled
         *     and imported models, `local/…`); a preset has no weights and is a 400 naming `model`, an id
         *     the tenant does not have (another tenant's included) a 404. Without `model`, the server's
         *     `DISTILLERY_SERVING_DEFAULT_MODEL`, else the tenant's only servable model, is used.
         *     A prompt longer than the model's context is a 400 naming `messages`; generation stops at
         *     the context (`finish_reason: length`). Any field this server does not implement is a 400
         *     naming it.
         */
        post: operations["createChatCompletion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/completions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a completion
         * @description OpenAI-compatible (legacy) text completions: the prompt is continued as it is, with no chat
         *     template. `prompt` is a string, an array of strings (a choice each, `index` in order), an
         *     array of token ids or an array of such arrays. A string is encoded as the model's tokenizer
         *     does with its special tokens (a model trained here: its `bos`, then the text). Streaming,
         *     batching, limits and errors as `POST /v1/chat/completions`; `logprobs` (0 to 5) answers the
         *     legacy `logprobs` object.
         */
        post: operations["createCompletion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/completions/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Complete many prompts at once
         * @description Reference 004's batch generation for rollouts: every prompt (`n` completions each) is queued
         *     at once and decoded in shared batches; the answer is OpenAI's choices payload with each
         *     choice's `prompt_index`, choices in prompt order (`index` = `prompt_index` × `n` + k). With
         *     a `seed`, completion k of every prompt is sampled with seed + k, so a batch is repeatable.
         *     The prompts are continued as `POST /v1/completions` continues a string.
         */
        post: operations["createCompletionBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/embeddings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create embeddings
         * @description OpenAI-compatible embeddings: the mean over the input's tokens of the model's last hidden
         *     state (after its final norm), one vector of the model's width per input. `input` is a
         *     string, an array of strings, an array of token ids or an array of such arrays (at most 256
         *     inputs, each within the model's context; an empty one is a 400 naming it).
         *     `encoding_format: base64` (what the `openai` clients ask for) answers each vector as the
         *     base64 of its little-endian float32 values.
         */
        post: operations["createEmbeddings"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stats/decode": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Decode statistics
         * @description Live serving figures: generated tokens per second over the last minute, time to first
         *     token and inter-token latency percentiles, queue depth and batch sizes, server-wide; and
         *     per loaded model of the tenant, its decoder's state (sequences decoding and queued, the
         *     last and largest batch of a decode step, steps and tokens) and memory. Other tenants'
         *     models are counted in the server-wide figures only.
         */
        get: operations["getDecodeStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stats/recent-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Recent inference requests
         * @description The tenant's latest inference requests, newest first, from a bounded in-memory ring (the
         *     last 256 of the server; a restart empties it): what was asked of which model, how it
         *     ended, its token counts and timings. Prompts and completions are not kept.
         */
        get: operations["listRecentRequests"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hardware": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Detected compute backends */
        get: operations["getHardware"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Tenant statistics */
        get: operations["getStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Server configuration
         * @description What this server accepts and runs with; never includes secrets.
         */
        get: operations["getServerConfig"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API keys
         * @description Every tenant's keys, oldest first, revoked ones included, or one tenant's with `tenant_id`.
         *     Never the secrets: a key shows its `prefix` only. Needs an `admin` key (or a loopback client
         *     of a server that has never had a key).
         */
        get: operations["listApiKeys"];
        put?: never;
        /**
         * Create an API key
         * @description Creates a key for a tenant and answers its secret, once: only its sha256 is stored. Needs an
         *     `admin` key, or a loopback client of a server that has never had a key; from the first key
         *     on, every request needs one.
         */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/keys/{key_id}": {
        parameters: {
            query?: {
                /**
                 * @description The tenant the key must belong to; a key of another tenant is a 404.
                 * @example acme
                 */
                tenant_id?: string;
            };
            header?: never;
            path: {
                /**
                 * @description The key's id (not its secret).
                 * @example key_3k9d2m7x1p4q
                 */
                key_id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description Revokes a key at once: the next request that presents it is a 401. Revoking a revoked key
         *     answers it unchanged. Revoking every key leaves authentication on: a server that has had a
         *     key never goes back to serving loopback clients without one. Needs an `admin` key.
         */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness and readiness */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness and readiness (versioned path) */
        get: operations["getV1Health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics
         * @description HTTP, queue and training gauges in the Prometheus text format.
         */
        get: operations["getPrometheusMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type webhooks = {
    jobEvent: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A job event
         * @description POSTed to a job's `webhook_url` on `job.completed`, `job.failed`, `job.cancelled` and
         *     `job.phase_changed`, signed per the Standard Webhooks spec: `webhook-signature` is
         *     `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">` keyed with the
         *     server's webhook secret. Retried with exponential back-off until a 2xx; redirects are not
         *     followed (a 3xx is a failed attempt). The receiver's host must be one the server's operator
         *     allows, checked when the job is created and again, after DNS, at each delivery.
         */
        post: operations["receiveJobEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type components = {
    schemas: {
        /**
         * @description Machine-readable error code.
         * @enum {string}
         */
        ErrorCode: "invalid_request" | "invalid_config" | "unauthorized" | "insufficient_credits" | "forbidden" | "job_not_found" | "dataset_not_found" | "model_not_found" | "artifact_not_found" | "key_not_found" | "job_already_running" | "job_terminal" | "idempotency_conflict" | "method_not_allowed" | "payload_too_large" | "rate_limited" | "training_error" | "internal_error" | "overloaded" | "timeout";
        /** @description What went wrong. */
        Error: {
            code: components["schemas"]["ErrorCode"];
            /**
             * @description OpenAI's error type for the status (400, 405, 413, 416 `invalid_request_error`; 401
             *     `authentication_error`; 402 `insufficient_quota`; 403 `permission_error`; 404
             *     `not_found_error`; 409 `conflict_error`; 429 `rate_limit_error`; 5xx `server_error`), so
             *     that OpenAI's clients read the envelope as theirs.
             * @enum {string}
             */
            type?: "invalid_request_error" | "authentication_error" | "insufficient_quota" | "permission_error" | "not_found_error" | "conflict_error" | "rate_limit_error" | "server_error";
            /** @description Human-readable explanation, safe to show to users. */
            message: string;
            /** @description The HTTP status, repeated. */
            status: number;
            /** @description The field, parameter or header at fault, e.g. `config.bond_beta` or `line 17`. */
            param?: string;
            /** @description Extra machine-readable context. */
            details?: {
                [key: string]: unknown;
            };
            /** @description The `x-request-id` of this response. */
            request_id: string;
        };
        /** @description The envelope of every 4xx and 5xx response. */
        ErrorResponse: {
            error: components["schemas"]["Error"];
        };
        /**
         * @description `pending` → `running` → `completed` | `failed` | `cancelled`. `training` is a legacy alias of
         *     `running` from the reference API: accepted as a filter, never returned by this server.
         * @enum {string}
         */
        JobStatus: "pending" | "running" | "completed" | "failed" | "cancelled" | "training";
        /**
         * @description Finer-grained than status: `initializing` → `data_generation` → `curation` → `training` →
         *     `evaluation` → `export` → `done`. Fine-tuning jobs skip `data_generation` and `curation`. A
         *     failed or cancelled job keeps the phase it stopped in.
         * @enum {string}
         */
        JobPhase: "initializing" | "data_generation" | "curation" | "training" | "evaluation" | "export" | "done";
        /**
         * @description GGUF tensor type of an export.
         * @enum {string}
         */
        QuantizationType: "f32" | "f16" | "q8_0" | "q4_0" | "q4_k_m";
        /** @description One training or evaluation row. */
        PromptRow: {
            prompt: string;
            /** @description A reference completion (labelled data). */
            completion?: string;
            /** @description The expected short answer for classification tasks. */
            label?: string;
        };
        /**
         * @description What to distil and how. Unknown fields and out-of-range values are a 400 `invalid_config`
         *     naming the field. Responses return it with every default filled in.
         */
        DistillationConfig: {
            /**
             * @description Provider-prefixed teacher: `local/<model-id>` (a model on this server; logit-level
             *     distillation) or `openai/<model>` (an OpenAI-compatible endpoint configured on the server;
             *     text only).
             * @example openai/gpt-4o
             * @example local/ft-spam-teacher
             */
            teacher_model: string;
            /**
             * @description Student: a preset (`distillery-pico`, `-nano`, `-micro`, `-mini`, `-small`, `-base`) or the shape of an open Llama-architecture model (`smollm2-135m`, `smollm2-360m`, `llama-3.2-1b`, `llama-3.2-3b`), trained from scratch with the teacher's tokenizer (a local teacher) or the job's own; `local/<model-id>`, a model of this server (imported or trained) that training starts from, with its own tokenizer; or `auto`, the teacher itself pruned to `target_params` in depth and width by activation importance on the job's rows (Minitron-style), sharing its tokenizer (local teachers only). Anything else is a 400 naming `config.student_model`.
             * @example distillery-micro
             * @example llama-3.2-1b
             * @example auto
             * @example local/mdl_9a8b7c6d5e
             */
            student_model: string;
            /**
             * @description Parameter budget of an `auto` student (required with it, refused without it): a count with an optional K, M or B suffix, as reference 001 writes it. The student has at most this many parameters.
             * @example 50M
             * @example 1.5B
             * @example 250K
             */
            target_params?: string;
            /** @description Cap on the dataset rows used for data generation. */
            num_prompts?: number;
            /**
             * @description Best-of-N teacher samples per prompt.
             * @default 4
             */
            n_samples: number;
            /**
             * @description Optimizer steps.
             * @default 100
             */
            training_steps: number;
            /**
             * @description BOND mix of forward (1) and reverse (0) KL in the curated-sample weighting.
             * @default 0.5
             */
            bond_beta: number;
            /**
             * @description KL regularisation strength towards the teacher.
             * @default 0.1
             */
            bond_gamma: number;
            /**
             * @description Teacher sampling temperature (0 is greedy).
             * @default 0.8
             */
            temperature: number;
            /**
             * @description Also export GGUF files in `quantization_types`.
             * @default true
             */
            export_gguf: boolean;
            /**
             * @description GGUF tensor types to export.
             * @default [
             *       "q8_0"
             *     ]
             */
            quantization_types: components["schemas"]["QuantizationType"][];
            /** @description Dataset of prompts to distil on. */
            dataset_id?: string;
            /** @description Inline prompts, instead of `dataset_id`. */
            prompts?: (string | components["schemas"]["PromptRow"])[];
            /** @description Held-out evaluation dataset (default a split of the training rows). */
            eval_dataset_id?: string;
            /**
             * @description Fraction of rows held out for evaluation when no `eval_dataset_id` is given.
             * @default 0.1
             */
            eval_split: number;
            /**
             * @description Peak AdamW learning rate.
             * @default 0.0003
             */
            learning_rate: number;
            /**
             * @description Sequences per optimizer step.
             * @default 8
             */
            batch_size: number;
            /**
             * @description Tokens per training sequence.
             * @default 128
             */
            seq_len: number;
            /**
             * @description Seed for data order, sampling and initialisation.
             * @default 0
             */
            seed: number;
            /**
             * @description Softmax temperature of the KD loss (scaled by T²).
             * @default 2
             */
            kd_temperature: number;
            /**
             * @description Weight of the KD loss; `1 - kd_weight` goes to cross-entropy on curated completions.
             * @default 0.5
             */
            kd_weight: number;
            /**
             * @description Artifact families to export.
             * @default [
             *       "safetensors",
             *       "gguf"
             *     ]
             */
            output_formats: ("safetensors" | "gguf")[];
            /**
             * @description Least acceptable `accuracy_delta` (student minus teacher), e.g. -0.02.
             * @default -0.02
             */
            accuracy_threshold: number;
            /**
             * @description Compute backend; `auto` prefers a hardware GPU and falls back to the CPU.
             * @default auto
             * @enum {string}
             */
            backend: "auto" | "webgpu" | "cpu";
        };
        /** @description Your key-value pairs, returned unchanged. */
        Metadata: {
            [key: string]: string;
        };
        /** @description A distillation job to create. */
        CreateDistillationJobRequest: {
            /** @description Workspace; defaults to the key's tenant (`default` in loopback mode). */
            tenant_id?: string;
            /** @description Human label. */
            name?: string;
            description?: string;
            config: components["schemas"]["DistillationConfig"];
            metadata?: components["schemas"]["Metadata"];
            /**
             * Format: uri
             * @description Receives signed job events (see `webhooks`). An `http` or `https` URL whose host the
             *     server's operator allows: loopback, private, link-local, unique-local and unspecified
             *     addresses are refused (400 `invalid_request` naming `webhook_url`) unless allowed.
             */
            webhook_url?: string;
        };
        /** @description Progress so far; fields appear as the phases reach them. */
        JobProgress: {
            prompts_done?: number;
            prompts_total?: number;
            training_step?: number;
            training_steps_total?: number;
            /** @description Latest training loss. */
            loss?: number;
            /** @description Estimated seconds to completion. */
            eta_seconds?: number;
        };
        /** @description Evaluation results; present once the evaluation phase has run. */
        JobResults: {
            /** @description Whether the held-out rows could be scored. `false` when none of them has a `label` or `completion` to compare answers with: then there are no accuracies, no delta and `threshold_passed` is `false`, since nothing shows the student kept the teacher's accuracy. */
            evaluated?: boolean;
            teacher_accuracy?: number;
            student_accuracy?: number;
            /** @description Student minus teacher accuracy on the same held-out rows. */
            accuracy_delta?: number;
            /** @description 95% confidence interval of the delta: normal approximation over the paired per-row differences (both models answer the same rows). */
            accuracy_delta_ci95?: number[];
            /** @description Held-out rows evaluated. */
            eval_rows?: number;
            /** @description Fraction of rows where student and teacher answer alike. */
            agreement_rate?: number;
            /** @description Teacher parameters over student parameters. */
            compression_ratio?: number;
            teacher_parameters?: number;
            student_parameters?: number;
            /** @description Perplexity of the held-out answers given their prompts (exp of the mean log-loss per answer token). Local teachers only: a hosted teacher gives no log-probabilities. */
            teacher_perplexity?: number;
            /** @description The student's perplexity on the same answers; in the teacher's tokens when the student shares its tokenizer (local teachers), so the two compare directly. */
            student_perplexity?: number;
            /** @description Bytes of the teacher's stored weights (f32). Local teachers only. */
            teacher_size_bytes?: number;
            /** @description Bytes of the smallest exported student model file (a GGUF or the safetensors). */
            student_size_bytes?: number;
            /** @description `teacher_size_bytes / student_size_bytes`: how much smaller the file you ship is. */
            size_compression_ratio?: number;
            /** @description `accuracy_delta >= config.accuracy_threshold`; `false` when not `evaluated`. */
            threshold_passed?: boolean;
            /**
             * @description `logit` when the student learnt the teacher's token distributions (a local teacher whose vocabulary the student shares), `sequence` when it learnt from the teacher's text only (a hosted teacher, or a student with a tokenizer of its own). Distillation jobs only.
             * @enum {string}
             */
            distillation_mode?: "logit" | "sequence";
            pruning?: components["schemas"]["PruningReport"];
        };
        /** @description How an `auto` student was derived from its teacher. */
        PruningReport: {
            teacher_parameters: number;
            student_parameters: number;
            teacher_shape: components["schemas"]["ModelShape"];
            student_shape: components["schemas"]["ModelShape"];
            /** @description Teacher layers dropped (least block importance first), by index. */
            removed_layers: number[];
        };
        ModelShape: {
            layers: number;
            hidden_size: number;
            intermediate_size: number;
            attention_heads: number;
            kv_heads: number;
            head_dim: number;
        };
        /** @description Why a job failed. */
        JobError: {
            /** @description `training_error`, `teacher_unreachable`, `dataset_not_found`, … */
            code: string;
            message: string;
            phase?: components["schemas"]["JobPhase"];
        };
        /** @description A distillation job. */
        DistillationJob: {
            /** @example job_abc123 */
            id: string;
            tenant_id?: string;
            name?: string;
            description?: string | null;
            status: components["schemas"]["JobStatus"];
            phase: components["schemas"]["JobPhase"];
            config?: components["schemas"]["DistillationConfig"];
            progress: components["schemas"]["JobProgress"];
            results: components["schemas"]["JobResults"];
            error?: components["schemas"]["JobError"] | null;
            /** @description Credits spent so far. */
            cost_accrued: number;
            metadata?: components["schemas"]["Metadata"];
            webhook_url?: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            /** Format: date-time */
            started_at?: string | null;
            /** Format: date-time */
            finished_at?: string | null;
        };
        /** @description A page of distillation jobs. */
        DistillationJobList: {
            jobs: components["schemas"]["DistillationJob"][];
            /** @description Jobs matching the filters, across all pages. */
            total: number;
            has_more: boolean;
        };
        /** @description Predicted cost and time of a job on this server. */
        Estimate: {
            estimated_cost: number;
            /** @constant */
            currency: "credits";
            estimated_seconds: number;
            /** @description Training plus generation FLOPs. */
            flops: number;
            /** @description Tokens the student trains on. */
            tokens: number;
            teacher_parameters?: number;
            student_parameters?: number;
            /** @enum {string} */
            backend: "webgpu" | "cpu";
            /** @description Whether the tenant's remaining budget covers the estimate. */
            within_budget: boolean;
        };
        /**
         * @description An exported file's format.
         * @enum {string}
         */
        ArtifactFormat: "safetensors" | "gguf_f32" | "gguf_f16" | "gguf_q8_0" | "gguf_q4_0" | "gguf_q4_k_m" | "tokenizer" | "config";
        /** @description One exported file. */
        Artifact: {
            format: components["schemas"]["ArtifactFormat"];
            /** @description Absolute path on the engine host. */
            path: string;
            size_bytes: number;
            checksum_sha256: string;
            /** Format: uri */
            download_url: string;
            quantization?: components["schemas"]["QuantizationType"];
        };
        /** @description A job's exported files (paths are `null` until written). */
        JobArtifacts: {
            job_id?: string;
            /** @description Folder with the Hugging Face export. */
            adapter_path: string | null;
            safetensors_path?: string | null;
            /** @description GGUF file per quantization type. */
            gguf_paths: {
                [key: string]: string;
            };
            tokenizer_path: string | null;
            config_path: string | null;
            artifacts?: components["schemas"]["Artifact"][];
        };
        /** @description One log line. */
        LogEntry: {
            /** Format: date-time */
            timestamp: string;
            /** @enum {string} */
            level: "debug" | "info" | "warn" | "error";
            phase?: components["schemas"]["JobPhase"];
            message: string;
        };
        /** @description Log lines of a job, oldest first. */
        JobLogs: {
            job_id: string;
            lines: components["schemas"]["LogEntry"][];
            /** @description Older lines exist beyond `lines`. */
            has_more: boolean;
        };
        /** @description Training metrics at one step. */
        MetricPoint: {
            step: number;
            loss: number;
            kd_loss?: number;
            ce_loss?: number;
            validation_loss?: number;
            learning_rate?: number;
            tokens_per_second?: number;
            /** Format: date-time */
            timestamp: string;
        };
        /** @description The loss curve of a job. */
        JobMetrics: {
            job_id: string;
            points: components["schemas"]["MetricPoint"][];
        };
        /** @description The `data` of one Server-Sent Event. */
        JobEvent: {
            /** @enum {string} */
            type: "snapshot" | "status" | "phase" | "progress" | "results";
            job_id: string;
            status: components["schemas"]["JobStatus"];
            phase: components["schemas"]["JobPhase"];
            progress?: components["schemas"]["JobProgress"];
            results?: components["schemas"]["JobResults"];
            error?: components["schemas"]["JobError"] | null;
            /** Format: date-time */
            timestamp: string;
        };
        /** @description Training hyperparameters; defaults are filled in responses. The defaults (3 epochs at 1e-3) are chosen so that a preset trained from scratch learns a simple labelled rule from a few hundred rows; a pretrained base usually wants a lower learning rate. */
        FineTuningHyperparameters: {
            /** @default 3 */
            epochs: number;
            /** @default 0.001 */
            learning_rate: number;
            /** @default 8 */
            batch_size: number;
            /** @default 10 */
            warmup_steps: number;
            /** @default 128 */
            seq_len: number;
            /** @default 0 */
            seed: number;
        };
        /** @description A fine-tuning job to create. */
        CreateFineTuningJobRequest: {
            name: string;
            /** @description A base model from `/v1/fine-tuning/base-models`, or a model of this server (`local/<id>`). */
            base_model: string;
            /** @description Dataset id of labelled rows. */
            training_dataset: string;
            /** @description Dataset id for validation loss and accuracy; without one, the job reports no validation figures. */
            validation_dataset?: string;
            description?: string;
            /** @default {} */
            hyperparameters: components["schemas"]["FineTuningHyperparameters"];
            /** @description Appended to the result model's name. */
            suffix?: string;
            /**
             * @default auto
             * @enum {string}
             */
            backend: "auto" | "webgpu" | "cpu";
            metadata?: components["schemas"]["Metadata"];
            /**
             * Format: uri
             * @description Receives signed job events; the same rules as a distillation's `webhook_url`.
             */
            webhook_url?: string;
        };
        /** @description Latest training figures. */
        FineTuningMetrics: {
            training_loss?: number;
            validation_loss?: number;
            validation_accuracy?: number;
            epoch?: number;
        };
        /** @description A fine-tuning job. */
        FineTuningJob: {
            /** @example ftjob_abc123 */
            id: string;
            tenant_id: string;
            name: string;
            description?: string | null;
            base_model: string;
            training_dataset: string;
            validation_dataset?: string | null;
            hyperparameters?: components["schemas"]["FineTuningHyperparameters"];
            suffix?: string | null;
            /**
             * @description The compute backend as requested (default `auto`, which the worker resolves when it runs).
             * @enum {string}
             */
            backend?: "auto" | "webgpu" | "cpu";
            /** @description Id of the tuned model (`local/…`) once completed. */
            result_model?: string | null;
            status: components["schemas"]["JobStatus"];
            phase: components["schemas"]["JobPhase"];
            progress?: components["schemas"]["JobProgress"];
            metrics?: components["schemas"]["FineTuningMetrics"];
            trained_tokens?: number;
            error?: components["schemas"]["JobError"] | null;
            cost_accrued?: number;
            metadata?: components["schemas"]["Metadata"];
            webhook_url?: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            /** Format: date-time */
            started_at?: string | null;
            /** Format: date-time */
            finished_at?: string | null;
        };
        /** @description A page of fine-tuning jobs. */
        FineTuningJobList: {
            jobs: components["schemas"]["FineTuningJob"][];
            total: number;
            limit: number;
            offset: number;
            has_more: boolean;
        };
        /** @description A model that can be fine-tuned. */
        BaseModel: {
            id: string;
            parameters: number;
            context_length: number;
            description?: string;
        };
        /** @description The base-model catalogue. */
        BaseModelList: {
            models: components["schemas"]["BaseModel"][];
        };
        /** @description Jobs per status. */
        StatusCounts: {
            pending: number;
            running: number;
            completed: number;
            failed: number;
            cancelled: number;
        };
        /** @description Fine-tuning totals for a tenant. */
        FineTuningStats: {
            total: number;
            by_status: components["schemas"]["StatusCounts"];
            trained_tokens: number;
            cost_accrued: number;
            average_duration_seconds?: number | null;
        };
        /** @description A multipart dataset upload. */
        DatasetUpload: {
            name?: string;
            /** @description The JSONL file. */
            file: string;
        };
        /** @description A stored JSONL dataset. */
        Dataset: {
            /** @example ds_2b7f1c9e4a */
            id: string;
            tenant_id: string;
            name: string;
            /**
             * @description `prompt_completion` rows (`prompt`, `completion`, `label`) or chat `messages` rows.
             * @enum {string}
             */
            format: "prompt_completion" | "messages";
            row_count: number;
            size_bytes: number;
            checksum_sha256: string;
            /** @description Rows per label, for labelled datasets. */
            label_counts?: {
                [key: string]: number;
            };
            /** Format: date-time */
            created_at: string;
        };
        /** @description A page of datasets. */
        DatasetList: {
            datasets: components["schemas"]["Dataset"][];
            total: number;
            has_more: boolean;
        };
        /** @description Shape of a Llama-style decoder. */
        ModelArchitecture: {
            /**
             * @description The architecture's Hugging Face class name (`architectures[0]` of a config.json).
             * @example LlamaForCausalLM
             */
            name?: string;
            n_layers: number;
            d_model: number;
            n_heads: number;
            n_kv_heads: number;
            d_ff: number;
            vocab_size: number;
        };
        /** @description A model known to this server, OpenAI-style. */
        Model: {
            id: string;
            /** @constant */
            object: "model";
            /** @description Unix seconds. */
            created: number;
            /** @description `distillery` for presets, else the owning tenant or the provider. */
            owned_by: string;
            /**
             * @description `imported`: a pretrained checkpoint registered with `POST /v1/models`.
             * @enum {string}
             */
            kind: "preset" | "fine_tuned" | "distilled" | "teacher_endpoint" | "imported";
            /** @description The name given at import (by default the folder's, file's or URL's last part). */
            name?: string;
            parameters?: number | null;
            /** @description Longest sequence the model takes, in tokens. */
            context_length?: number;
            base_model?: string;
            /** @description The job that produced it. */
            source_job_id?: string | null;
            architecture?: components["schemas"]["ModelArchitecture"];
            /**
             * @description Weight type of the checkpoint as imported: `F32`, `F16` or `BF16` for safetensors, the
             *     GGUF file type for GGUF (`F16`, `Q8_0`, `Q4_K`, …). Models trained here are `F32`.
             * @example BF16
             */
            dtype?: string;
            vocab_size?: number;
            /**
             * @description `byte-level-bpe` (GPT-2, Llama 3 and SmolLM pre-tokenizers, and every model trained here)
             *     or `sentencepiece-bpe` (SentencePiece-style BPE with byte fallback: Llama 2, TinyLlama, Mistral).
             * @enum {string}
             */
            tokenizer_type?: "byte-level-bpe" | "sentencepiece-bpe";
            /** @description Whether the model carries its own chat template. */
            chat_template?: boolean;
            source?: components["schemas"]["ModelSource"];
        };
        /** @description Where an imported model came from. */
        ModelSource: {
            /**
             * @description `upload`: sent in the request; `url`: fetched by the server from `url`.
             * @enum {string}
             */
            type: "upload" | "url";
            /**
             * Format: uri
             * @description The `source_url` it was fetched from (without credentials), for `type` `url`.
             */
            url?: string;
            /** @enum {string} */
            format: "safetensors" | "gguf";
        };
        /**
         * @description A multipart model upload: the files of a Hugging Face folder, each part named by its path
         *     in the folder; or one tar / tar.gz archive of that folder; or one GGUF file.
         */
        ModelImportUpload: {
            name?: string;
            /** @description One part per file; the filename of each part is its relative path. */
            file: string[];
        };
        /** @description A model for the server to fetch. */
        ModelImportRequest: {
            /**
             * Format: uri
             * @description An http(s) URL of a GGUF file or a tar(.gz) archive, on a host in `DISTILLERY_IMPORT_HOSTS`.
             * @example https://models.example.com/smollm2-135m-instruct-q8_0.gguf
             */
            source_url: string;
            name?: string;
        };
        /** @description OpenAI-style model list. */
        ModelList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["Model"][];
        };
        /** @description One compute backend. */
        HardwareBackend: {
            /** @enum {string} */
            name: "webgpu" | "cpu";
            available: boolean;
            /** @description A software adapter (llvmpipe, SwiftShader) is correct but slow. */
            is_software: boolean;
            /** @description The WebGPU adapter's info. */
            adapter?: {
                vendor?: string;
                architecture?: string;
                device?: string;
                description?: string;
            };
            cores?: number;
            memory_bytes?: number;
            /** @description Why the backend is unavailable. */
            reason?: string;
        };
        /** @description Compute backends on this server. */
        Hardware: {
            /**
             * @description What `backend: auto` resolves to.
             * @enum {string}
             */
            default_backend: "webgpu" | "cpu";
            backends: components["schemas"]["HardwareBackend"][];
        };
        /** @description Totals for a tenant. */
        Stats: {
            distillation_jobs: {
                total: number;
                by_status: components["schemas"]["StatusCounts"];
            };
            fine_tuning_jobs: {
                total: number;
                by_status: components["schemas"]["StatusCounts"];
            };
            datasets: number;
            models: number;
            artifact_bytes: number;
            cost_accrued: number;
            /** @description The tenant's credit budget; `null` is unlimited. */
            budget?: number | null;
        };
        /** @description What the server runs with, secrets excluded. */
        ServerConfig: {
            version: string;
            /**
             * @description `loopback`: no key configured, loopback clients only.
             * @enum {string}
             */
            auth_mode: "keys" | "loopback";
            /** @enum {string} */
            storage: "pglite" | "postgres";
            /** @enum {string} */
            default_backend: "webgpu" | "cpu";
            teacher_providers: {
                local: boolean;
                /** @description Whether an OpenAI-compatible endpoint is configured. */
                openai: boolean;
            };
            limits: {
                max_body_bytes?: number;
                /** @description The largest model import (`POST /v1/models`) body or download, in bytes. */
                max_import_bytes?: number;
                rate_limit_per_minute?: number;
                max_concurrent_jobs_per_worker?: number;
                max_concurrent_jobs_per_tenant?: number;
            };
            /** @description Defaults filled into distillation configs. */
            job_defaults?: {
                [key: string]: unknown;
            };
            /** @description How inference is served (`POST /v1/chat/completions` and the rest). */
            serving?: {
                /** @description `DISTILLERY_SERVING_MEMORY_BYTES`: the loaded models' weights and KV caches together; the least recently used idle model is unloaded to make room. */
                memory_budget_bytes: number;
                /** @description `DISTILLERY_SERVING_MAX_BATCH`: sequences a model decodes together (its KV-cache slots). */
                max_batch: number;
                /** @description `DISTILLERY_SERVING_MAX_CONTEXT`: the longest sequence served, capped by each model's own context. */
                max_context: number;
                /** @description `DISTILLERY_SERVING_TIMEOUT_SECONDS`: a request generating longer is stopped (504 `timeout`). */
                timeout_seconds: number;
                /** @description `DISTILLERY_SERVING_MAX_QUEUE`: sequences that may wait for one model before a request is a 503 `overloaded`. */
                max_queue: number;
                /** @description `DISTILLERY_SERVING_THREADS`: threads of the serving thread's CPU kernels. */
                threads: number;
            };
        };
        /** @description Health of the server and its parts. */
        Health: {
            /** @enum {string} */
            status: "ok" | "error";
            version: string;
            uptime_seconds: number;
            checks: {
                /** @enum {string} */
                database: "ok" | "error";
                /** @enum {string} */
                queue: "ok" | "error";
            };
        };
        /**
         * @description A servable model id of the tenant as `GET /v1/models` lists it (`local/…`; the id without
         *     `local/` works too). Optional: without it, the server's `DISTILLERY_SERVING_DEFAULT_MODEL`,
         *     else the tenant's only servable model.
         * @example local/ft-spam-teacher
         */
        ServingModelId: string;
        /** @description Up to 4 strings; generation stops before the first of them, which is left out of the text. */
        StopSequences: string | string[] | null;
        StreamOptions: {
            /** @description A last chunk before `[DONE]` with empty `choices` and the `usage`; every other chunk has `usage` null. */
            include_usage?: boolean;
        } | null;
        /** @description One turn of the conversation. */
        ChatMessage: {
            /** @enum {string} */
            role: "system" | "developer" | "user" | "assistant";
            /** @description The text, or OpenAI's content parts (text parts only). */
            content: string | {
                /** @constant */
                type: "text";
                text: string;
            }[];
            name?: string;
        };
        /**
         * @description OpenAI's chat completion request, the fields this server implements. `null` is the same as
         *     leaving a field out. Any other field is a 400 naming it.
         */
        ChatCompletionRequest: {
            model?: components["schemas"]["ServingModelId"];
            messages: components["schemas"]["ChatMessage"][];
            /** @description Tokens to generate at most (default up to the model's context). */
            max_completion_tokens?: number | null;
            /** @description The older name of `max_completion_tokens`; give one or the other. */
            max_tokens?: number | null;
            /** @description Default 1; 0 is greedy. */
            temperature?: number | null;
            /** @description Nucleus sampling mass, default 1. */
            top_p?: number | null;
            /** @description Choices to generate (default 1), decoded side by side. */
            n?: number | null;
            stream?: boolean | null;
            stream_options?: components["schemas"]["StreamOptions"];
            stop?: components["schemas"]["StopSequences"];
            /** @description Same seed, prompt and parameters, same completion, whatever else is decoded beside it; choice k is sampled with seed + k. */
            seed?: number | null;
            /** @description The log-probability of each generated token (of the model's untempered distribution). */
            logprobs?: boolean | null;
            /** @description That many likeliest tokens at each position as well; needs `logprobs`. */
            top_logprobs?: number | null;
            /** @description Accepted and ignored. */
            user?: string;
        };
        Usage: {
            /** @description Prompt tokens, summed over the prompts (each prompt counted once, whatever `n`). */
            prompt_tokens: number;
            /** @description Generated tokens over every choice, a final stop token included. */
            completion_tokens: number;
            total_tokens: number;
        };
        TopLogprob: {
            token: string;
            logprob: number;
            bytes: number[] | null;
        };
        TokenLogprob: {
            token: string;
            logprob: number;
            bytes: number[] | null;
            top_logprobs: components["schemas"]["TopLogprob"][];
        };
        ChatChoiceLogprobs: {
            content: components["schemas"]["TokenLogprob"][] | null;
        } | null;
        /**
         * @description `stop`: the model's end token or a stop string; `length`: `max_tokens` or the context reached.
         * @enum {string}
         */
        FinishReason: "stop" | "length";
        ChatCompletion: {
            /** @description `chatcmpl-` and the request id. */
            id: string;
            /** @constant */
            object: "chat.completion";
            created: number;
            model: string;
            system_fingerprint?: string | null;
            choices: {
                index: number;
                message: {
                    /** @constant */
                    role: "assistant";
                    content: string;
                };
                logprobs: components["schemas"]["ChatChoiceLogprobs"];
                finish_reason: components["schemas"]["FinishReason"];
            }[];
            usage: components["schemas"]["Usage"];
        };
        /** @description One Server-Sent Event of a streamed chat completion. */
        ChatCompletionChunk: {
            id: string;
            /** @constant */
            object: "chat.completion.chunk";
            created: number;
            model: string;
            system_fingerprint?: string | null;
            choices: {
                index: number;
                delta: {
                    /** @constant */
                    role?: "assistant";
                    content?: string;
                };
                logprobs?: components["schemas"]["ChatChoiceLogprobs"];
                finish_reason: components["schemas"]["FinishReason"] | null;
            }[];
            usage?: components["schemas"]["Usage"] | null;
        };
        /**
         * @description A string, an array of strings, an array of token ids or an array of arrays of token ids
         *     (at most 256 strings or arrays); an array mixing these kinds is a 400 naming it.
         */
        CompletionPrompt: string | (string | number | number[])[];
        /** @description OpenAI's (legacy) completion request, the fields this server implements; any other is a 400 naming it. */
        CompletionRequest: {
            model?: components["schemas"]["ServingModelId"];
            prompt: components["schemas"]["CompletionPrompt"];
            /** @description Tokens to generate at most, default 16. */
            max_tokens?: number | null;
            temperature?: number | null;
            top_p?: number | null;
            n?: number | null;
            stream?: boolean | null;
            stream_options?: components["schemas"]["StreamOptions"];
            stop?: components["schemas"]["StopSequences"];
            seed?: number | null;
            /** @description The log-probability of each token and of that many likeliest alternatives. */
            logprobs?: number | null;
            user?: string;
        };
        CompletionLogprobs: {
            tokens: string[];
            token_logprobs: number[];
            top_logprobs: {
                [key: string]: number;
            }[];
            text_offset: number[];
        } | null;
        CompletionChoice: {
            index: number;
            text: string;
            logprobs: components["schemas"]["CompletionLogprobs"];
            /** @description `null` in stream chunks until the choice ends. */
            finish_reason: components["schemas"]["FinishReason"] | null;
        };
        /** @description A completion, or (streamed) one chunk of it. */
        Completion: {
            /** @description `cmpl-` and the request id. */
            id: string;
            /** @constant */
            object: "text_completion";
            created: number;
            model: string;
            system_fingerprint?: string | null;
            choices: components["schemas"]["CompletionChoice"][];
            usage?: components["schemas"]["Usage"] | null;
        };
        /** @description Reference 004's batch request. */
        CompletionBatchRequest: {
            model?: components["schemas"]["ServingModelId"];
            prompts: string[];
            /** @description Tokens to generate at most per completion, default 16. */
            max_tokens?: number | null;
            temperature?: number | null;
            top_p?: number | null;
            /** @description Completions per prompt (default 1). */
            n?: number | null;
            stop?: components["schemas"]["StopSequences"];
            seed?: number | null;
        };
        CompletionBatch: {
            id: string;
            /** @constant */
            object: "text_completion";
            created: number;
            model: string;
            system_fingerprint?: string | null;
            choices: {
                index: number;
                prompt_index: number;
                text: string;
                logprobs: null;
                finish_reason: components["schemas"]["FinishReason"];
            }[];
            usage: components["schemas"]["Usage"];
        };
        EmbeddingRequest: {
            model?: components["schemas"]["ServingModelId"];
            input: components["schemas"]["CompletionPrompt"];
            /**
             * @description Default `float`.
             * @enum {string}
             */
            encoding_format?: "float" | "base64";
            user?: string;
        };
        EmbeddingList: {
            /** @constant */
            object: "list";
            data: {
                /** @constant */
                object: "embedding";
                index: number;
                /** @description The vector, or with `encoding_format` `base64` its little-endian float32 bytes in base64. */
                embedding: number[] | string;
            }[];
            model: string;
            usage: {
                prompt_tokens: number;
                total_tokens: number;
            };
        };
        /** @description Percentiles of the latest samples (up to 4096), milliseconds; null with no samples yet. */
        LatencyPercentiles: {
            p50: number | null;
            p90: number | null;
            p99: number | null;
            samples: number;
        };
        DecoderState: {
            /** @description Sequences holding a KV-cache slot (prefilling or decoding). */
            active_sequences: number;
            /** @description Sequences waiting for a slot. */
            queued_sequences: number;
            /** @description Sequences in the latest decode step's forward pass. */
            last_batch_size: number;
            /** @description The most sequences any decode step has held. */
            max_batch_size: number;
        };
        LoadedModelStats: components["schemas"]["DecoderState"] & {
            model: string;
            /** Format: date-time */
            loaded_at: string;
            /** Format: date-time */
            last_used_at: string;
            weights_bytes: number;
            kv_cache_bytes: number;
            /** @description KV-cache slots, the largest batch a decode step can hold. */
            max_batch: number;
            /** @description Positions per slot, prompt and completion together. */
            max_context: number;
            steps: number;
            generated_tokens: number;
        };
        DecodeStats: components["schemas"]["DecoderState"] & {
            window_seconds: number;
            /** @description Tokens generated over the last `window_seconds`, per second, server-wide. */
            tokens_per_second: number;
            /** @description Tokens generated since the server started. */
            generated_tokens: number;
            /** @description Inference requests since the server started. */
            requests: number;
            time_to_first_token_ms: components["schemas"]["LatencyPercentiles"];
            inter_token_latency_ms: components["schemas"]["LatencyPercentiles"];
            memory: {
                /** @description `DISTILLERY_SERVING_MEMORY_BYTES`: weights and KV caches of the loaded models together. */
                budget_bytes: number;
                used_bytes: number;
            };
            /** @description The tenant's loaded models. */
            models: components["schemas"]["LoadedModelStats"][];
        };
        RecentRequest: {
            request_id: string;
            /** @enum {string} */
            endpoint: "chat.completions" | "completions" | "completions.batch" | "embeddings";
            model: string | null;
            created: number;
            stream: boolean;
            n: number;
            temperature?: number | null;
            /** @description The HTTP status answered (a stream that failed after it started keeps 200 and has `error_code`). */
            status: number;
            finish_reasons: components["schemas"]["FinishReason"][];
            prompt_tokens: number;
            completion_tokens: number;
            time_to_first_token_ms: number | null;
            duration_ms: number;
            error_code: components["schemas"]["ErrorCode"] | null;
        };
        RecentRequestList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["RecentRequest"][];
        };
        /**
         * @description What a key may do; `admin` is every scope on every tenant.
         * @enum {string}
         */
        ApiKeyScope: "jobs:read" | "jobs:write" | "datasets:read" | "datasets:write" | "models:read" | "models:write" | "inference" | "admin";
        /** @description An API key, without its secret. */
        ApiKey: {
            id: string;
            tenant_id: string;
            name: string | null;
            /** @description The first 12 characters of the key, to recognise it by. */
            prefix: string;
            scopes: components["schemas"]["ApiKeyScope"][];
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            last_used_at: string | null;
            /**
             * Format: date-time
             * @description When it was revoked; null while it is valid.
             */
            revoked_at: string | null;
        };
        /** @description A new key with its secret, which is never shown again. */
        CreatedApiKey: {
            id: string;
            /** @description The secret: send it as `Authorization: Bearer <key>` or `X-API-Key`. */
            key: string;
            tenant_id: string;
            name: string | null;
            prefix: string;
            scopes: components["schemas"]["ApiKeyScope"][];
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            last_used_at: string | null;
            /** Format: date-time */
            revoked_at: string | null;
        };
        CreateApiKeyRequest: {
            /** @description The key's tenant (default the caller's, `default` in loopback mode). */
            tenant_id?: string;
            /** @description A label to recognise the key by. */
            name?: string;
            /** @description Default every scope but `admin`. */
            scopes?: components["schemas"]["ApiKeyScope"][];
            /**
             * @description A `dk_live_` or a `dk_test_` key.
             * @default live
             * @enum {string}
             */
            mode: "live" | "test";
            /** @description Sets the tenant's credit budget as well. */
            budget?: number;
        };
        ApiKeyList: {
            keys: components["schemas"]["ApiKey"][];
            total: number;
            has_more: boolean;
        };
        /** @description Body of a webhook delivery. */
        WebhookEvent: {
            /** @enum {string} */
            type: "job.completed" | "job.failed" | "job.cancelled" | "job.phase_changed";
            /** Format: date-time */
            timestamp: string;
            data: {
                job_id: string;
                /** @enum {string} */
                job_type: "distillation" | "fine_tuning";
                status: components["schemas"]["JobStatus"];
                phase: components["schemas"]["JobPhase"];
                results?: components["schemas"]["JobResults"];
                error?: components["schemas"]["JobError"] | null;
            };
        };
    };
    responses: {
        /** @description A parameter or body field is missing or malformed (`invalid_request`). */
        InvalidRequest: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The job config is invalid (`invalid_config`) or the request malformed (`invalid_request`). */
        InvalidConfig: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description No key, or an unknown or revoked key (`unauthorized`). */
        Unauthorized: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                /** @description The scheme to use. */
                "WWW-Authenticate"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The job's estimated cost exceeds the tenant's remaining budget (`insufficient_credits`). */
        InsufficientCredits: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The key lacks the scope this operation needs (`forbidden`). */
        Forbidden: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description No such job for this tenant (`job_not_found`). */
        JobNotFound: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description No such dataset for this tenant (`dataset_not_found`). */
        DatasetNotFound: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description No such model (`model_not_found`). */
        ModelNotFound: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description No such API key (for this tenant, when `tenant_id` names one) (`key_not_found`). */
        KeyNotFound: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description No such job, or the job has no artifact of this format yet (`job_not_found`, `artifact_not_found`). */
        ArtifactNotFound: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The job is pending or running; cancel it first (`job_already_running`). */
        JobAlreadyRunning: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The job has already finished (`job_terminal`). */
        JobTerminal: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The Idempotency-Key was used with another body (`idempotency_conflict`). */
        IdempotencyConflict: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The body exceeds the server's limit (`payload_too_large`). */
        PayloadTooLarge: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The requested byte range is outside the file (`invalid_request`). */
        RangeNotSatisfiable: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                /** @description `bytes *\/<size>` */
                "Content-Range"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description Too many requests (`rate_limited`). */
        RateLimited: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                "Retry-After": components["headers"]["RetryAfter"];
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description An unexpected server error (`internal_error`); retrying may help. */
        InternalError: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The serving capacity is taken (`overloaded`): the memory budget is held by busy models, or the model's queue is full; retry after `Retry-After`. */
        Overloaded: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description Generation ran past the server's `DISTILLERY_SERVING_TIMEOUT_SECONDS` (`timeout`); its sequences were stopped. */
        Timeout: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The whole file. */
        ArtifactFile: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                /** @description Hex sha256 of the whole file. */
                "x-checksum-sha256"?: string;
                /** @description File size in bytes. */
                "Content-Length"?: number;
                /** @description Always `bytes`. */
                "Accept-Ranges"?: string;
                /** @description `attachment; filename="…"` */
                "Content-Disposition"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/octet-stream": string;
            };
        };
        /** @description The requested byte range. */
        ArtifactPartial: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                /** @description Hex sha256 of the whole file. */
                "x-checksum-sha256"?: string;
                /** @description `bytes <start>-<end>/<size>` */
                "Content-Range"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/octet-stream": string;
            };
        };
        /** @description Log lines, oldest first. */
        JobLogs: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["JobLogs"];
            };
        };
        /** @description The loss curve by step. */
        JobMetrics: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["JobMetrics"];
            };
        };
        /**
         * @description A `text/event-stream` of `JobEvent`s, for example:
         *
         *     ```
         *     id: 1
         *     event: snapshot
         *     data: {"type":"snapshot","job_id":"job_abc123","status":"running","phase":"training","progress":{"training_step":45,"training_steps_total":100},"timestamp":"2026-04-19T12:03:41Z"}
         *
         *     id: 2
         *     event: progress
         *     data: {"type":"progress","job_id":"job_abc123","status":"running","phase":"training","progress":{"training_step":46,"training_steps_total":100},"timestamp":"2026-04-19T12:03:43Z"}
         *     ```
         */
        JobEventStream: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                /** @description `no-cache` */
                "Cache-Control"?: string;
                [name: string]: unknown;
            };
            content: {
                "text/event-stream": {
                    /** @description Sequence number; send it back as `Last-Event-ID` to resume. */
                    id?: string;
                    /** @description The event's `type`. */
                    event?: string;
                    data: string;
                };
            };
        };
        /** @description The server is up; `checks` says whether its parts are. */
        Health: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Health"];
            };
        };
        /** @description A part of the server is down. */
        Unhealthy: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Health"];
            };
        };
    };
    parameters: {
        /**
         * @description The distillation job's id.
         * @example job_abc123
         */
        JobId: string;
        /**
         * @description The fine-tuning job's id.
         * @example ftjob_abc123
         */
        FineTuningJobId: string;
        /**
         * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
         *     `admin` key may name another tenant.
         * @example default
         */
        TenantId: string;
        /** @description Page size. */
        Limit: number;
        /** @description Items to skip. */
        Offset: number;
        /**
         * @description Only items created at or after this time.
         * @example 2026-04-19T00:00:00Z
         */
        Since: string;
        /** @description Case-insensitive text search on name and description. */
        Search: string;
        /** @description Return at most this many of the newest lines. */
        LogLines: number;
        /** @description Only lines logged after this time. */
        LogSince: string;
        /** @description Resume after this event id. */
        LastEventId: string;
        /**
         * @description A unique key for this create (a UUID). The same key with the same body returns the original
         *     resource for 24 hours; with another body it is a 409 `idempotency_conflict`.
         * @example 6f1c2a9e-8b3d-4c5f-9a7e-1d2b3c4d5e6f
         */
        IdempotencyKey: string;
    };
    requestBodies: never;
    headers: {
        /**
         * @description Id of this request, for logs and support.
         * @example req_8f2c1d9a7b3e
         */
        RequestId: string;
        /** @description `true` when the response replays an earlier request with the same Idempotency-Key. */
        IdempotentReplayed: "true" | "false";
        /** @description Seconds to wait before retrying. */
        RetryAfter: number;
        /** @description Requests allowed per window. */
        RateLimitLimit: number;
        /** @description Requests left in this window. */
        RateLimitRemaining: number;
        /** @description Seconds until the window resets. */
        RateLimitReset: number;
    };
    pathItems: never;
};
export type $defs = Record<string, never>;
export interface operations {
    listDistillationJobs: {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
                /** @description Only jobs in this status. */
                status?: components["schemas"]["JobStatus"];
                /**
                 * @description Only items created at or after this time.
                 * @example 2026-04-19T00:00:00Z
                 */
                since?: components["parameters"]["Since"];
                /** @description Case-insensitive text search on name and description. */
                search?: components["parameters"]["Search"];
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Items to skip. */
                offset?: components["parameters"]["Offset"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of jobs. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DistillationJobList"];
                };
            };
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    createDistillationJob: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A unique key for this create (a UUID). The same key with the same body returns the original
                 *     resource for 24 hours; with another body it is a 409 `idempotency_conflict`.
                 * @example 6f1c2a9e-8b3d-4c5f-9a7e-1d2b3c4d5e6f
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateDistillationJobRequest"];
            };
        };
        responses: {
            /** @description The job, queued. */
            201: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    /** @description URL of the new job. */
                    Location?: string;
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DistillationJob"];
                };
            };
            400: components["responses"]["InvalidConfig"];
            401: components["responses"]["Unauthorized"];
            402: components["responses"]["InsufficientCredits"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["IdempotencyConflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    estimateDistillationJob: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateDistillationJobRequest"];
            };
        };
        responses: {
            /** @description The estimate. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Estimate"];
                };
            };
            400: components["responses"]["InvalidConfig"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    getDistillationJob: {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path: {
                /**
                 * @description The distillation job's id.
                 * @example job_abc123
                 */
                job_id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DistillationJob"];
                };
            };
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["JobNotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    deleteDistillationJob: {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path: {
                /**
                 * @description The distillation job's id.
                 * @example job_abc123
                 */
                job_id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["JobNotFound"];
            409: components["responses"]["JobAlreadyRunning"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    cancelDistillationJob: {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path: {
                /**
                 * @description The distillation job's id.
                 * @example job_abc123
                 */
                job_id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job, cancelled. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DistillationJob"];
                };
            };
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["JobNotFound"];
            409: components["responses"]["JobTerminal"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    restartDistillationJob: {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path: {
                /**
                 * @description The distillation job's id.
                 * @example job_abc123
                 */
                job_id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job, pending again. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DistillationJob"];
                };
            };
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            402: components["responses"]["InsufficientCredits"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["JobNotFound"];
            409: components["responses"]["JobAlreadyRunning"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    listDistillationArtifacts: {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path: {
                /**
                 * @description The distillation job's id.
                 * @example job_abc123
                 */
                job_id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The artifacts written so far. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobArtifacts"];
                };
            };
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["JobNotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    downloadDistillationArtifact: {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: {
                /** @description A single byte range, e.g. `bytes=0-1048575`. A value of another form is ignored and the whole file is served, as RFC 9110 allows. */
                Range?: string;
            };
            path: {
                /**
                 * @description The distillation job's id.
                 * @example job_abc123
                 */
                job_id: components["parameters"]["JobId"];
                /** @description The artifact's format, as listed by the artifacts operation. */
                format: components["schemas"]["ArtifactFormat"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ArtifactFile"];
            206: components["responses"]["ArtifactPartial"];
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["ArtifactNotFound"];
            416: components["responses"]["RangeNotSatisfiable"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    getDistillationJobLogs: {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
                /** @description Return at most this many of the newest lines. */
                lines?: components["parameters"]["LogLines"];
                /** @description Only lines logged after this time. */
                since?: components["parameters"]["LogSince"];
            };
            header?: never;
            path: {
                /**
                 * @description The distillation job's id.
                 * @example job_abc123
                 */
                job_id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["JobLogs"];
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["JobNotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    getDistillationJobMetrics: {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path: {
                /**
                 * @description The distillation job's id.
                 * @example job_abc123
                 */
                job_id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["JobMetrics"];
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["JobNotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    streamDistillationJobEvents: {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: {
                /** @description Resume after this event id. */
                "Last-Event-ID"?: components["parameters"]["LastEventId"];
            };
            path: {
                /**
                 * @description The distillation job's id.
                 * @example job_abc123
                 */
                job_id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["JobEventStream"];
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["JobNotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    listFineTuningJobs: {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
                /** @description Only jobs in this status. */
                status?: components["schemas"]["JobStatus"];
                /** @description Only jobs fine-tuning this base model. */
                base_model?: string;
                /** @description Case-insensitive text search on name and description. */
                search?: components["parameters"]["Search"];
                /** @description Sort field and direction. */
                sort?: "created_at:desc" | "created_at:asc" | "updated_at:desc" | "updated_at:asc" | "name:asc" | "name:desc";
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Items to skip. */
                offset?: components["parameters"]["Offset"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of fine-tuning jobs. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FineTuningJobList"];
                };
            };
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    createFineTuningJob: {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: {
                /**
                 * @description A unique key for this create (a UUID). The same key with the same body returns the original
                 *     resource for 24 hours; with another body it is a 409 `idempotency_conflict`.
                 * @example 6f1c2a9e-8b3d-4c5f-9a7e-1d2b3c4d5e6f
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateFineTuningJobRequest"];
            };
        };
        responses: {
            /** @description The job, queued. */
            201: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FineTuningJob"];
                };
            };
            400: components["responses"]["InvalidConfig"];
            401: components["responses"]["Unauthorized"];
            402: components["responses"]["InsufficientCredits"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["DatasetNotFound"];
            409: components["responses"]["IdempotencyConflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    getFineTuningJob: {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path: {
                /**
                 * @description The fine-tuning job's id.
                 * @example ftjob_abc123
                 */
                job_id: components["parameters"]["FineTuningJobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FineTuningJob"];
                };
            };
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["JobNotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    deleteFineTuningJob: {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path: {
                /**
                 * @description The fine-tuning job's id.
                 * @example ftjob_abc123
                 */
                job_id: components["parameters"]["FineTuningJobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["JobNotFound"];
            409: components["responses"]["JobAlreadyRunning"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    stopFineTuningJob: {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path: {
                /**
                 * @description The fine-tuning job's id.
                 * @example ftjob_abc123
                 */
                job_id: components["parameters"]["FineTuningJobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job, cancelled. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FineTuningJob"];
                };
            };
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["JobNotFound"];
            409: components["responses"]["JobTerminal"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    restartFineTuningJob: {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path: {
                /**
                 * @description The fine-tuning job's id.
                 * @example ftjob_abc123
                 */
                job_id: components["parameters"]["FineTuningJobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job, pending again. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FineTuningJob"];
                };
            };
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            402: components["responses"]["InsufficientCredits"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["JobNotFound"];
            409: components["responses"]["JobAlreadyRunning"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    getFineTuningJobLogs: {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
                /** @description Return at most this many of the newest lines. */
                lines?: components["parameters"]["LogLines"];
                /** @description Only lines logged after this time. */
                since?: components["parameters"]["LogSince"];
            };
            header?: never;
            path: {
                /**
                 * @description The fine-tuning job's id.
                 * @example ftjob_abc123
                 */
                job_id: components["parameters"]["FineTuningJobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["JobLogs"];
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["JobNotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    getFineTuningJobMetrics: {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path: {
                /**
                 * @description The fine-tuning job's id.
                 * @example ftjob_abc123
                 */
                job_id: components["parameters"]["FineTuningJobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["JobMetrics"];
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["JobNotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    streamFineTuningJobEvents: {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: {
                /** @description Resume after this event id. */
                "Last-Event-ID"?: components["parameters"]["LastEventId"];
            };
            path: {
                /**
                 * @description The fine-tuning job's id.
                 * @example ftjob_abc123
                 */
                job_id: components["parameters"]["FineTuningJobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["JobEventStream"];
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["JobNotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    listFineTuningBaseModels: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The catalogue. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BaseModelList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    getFineTuningStats: {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Counts and totals for the tenant. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FineTuningStats"];
                };
            };
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    estimateFineTuningCost: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateFineTuningJobRequest"];
            };
        };
        responses: {
            /** @description The estimate. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Estimate"];
                };
            };
            400: components["responses"]["InvalidConfig"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["DatasetNotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    listDatasets: {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
                /** @description Case-insensitive text search on name and description. */
                search?: components["parameters"]["Search"];
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Items to skip. */
                offset?: components["parameters"]["Offset"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of datasets. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatasetList"];
                };
            };
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    uploadDataset: {
        parameters: {
            query?: {
                /** @description Name of the dataset (required with a raw body; multipart may send it as a part). */
                name?: string;
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: {
                /**
                 * @description A unique key for this create (a UUID). The same key with the same body returns the original
                 *     resource for 24 hours; with another body it is a 409 `idempotency_conflict`.
                 * @example 6f1c2a9e-8b3d-4c5f-9a7e-1d2b3c4d5e6f
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-ndjson": string;
                "multipart/form-data": components["schemas"]["DatasetUpload"];
            };
        };
        responses: {
            /** @description The stored dataset. */
            201: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Dataset"];
                };
            };
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["IdempotencyConflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    getDataset: {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path: {
                /**
                 * @description The dataset's id.
                 * @example ds_2b7f1c9e4a
                 */
                dataset_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The dataset. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Dataset"];
                };
            };
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["DatasetNotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    deleteDataset: {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path: {
                /**
                 * @description The dataset's id.
                 * @example ds_2b7f1c9e4a
                 */
                dataset_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["DatasetNotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    listModels: {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The models. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelList"];
                };
            };
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    importModel: {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: {
                /**
                 * @description A unique key for this create (a UUID). The same key with the same body returns the original
                 *     resource for 24 hours; with another body it is a 409 `idempotency_conflict`.
                 * @example 6f1c2a9e-8b3d-4c5f-9a7e-1d2b3c4d5e6f
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["ModelImportUpload"];
                "application/json": components["schemas"]["ModelImportRequest"];
            };
        };
        responses: {
            /** @description The imported model. */
            201: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Model"];
                };
            };
            /** @description The upload is not a checkpoint the server can import, or `source_url` is not allowed (`invalid_request`). */
            400: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["IdempotencyConflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    getModel: {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path: {
                /**
                 * @description The model's id; ids with a provider prefix are URL-encoded (`local%2Fft-spam-teacher`).
                 * @example distillery-micro
                 */
                model_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The model. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Model"];
                };
            };
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["ModelNotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    deleteModel: {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path: {
                /**
                 * @description The model's id; ids with a provider prefix are URL-encoded (`local%2Fft-spam-teacher`).
                 * @example distillery-micro
                 */
                model_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["ModelNotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    createChatCompletion: {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatCompletionRequest"];
            };
        };
        responses: {
            /** @description The completion, or with `stream` its chunks as Server-Sent Events. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatCompletion"];
                    "text/event-stream": {
                        /** @description A `ChatCompletionChunk` as JSON; `[DONE]` in the last event. */
                        data: string;
                    };
                };
            };
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["ModelNotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Overloaded"];
            504: components["responses"]["Timeout"];
        };
    };
    createCompletion: {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CompletionRequest"];
            };
        };
        responses: {
            /** @description The completion, or with `stream` its chunks as Server-Sent Events. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Completion"];
                    "text/event-stream": {
                        /** @description A `Completion` chunk as JSON; `[DONE]` in the last event. */
                        data: string;
                    };
                };
            };
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["ModelNotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Overloaded"];
            504: components["responses"]["Timeout"];
        };
    };
    createCompletionBatch: {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CompletionBatchRequest"];
            };
        };
        responses: {
            /** @description One choice per prompt and sample. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompletionBatch"];
                };
            };
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["ModelNotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Overloaded"];
            504: components["responses"]["Timeout"];
        };
    };
    createEmbeddings: {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EmbeddingRequest"];
            };
        };
        responses: {
            /** @description One embedding per input, in order. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmbeddingList"];
                };
            };
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["ModelNotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Overloaded"];
            504: components["responses"]["Timeout"];
        };
    };
    getDecodeStats: {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The figures. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DecodeStats"];
                };
            };
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    listRecentRequests: {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
                /** @description How many to answer. */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The requests. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecentRequestList"];
                };
            };
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    getHardware: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description WebGPU adapters and the CPU. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Hardware"];
                };
            };
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    getStats: {
        parameters: {
            query?: {
                /**
                 * @description The tenant to act on. Defaults to the key's tenant (or `default` in loopback mode); only an
                 *     `admin` key may name another tenant.
                 * @example default
                 */
                tenant_id?: components["parameters"]["TenantId"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Counts and totals for the tenant. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Stats"];
                };
            };
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    getServerConfig: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The configuration. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServerConfig"];
                };
            };
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    listApiKeys: {
        parameters: {
            query?: {
                /**
                 * @description Only this tenant's keys (default every tenant's).
                 * @example acme
                 */
                tenant_id?: string;
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Items to skip. */
                offset?: components["parameters"]["Offset"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of keys. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyList"];
                };
            };
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKeyRequest"];
            };
        };
        responses: {
            /** @description The key, with its secret (shown this once). */
            201: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKey"];
                };
            };
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    revokeApiKey: {
        parameters: {
            query?: {
                /**
                 * @description The tenant the key must belong to; a key of another tenant is a 404.
                 * @example acme
                 */
                tenant_id?: string;
            };
            header?: never;
            path: {
                /**
                 * @description The key's id (not its secret).
                 * @example key_3k9d2m7x1p4q
                 */
                key_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The revoked key. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            400: components["responses"]["InvalidRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["KeyNotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Health"];
            503: components["responses"]["Unhealthy"];
        };
    };
    getV1Health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Health"];
            503: components["responses"]["Unhealthy"];
        };
    };
    getPrometheusMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Metrics. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
        };
    };
    receiveJobEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description Unique id of this message; the same across retries. */
                "webhook-id": string;
                /** @description Unix seconds when the message was signed. */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64>` signatures. */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookEvent"];
            };
        };
        responses: {
            /** @description Received; any 2xx stops the retries. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
