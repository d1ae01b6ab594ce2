/**
 * Serving latency and throughput of the Distillery server beside llama.cpp's llama-server, the peer
 * a user would run instead, measured in one run on this machine on the very same weights: a model of
 * the preset's shape (initialised, not trained: speed does not depend on what the weights say) is
 * exported by the engine as a Hugging Face folder and an f32 GGUF; the Distillery server (a child
 * process on this checkout's source) imports the folder through its own API (POST /v1/models), and
 * llama-server (`--parallel 16`, built by scripts/llama-server.sh from the llama.cpp sources the
 * llama-cpp-python sdist vendors) loads the GGUF. One load generator (scripts/bench-load.ts) sends
 * rounds of N simultaneous streaming `POST /v1/completions` to each, alternating between the two
 * servers round by round, and reports time to first token, inter-token latency (p50/p95 of the gaps
 * between streamed chunks) and aggregate tokens/s at 1, 4 and 16 streams (the median round's, and all
 * rounds' tokens over their summed wall time). The token counts are the
 * servers' own (usage, or llama-server's timings), never assumed. Not part of the test suite.
 *
 * Usage: npm run bench -w @distillery/server [-- --threads N] [-- --preset NAME] [-- --tokens N]
 *   --threads N       threads for both servers' decoding (default: every core)
 *   --preset NAME     the model's shape (default distillery-mini)
 *   --tokens N        tokens generated per request (default 64)
 *   --rounds N        measured rounds per concurrency and server, after one warm-up round (default 5)
 *   --concurrency L   comma-separated stream counts (default 1,4,16)
 *   --skip-llama      Distillery only (llama-server's figures print as skipped)
 *   --llama-server P  the llama-server binary (default: scripts/llama-server.sh builds or finds it)
 * The engine and SDK are used built (npm run build -w @distillery/engine -w @distillery/sdk).
 * The load generator shares the machine with both servers. On cores that other work also keeps busy,
 * llama-server on every core stalls erratically (its threads meet at a barrier after every operation,
 * and one preempted thread holds up the rest): the header prints the load average; compare runs with
 * --threads below the core count there.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  BpeTokenizer,
  CpuBackend,
  exportModel,
  LlamaModel,
  loadSpamAssassin,
  MODEL_PRESETS,
  type PresetName,
  Rng,
} from '@distillery/engine';
import { Distillery } from '@distillery/sdk';
import { type LevelStats, round, type StreamRecord, streamCompletion, summarize } from './bench-load.ts';

const here = import.meta.dirname;
const CLI = join(here, '..', 'src', 'cli.ts');
const BUILD_LLAMA = join(here, 'llama-server.sh');

const { values: flags } = parseArgs({
  options: {
    threads: { type: 'string' },
    preset: { type: 'string', default: 'distillery-mini' },
    tokens: { type: 'string', default: '64' },
    rounds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '1,4,16' },
    'skip-llama': { type: 'boolean', default: false },
    'llama-server': { type: 'string' },
  },
});
function whole(name: string, raw: string | undefined, min: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    console.error(`bench: --${name} takes a whole number, at least ${min} (got ${raw})`);
    process.exit(2);
  }
  return n;
}
const threads = whole('threads', flags.threads ?? String(availableParallelism()), 1);
const tokens = whole('tokens', flags.tokens, 1);
const rounds = whole('rounds', flags.rounds, 1);
const levels = flags.concurrency.split(',').map((c) => whole('concurrency', c.trim(), 1));
const preset = flags.preset as PresetName;
if (!(preset in MODEL_PRESETS)) {
  console.error(`bench: --preset is one of ${Object.keys(MODEL_PRESETS).join(', ')} (got ${preset})`);
  process.exit(2);
}
const slots = Math.max(16, ...levels);
const config = MODEL_PRESETS[preset];
/** Each stream's context: the model's own; llama-server gets `slots` of them. */
const perStreamContext = config.maxSeqLen;
const PROMPT =
  'Subject: your account statement is ready\n\nDear customer, your monthly statement is now available. ' +
  'Please sign in to review recent activity and';
/** Our server has no ignore_eos: a stop sequence no output can contain keeps it going to max_tokens. */
const NEVER_STOP = '<|distillery-bench: never generated|>';

