#!/usr/bin/env bash
# Reference 000's curl examples and polling idiom, run as written against a Distillery server.
# BASE defaults to the reference's http://localhost:8000; POLL_SECONDS to its 10. TEACHER, STUDENT
# and DATASET_ID replace the hosted teacher with a local one (and a student this machine can train).
set -euo pipefail
BASE=${BASE:-http://localhost:8000}
POLL_SECONDS=${POLL_SECONDS:-10}
TEACHER=${TEACHER:-openai/gpt-4o-mini}
STUDENT=${STUDENT:-llama-3.2-1b}
DATASET=${DATASET_ID:+, \"dataset_id\": \"$DATASET_ID\"}

# Create: returns at once with status "pending".
JOB=$(curl -s -X POST "$BASE/v1/distillation" \
  -H "Content-Type: application/json" \
  -d "{
    \"name\": \"demo\",
    \"config\": {
      \"teacher_model\": \"$TEACHER\",
      \"student_model\": \"$STUDENT\",
      \"num_prompts\": 50,
      \"training_steps\": 30$DATASET
    }
  }" | jq -r .id)
echo "created $JOB"

# Poll until the job ends.
while true; do
  state=$(curl -s "$BASE/v1/distillation/$JOB?tenant_id=default")
  status=$(echo "$state" | jq -r .status)
  echo "status=$status phase=$(echo "$state" | jq -r .phase)"
  { [ "$status" = "completed" ] || [ "$status" = "failed" ] || [ "$status" = "cancelled" ]; } && break
  sleep "$POLL_SECONDS"
done
echo "error: $(echo "$state" | jq -c .error)"

# List, artifacts, cancel.
curl -s "$BASE/v1/distillation?tenant_id=default&limit=20" | jq -c '{total, has_more, first: .jobs[0].id}'
curl -s "$BASE/v1/distillation/$JOB/artifacts" | jq -c '{gguf_paths, artifacts: (.artifacts | length)}'
curl -s -X POST "$BASE/v1/distillation/$JOB/cancel" | jq -c .error.code
