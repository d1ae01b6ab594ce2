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
	BaseModelList             = generated.BaseModelList
	FineTuningStats           = generated.FineTuningStats

	Dataset            = generated.Dataset
	ListDatasetsParams = generated.ListDatasetsParams
	Model              = generated.Model
	WebhookEvent       = generated.WebhookEvent
)

// Ptr returns a pointer to v, for the optional fields of request types: TrainingSteps: distillery.Ptr(100).
func Ptr[T any](v T) *T { return &v }