const log = (m: string) => console.error(`bench: ${m}`);
const children: ChildProcess[] = [];
let work: string | undefined;
async function cleanUp() {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  await Promise.all(
    children.map((c) =>
      c.exitCode !== null || c.signalCode !== null
        ? null
        : new Promise((resolve) => {
            const timer = setTimeout(() => c.kill('SIGKILL'), 10_000);
            c.once('exit', () => resolve(clearTimeout(timer)));
          }),
    ),
  );
  if (work) await rm(work, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void cleanUp().then(() => process.exit(130)));

/** A free loopback port for llama-server. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Spawns a server, keeping its output for the error that reports a failed start. */
function spawnServer(command: string, args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
  return { child, output: () => output };
}

function untilExit(child: ChildProcess, output: () => string): Promise<never> {
  return new Promise((_, reject) =>
    child.once('exit', (code, signal) =>
      reject(new Error(`exited (${code ?? signal}) before it served:\n${output().slice(-3000)}`)),
    ),
  );
}

/** `distillery serve` on this checkout's source, API only, unthrottled, on a fresh data directory. */
async function startDistillery(dataDir: string): Promise<string> {
  const env = {
    ...process.env,
    LOG_LEVEL: 'info',
    DISTILLERY_RATE_LIMIT: '100000000',
    // The serving thread's kernels on as many threads as llama-server's, with as many slots and as
    // much context per slot.
    DISTILLERY_SERVING_THREADS: String(threads),
    DISTILLERY_SERVING_MAX_BATCH: String(slots),
    DISTILLERY_SERVING_MAX_CONTEXT: String(perStreamContext),
  };
  const { child, output } = spawnServer(
    process.execPath,
    [CLI, 'serve', '--port', '0', '--no-worker', '--data-dir', dataDir],
    env,
  );
  const listening = new Promise<string>((resolve) => {
    const look = () => {
      const m = output().match(/"url":"(http:\/\/[^"]+)".*"msg":"listening"/);
      if (m?.[1]) resolve(m[1]);
    };
    child.stdout?.on('data', look);
    child.stderr?.on('data', look);
  });
  return Promise.race([listening, untilExit(child, output)]);
}

