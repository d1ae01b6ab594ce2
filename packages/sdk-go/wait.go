package distillery

import (
	"context"
	"encoding/json"
	"errors"
	"time"
)

const defaultPollInterval = 5 * time.Second

// WaitOptions tunes WaitForCompletion; every field is optional.
type WaitOptions[J any] struct {
	// PollInterval is the pause between two reads of the job (Get) while waiting; zero or less
	// means the default of 5 s. Reference 001's pollInterval of 60 000 ms is time.Minute here.
	PollInterval time.Duration
	// Timeout gives up with a *WaitTimeoutError; zero waits as long as ctx allows.
	Timeout time.Duration
	// OnProgress gets the job whenever its status, phase or progress changed, starting with its current state.
	OnProgress func(job *J)
}

// jobState is what waiting needs to know of either job kind.
type jobState struct {
	id, status, phase string
	progress          any
	err               *JobError
}

func (s jobState) fingerprint() string {
	progress, _ := json.Marshal(s.progress)
	return s.status + "|" + s.phase + "|" + string(progress)
}

// waitFor polls get until the job is terminal. It returns the job once "completed", a
// *JobFailedError or *JobCancelledError for the other ends, a *WaitTimeoutError after
// opts.Timeout, and ctx's error when ctx ends first.
func waitFor[J any](ctx context.Context, get func(context.Context) (*J, error), state func(*J) jobState, opts WaitOptions[J]) (*J, error) {
	interval := opts.PollInterval
	if interval <= 0 {
		interval = defaultPollInterval
	}
	var deadline context.Context = ctx
	if opts.Timeout > 0 {
		var cancel context.CancelFunc
		deadline, cancel = context.WithTimeoutCause(ctx, opts.Timeout, errWaitTimeout)
		defer cancel()
	}
	var last *J
	reported := ""
	for {
		job, err := get(deadline)
		if err == nil {
			last = job
			s := state(job)
			if fp := s.fingerprint(); fp != reported && opts.OnProgress != nil {
				opts.OnProgress(job)
				reported = fp
			}
			switch s.status {
			case "completed":
				return job, nil
			case "failed":
				failed := &JobFailedError{JobID: s.id, Phase: s.phase}
				if s.err != nil {
					failed.Code, failed.Message = s.err.Code, s.err.Message
					if s.err.Phase != nil {
						failed.Phase = string(*s.err.Phase)
					}
				}
				return job, failed
			case "cancelled":
				return job, &JobCancelledError{JobID: s.id, Phase: s.phase}
			}
			err = sleepContext(deadline, interval)
		}
		if err != nil {
			// Our own deadline, not the caller's context, is a timeout; anything else goes back as it is.
			if errors.Is(context.Cause(deadline), errWaitTimeout) && ctx.Err() == nil && last != nil {
				s := state(last)
				return last, &WaitTimeoutError{JobID: s.id, Status: s.status, Phase: s.phase, Timeout: opts.Timeout}
			}
			return last, err
		}
	}
}

var errWaitTimeout = errors.New("distillery: wait timed out")
