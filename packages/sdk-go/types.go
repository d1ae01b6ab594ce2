package distillery

import "github.com/distillery-dev/distillery/packages/sdk-go/generated"

// The generated request and response types, under the names the SDK's methods use. The generated
// package holds every other type of the spec.
type (
	DistillationJob    = generated.DistillationJob
	DistillationConfig = generated.DistillationConfig
	CreateJobParams    = generated.CreateDistillationJobRequest
	ListJobsParams     = generated.ListDistillationJobsParams
	JobStatus          = generated.JobStatus
	JobPhase           = generated.JobPhase
	JobProgress        = generated.JobProgress
	JobResults         = generated.JobResults
	JobError           = generated.JobError
	JobLogs            = generated.JobLogs
	JobMetrics         = generated.JobMetrics
	JobArtifacts       = generated.JobArtifacts
	Artifact           = generated.Artifact
	ArtifactFormat     = generated.ArtifactFormat
	Estimate           = generated.Estimate

	FineTuningJob             = generated.FineTuningJob
	CreateFineTuningJobParams = generated.CreateFineTuningJobRequest
	ListFineTuningJobsParams  = generated.ListFineTuningJobsParams
	FineTuningHyperparameters = generated.FineTuningHyperparameters
	BaseModel                 = generated.BaseModel
	BaseModelList             = generated.BaseModelList
	FineTuningStats           = generated.FineTuningStats

	Dataset            = generated.Dataset
	ListDatasetsParams = generated.ListDatasetsParams
	Model              = generated.Model
	WebhookEvent       = generated.WebhookEvent
	Hardware           = generated.Hardware
	Stats              = generated.Stats
	ServerConfig       = generated.ServerConfig
	Health             = generated.Health

	ChatCompletionParams         = generated.ChatCompletionRequest
	ChatCompletion               = generated.ChatCompletion
	ChatCompletionChunk          = generated.ChatCompletionChunk
	ChatMessage                  = generated.ChatMessage
	ChatMessageRole              = generated.ChatMessageRole
	CompletionParams             = generated.CompletionRequest
	Completion                   = generated.Completion
	CompletionChoice             = generated.CompletionChoice
	CompletionPrompt             = generated.CompletionPrompt
	CompletionBatchParams        = generated.CompletionBatchRequest
	CompletionBatch              = generated.CompletionBatch
	EmbeddingParams              = generated.EmbeddingRequest
	EmbeddingList                = generated.EmbeddingList
	EmbeddingList_Data_Embedding = generated.EmbeddingList_Data_Embedding
	StopSequences                = generated.StopSequences
	StreamOptions                = generated.StreamOptions
	Usage                        = generated.Usage
	FinishReason                 = generated.FinishReason
	DecodeStats                  = generated.DecodeStats
	RecentRequest                = generated.RecentRequest
	RecentRequestList            = generated.RecentRequestList
	ListRecentRequestsParams     = generated.ListRecentRequestsParams
)

// Ptr returns a pointer to v, for the optional fields of request types: TrainingSteps: distillery.Ptr(100).
func Ptr[T any](v T) *T { return &v }

// QuantizationType is a GGUF tensor type, for DistillationConfig.QuantizationTypes.
type QuantizationType = generated.QuantizationType

// The GGUF tensor types a job can export (DistillationConfig.QuantizationTypes).
const (
	QuantizationF32  = generated.F32
	QuantizationF16  = generated.F16
	QuantizationQ80  = generated.Q80
	QuantizationQ40  = generated.Q40
	QuantizationQ4KM = generated.Q4KM
)

// The artifact formats of a distillation job (client.Artifacts.Download); a GGUF format is there only when
// its type was among the job's QuantizationTypes.
const (
	ArtifactFormatSafetensors = generated.ArtifactFormatSafetensors
	ArtifactFormatConfig      = generated.ArtifactFormatConfig
	ArtifactFormatTokenizer   = generated.ArtifactFormatTokenizer
	ArtifactFormatGgufF32     = generated.ArtifactFormatGgufF32
	ArtifactFormatGgufF16     = generated.ArtifactFormatGgufF16
	ArtifactFormatGgufQ80     = generated.ArtifactFormatGgufQ80
	ArtifactFormatGgufQ40     = generated.ArtifactFormatGgufQ40
	ArtifactFormatGgufQ4KM    = generated.ArtifactFormatGgufQ4KM
)

// The roles of a chat turn (ChatMessage.Role; see Message).
const (
	ChatMessageRoleSystem    = generated.ChatMessageRoleSystem
	ChatMessageRoleDeveloper = generated.ChatMessageRoleDeveloper
	ChatMessageRoleUser      = generated.ChatMessageRoleUser
	ChatMessageRoleAssistant = generated.ChatMessageRoleAssistant
)

// Why a choice ended: FinishReasonStop (the model's end token or a stop string) or
// FinishReasonLength (the token limit or the context).
const (
	FinishReasonStop   = generated.Stop
	FinishReasonLength = generated.Length
)