/** llama-server on the GGUF with `slots` parallel sequences of the model's context, on `threads`. */
async function startLlama(binary: string, gguf: string): Promise<string> {
  const port = await freePort();
  const args = [
    ...['-m', gguf, '--host', '127.0.0.1', '--port', String(port)],
    ...['--parallel', String(slots), '-c', String(slots * perStreamContext)],
    ...['-t', String(threads), '-tb', String(threads)],
  ];
  const { child, output } = spawnServer(binary, args, process.env);
  const url = `http://127.0.0.1:${port}`;
  const healthy = (async () => {
    for (;;) {
      const ok = await fetch(`${url}/health`)
        .then((r) => r.status === 200)
        .catch(() => false);
      if (ok) return url;
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  return Promise.race([healthy, untilExit(child, output)]);
}

/** The llama-server binary, or why there is none. */
function llamaBinary(): { path: string } | { skipped: string } {
  if (flags['skip-llama']) return { skipped: '--skip-llama' };
  const given = flags['llama-server'] ?? process.env.LLAMA_SERVER;
  if (given) return existsSync(given) ? { path: given } : { skipped: `no llama-server at ${given}` };
  log(`finding or building llama-server with ${BUILD_LLAMA} (a first build takes a while)`);
  const built = spawnSync('bash', [BUILD_LLAMA], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const path = built.stdout?.trim().split('\n').pop();
  if (built.status !== 0 || !path || !existsSync(path))
    return { skipped: `${BUILD_LLAMA} failed (${built.error?.message ?? `exit ${built.status}`})` };
  return { path };
}

/** `llama-server --version`: llama.cpp's build number and commit. */
function llamaVersion(binary: string): string {
  const v = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  const line = `${v.stdout}\n${v.stderr}`.split('\n').find((l) => l.startsWith('version:'));
  return line?.replace('version:', '').trim() ?? 'unknown';
}

const stale = (() => {
  const dist = join(here, '..', '..', '..', 'packages', 'engine', 'dist', 'index.js');
  const src = join(here, '..', '..', '..', 'packages', 'engine', 'src');
  if (!existsSync(dist)) return 'packages/engine has no dist: npm run build -w @distillery/engine';
  const newest = spawnSync('find', [src, '-name', '*.ts', '-newer', dist], {
    encoding: 'utf8',
  }).stdout.trim();
  return newest ? 'packages/engine/src is newer than its dist: the server runs the built engine' : null;
})();
if (stale) log(`warning: ${stale}`);

try {
  work = await mkdtemp(join(tmpdir(), 'distillery-serve-bench-'));
  // The model: the preset's shape with a BPE vocabulary trained on SpamAssassin mail, initialised.
  log(`making a ${preset} model (BPE vocabulary ${config.vocabSize} trained on SpamAssassin mail)`);
  const mail = loadSpamAssassin({ limit: { labelled: 300, unlabelled: 0, test: 0 } }).labelled;
  const tokenizer = BpeTokenizer.train(
    mail.map((row) => row.prompt),
    { vocabSize: config.vocabSize },
  );
  // One more for a BOS token a server may add.
  const promptLength = tokenizer.encode(PROMPT).length + 1;
  if (promptLength + tokens > perStreamContext)
    throw new Error(
      `--tokens ${tokens} and the ${promptLength}-token prompt exceed ${preset}'s context of ${perStreamContext}`,
    );
  const backend = new CpuBackend();
  const model = new LlamaModel(backend, { ...config, vocabSize: tokenizer.vocabSize });
  model.initialize(new Rng(0));
  const parameters = model.numParameters;
  const hfDir = join(work, 'hf');
  const [gguf] = await exportModel(model, tokenizer, {
    dir: join(work, 'gguf'),
    formats: ['gguf'],
    quantizationTypes: ['f32'],
  });
  await exportModel(model, tokenizer, { dir: hfDir, formats: ['safetensors'] });
  model.destroy();
  backend.destroy();

  const llama = llamaBinary();
  log('starting the Distillery server');
  const oursUrl = await startDistillery(join(work, 'data'));
  const imported = await new Distillery({ baseUrl: oursUrl }).models.import({
    path: hfDir,
    name: `bench-${preset}`,
  });
  log(`imported the checkpoint as ${imported.id}`);
  let theirsUrl: string | null = null;
  let llamaSkipped: string | null = 'skipped' in llama ? llama.skipped : null;
  if ('path' in llama) {
    log(`starting ${llama.path}`);
    theirsUrl = await startLlama(llama.path, gguf!.path).catch((err: Error) => {
      llamaSkipped = `llama-server did not start: ${err.message}`;
      return null;
    });
  }

  const common = {
    prompt: PROMPT,
    max_tokens: tokens,
    temperature: 0,
    stream_options: { include_usage: true },
  };
  const servers = [
    {
      name: 'distillery',
      send: () => streamCompletion(oursUrl, { ...common, model: imported.id, stop: [NEVER_STOP] }),
    },
    ...(theirsUrl
      ? [
          {
            name: 'llama-server',
            // cache_prompt off: every request prefills its prompt, as ours does.
            send: () =>
              streamCompletion(theirsUrl!, {
                ...common,
                model: 'bench',
                ignore_eos: true,
                cache_prompt: false,
              }),
          },
        ]
      : []),
  ];

  const results: { streams: number; server: string; stats: LevelStats }[] = [];
  for (const n of levels) {
    const measured = new Map<string, StreamRecord[][]>(servers.map((s) => [s.name, []]));
    for (const s of servers) await round(n, s.send);
    // Round by round, alternating, so that whatever else loads the machine weighs on both alike.
    for (let r = 0; r < rounds; r++)
      for (const s of servers) measured.get(s.name)!.push(await round(n, s.send));
    for (const s of servers) {
      const stats = summarize(measured.get(s.name)!);
      results.push({ streams: n, server: s.name, stats });
      log(`${n} stream(s), ${s.name}: ${stats.tokensPerSecond.toFixed(0)} tokens/s`);
    }
  }

  const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '—');
  const llamaCpp = theirsUrl && 'path' in llama ? llamaVersion(llama.path) : null;
  console.log(
    `\nstreaming POST /v1/completions, ${preset} (${parameters} parameters, vocabulary ${tokenizer.vocabSize}, f32), ` +
      `${tokens} tokens per request, temperature 0, ${threads} thread(s) each, ${rounds} round(s) per level after a warm-up; ` +
      `${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)}), Node ${process.version}`,
  );
  console.log(
    llamaCpp
      ? `llama-server ${llamaCpp} (llama-cpp-python sdist), --parallel ${slots} -c ${slots * perStreamContext} -t ${threads} -tb ${threads}, f32 GGUF`
      : `llama-server skipped: ${llamaSkipped}`,
  );
  console.table(
    results.map(({ streams, server, stats }) => {
      const peer = results.find((r) => r.streams === streams && r.server === 'llama-server')?.stats;
      return {
        streams,
        server,
        prompt: stats.promptTokens ?? 'varies',
        generated: stats.tokensPerRequest ?? 'varies',
        ttft_p50_ms: ms(stats.ttftP50),
        ttft_p95_ms: ms(stats.ttftP95),
        itl_p50_ms: ms(stats.itlP50),
        itl_p95_ms: ms(stats.itlP95),
        chunks_per_tok: stats.chunksPerToken.toFixed(2),
        tok_s_median: stats.tokensPerSecond.toFixed(0),
        tok_s_all: stats.tokensPerSecondOverall.toFixed(0),
        vs_llama:
          server === 'distillery' && peer
            ? `${(stats.tokensPerSecond / peer.tokensPerSecond).toFixed(2)}×`
            : '',
      };
    }),
  );
  const at16 = (name: string) => results.find((r) => r.streams === 16 && r.server === name)?.stats;
  const [ours16, theirs16] = [at16('distillery'), at16('llama-server')];
  if (ours16 && theirs16) {
    const ratio = ours16.tokensPerSecond / theirs16.tokensPerSecond;
    console.log(
      `aggregate tokens/s at 16 streams (median round): distillery ${ours16.tokensPerSecond.toFixed(0)}, ` +
        `llama-server ${theirs16.tokensPerSecond.toFixed(0)}: ${ratio.toFixed(2)}× (goal ≥ 0.5×: ${ratio >= 0.5 ? 'met' : 'not met'})`,
    );
  }
} catch (err) {
  console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
