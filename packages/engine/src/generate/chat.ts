import { Template } from '@huggingface/jinja';
import type { HfTokenizer } from '../tokenizer/hf/index.ts';
import { PretrainedTokenizer } from '../tokenizer/pretrained-tokenizer.ts';
import type { Tokenizer } from '../tokenizer/tokenizer.ts';

export interface ChatMessage {
  role: string;
  content: string;
}

/** Parsed templates by tokenizer: a server renders the same one for every request. */
const templates = new WeakMap<HfTokenizer, Template>();

/**
 * Chat messages to prompt token ids.
 *
 * A tokenizer with a `chat_template` (tokenizer_config.json) renders it with @huggingface/jinja as
 * transformers' `apply_chat_template(messages, add_generation_prompt=True)` does: trim_blocks and
 * lstrip_blocks, the special tokens (`bos_token`, `eos_token`, `unk_token`, `pad_token`) as
 * variables, and the text encoded with the special tokens it writes read as such and none added.
 *
 * Any other tokenizer (the engine's own, trained by Distillery, or a pretrained one without a
 * template) gets the default, the layout the engine fine-tunes on: `bos prompt sep`, where the
 * prompt is the conversation as a chat row of a dataset becomes one for training: a user turn's
 * content as it is, any other turn as `role: content`, one turn per line. A model fine-tuned here
 * on `{messages}` rows thus reads at serving time exactly what it was trained to answer.
 */
export function chatPrompt(tokenizer: Tokenizer, messages: ChatMessage[]): number[] {
  const hf = tokenizer instanceof PretrainedTokenizer ? tokenizer.hf : null;
  if (!hf?.chatTemplate) {
    const prompt = messages
      .map((m) => (m.role === 'user' ? m.content : `${m.role}: ${m.content}`))
      .join('\n');
    return [tokenizer.bos, ...tokenizer.encode(prompt, false), tokenizer.sep];
  }
  let template = templates.get(hf);
  if (!template) {
    template = new Template(hf.chatTemplate);
    templates.set(hf, template);
  }
  // transformers passes the special tokens the tokenizer has; one it lacks is not a variable at all.
  const special: Record<string, string> = {};
  for (const [name, id] of [
    ['bos_token', hf.bosId],
    ['eos_token', hf.eosId],
    ['unk_token', hf.unkId],
    ['pad_token', hf.padId],
  ] as const) {
    const token = id === undefined ? undefined : hf.idToToken(id);
    if (token !== undefined) special[name] = token;
  }
  const text = template.render({ messages, add_generation_prompt: true, ...special });
  return tokenizer.encode(text, true);
}
