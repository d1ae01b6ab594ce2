/**
 * A second consumer: asks a served model whether a mail subject is spam, streaming its answer and
 * leaving as soon as the answer is clear (which closes the stream, so the server stops decoding).
 * A server that fails mid-answer (overloaded, timed out) makes the verdict `unsure`, not an error.
 */
import { APIError, type Distillery } from '@distillery/sdk';

export interface Verdict {
  label: 'spam' | 'ham' | 'unsure';
  /** What the model said before the verdict was clear. */
  heard: string;
  /** Why the verdict is `unsure` when the server failed mid-answer (its error code). */
  failure?: string;
}

export async function triage(client: Distillery, model: string, subject: string): Promise<Verdict> {
  const stream = await client.chat.completions.create({
    model,
    messages: [{ role: 'user', content: `Subject: ${subject}` }],
    max_tokens: 4,
    temperature: 0,
    stream: true,
  });
  let heard = '';
  try {
    for await (const chunk of stream) {
      heard += chunk.choices[0]?.delta.content ?? '';
      const label = /\b(spam|ham)\b/i.exec(heard)?.[1]?.toLowerCase();
      if (label === 'spam' || label === 'ham') return { label, heard }; // leaving the loop closes the stream
    }
  } catch (error) {
    if (error instanceof APIError && error.status >= 500)
      return { label: 'unsure', heard, failure: error.code };
    throw error;
  }
  return { label: 'unsure', heard };
}
