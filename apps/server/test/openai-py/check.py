"""The official openai client, unchanged, against a Distillery server (run by test/serving.test.ts).

Reads BASE_URL (the server's /v1), API_KEY, LIMITED_KEY (a key to exhaust the rate limit with) and
MODEL from the environment; prints one JSON line of what it saw.
"""

import json
import math
import os

import openai
from openai import OpenAI

base_url = os.environ["BASE_URL"]
model = os.environ["MODEL"]
client = OpenAI(base_url=base_url, api_key=os.environ["API_KEY"], max_retries=0)
seen = {"openai_version": openai.__version__}

seen["models"] = [m.id for m in client.models.list().data]

chat = client.chat.completions.create(
    model=model,
    messages=[{"role": "user", "content": "Is this mail spam?"}],
    max_tokens=6,
    temperature=0,
)
seen["chat"] = {
    "object": chat.object,
    "content": chat.choices[0].message.content,
    "role": chat.choices[0].message.role,
    "finish_reason": chat.choices[0].finish_reason,
    "usage": chat.usage.model_dump(),
}

chunks = list(
    client.chat.completions.create(
        model=model,
        messages=[{"role": "user", "content": "Is this mail spam?"}],
        max_tokens=6,
        temperature=0,
        stream=True,
        stream_options={"include_usage": True},
    )
)
seen["stream"] = {
    "content": "".join(c.choices[0].delta.content or "" for c in chunks if c.choices),
    "finish_reasons": [c.choices[0].finish_reason for c in chunks if c.choices and c.choices[0].finish_reason],
    "last_choices": len(chunks[-1].choices),
    "last_usage": chunks[-1].usage.model_dump() if chunks[-1].usage else None,
    "usage_before_last": [c.usage is not None for c in chunks[:-1]],
}

completion = client.completions.create(model=model, prompt="The quick brown fox", max_tokens=5, temperature=0)
seen["completion"] = {
    "object": completion.object,
    "text_is_str": isinstance(completion.choices[0].text, str),
    "completion_tokens": completion.usage.completion_tokens,
}

# The client asks for base64 and decodes it.
embeddings = client.embeddings.create(model=model, input=["Cheap meds online", "Meeting notes"])
vectors = [e.embedding for e in embeddings.data]
seen["embeddings"] = {
    "count": len(vectors),
    "dims": [len(v) for v in vectors],
    "finite": all(math.isfinite(x) for v in vectors for x in v),
    "differ": vectors[0] != vectors[1],
}


def error_of(call):
    try:
        call()
    except openai.APIStatusError as err:
        return {
            "class": type(err).__name__,
            "status": err.status_code,
            "code": err.code,
            "type": err.type,
            "param": err.param,
        }
    return None


seen["not_found"] = error_of(
    lambda: client.chat.completions.create(model="local/mdl_nothere", messages=[{"role": "user", "content": "hi"}])
)
seen["bad_request"] = error_of(
    lambda: client.chat.completions.create(model=model, messages=[{"role": "user", "content": "hi"}], n=200)
)
bad_key = OpenAI(base_url=base_url, api_key="dk_live_" + "x" * 32, max_retries=0)
seen["authentication"] = error_of(lambda: bad_key.models.list())

limited = OpenAI(base_url=base_url, api_key=os.environ["LIMITED_KEY"], max_retries=0)
seen["rate_limited"] = None
for _ in range(200):
    seen["rate_limited"] = error_of(lambda: limited.models.list())
    if seen["rate_limited"]:
        break

print(json.dumps(seen))
