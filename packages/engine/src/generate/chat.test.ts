import { describe, expect, it } from 'vitest';
import { fixture } from '../tokenizer/hf/__fixtures__/tokenizers.ts';
import { HfTokenizer } from '../tokenizer/hf/index.ts';
import { PretrainedTokenizer } from '../tokenizer/pretrained-tokenizer.ts';
import { testTokenizer } from './__fixtures__/model.ts';
import { chatPrompt } from './chat.ts';

const smollm = new PretrainedTokenizer(
  HfTokenizer.fromJSON(fixture('smollm'), fixture('smollm', 'tokenizer_config.json')),
);

describe('chatPrompt', () => {
  it('renders a ChatML chat_template as transformers does, with the generation prompt', () => {
    const ids = chatPrompt(smollm, [{ role: 'user', content: 'Is this mail spam?' }]);
    // SmolLM's template adds its default system turn when the conversation has none.
    const expected =
      '<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n' +
      '<|im_start|>user\nIs this mail spam?<|im_end|>\n' +
      '<|im_start|>assistant\n';
    expect(smollm.decode(ids, true)).toBe(expected);
    expect(ids).toEqual(smollm.encode(expected, true));
    // The role markers are the special tokens themselves, not their text spelled out.
    expect(ids[0]).toBe(smollm.hf.tokenToId('<|im_start|>'));
    expect(ids.filter((id) => id === smollm.hf.tokenToId('<|im_end|>'))).toHaveLength(2);

    const withSystem = chatPrompt(smollm, [
      { role: 'system', content: 'Answer ham or spam.' },
      { role: 'user', content: 'Win money now' },
      { role: 'assistant', content: 'spam' },
      { role: 'user', content: 'Meeting at 3' },
    ]);
    expect(smollm.decode(withSystem, true)).toBe(
      '<|im_start|>system\nAnswer ham or spam.<|im_end|>\n' +
        '<|im_start|>user\nWin money now<|im_end|>\n' +
        '<|im_start|>assistant\nspam<|im_end|>\n' +
        '<|im_start|>user\nMeeting at 3<|im_end|>\n' +
        '<|im_start|>assistant\n',
    );
  });

  it('passes bos_token and eos_token, and trims blocks as transformers’ Jinja environment does', () => {
    const template =
      '{{ bos_token }}{% for m in messages %}\n  {{ m.role }}: {{ m.content }}{{ eos_token }}\n{% endfor %}\n' +
      '{% if add_generation_prompt %}\nassistant:{% endif %}';
    const tok = new PretrainedTokenizer(
      HfTokenizer.fromJSON(fixture('smollm'), {
        ...fixture('smollm', 'tokenizer_config.json'),
        chat_template: template,
      }),
    );
    const ids = chatPrompt(tok, [
      { role: 'user', content: 'a' },
      { role: 'assistant', content: 'b' },
    ]);
    expect(tok.decode(ids, true)).toBe(
      '<|im_start|>  user: a<|im_end|>\n  assistant: b<|im_end|>\nassistant:',
    );
  });

  it('lays out a conversation for a tokenizer without a template as the engine trains: bos prompt sep', () => {
    const tok = testTokenizer();
    const ids = chatPrompt(tok, [
      { role: 'system', content: 'be brief' },
      { role: 'user', content: 'the quick fox' },
      { role: 'assistant', content: 'jumps' },
      { role: 'user', content: 'over the dog' },
    ]);
    expect(ids).toEqual([
      tok.bos,
      ...tok.encode('system: be brief\nthe quick fox\nassistant: jumps\nover the dog', false),
      tok.sep,
    ]);
    // A special token's text in a message stays text.
    expect(chatPrompt(tok, [{ role: 'user', content: '<|eos|>' }])).toEqual([
      tok.bos,
      ...tok.encode('<|eos|>', false),
      tok.sep,
    ]);
    expect(tok.encode('<|eos|>', false)).not.toContain(tok.eos);
  });
});
