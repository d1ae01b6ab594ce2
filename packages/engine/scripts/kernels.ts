/**
 * Compiles the CPU backend's WebAssembly kernels (assembly/, AssemblyScript) into
 * src/backends/cpu/wasm/generated/kernels.ts, the module's bytes as base64, so that installing the
 * engine needs no compiler and the source tree runs without a build. With --check it writes nothing
 * and fails when the committed module differs from what the source compiles to (test/kernels.test.ts
 * runs that check in the test command).
 * Usage: npm run kernels -w @distillery/engine [-- --check]
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';

const engine = join(dirname(fileURLToPath(import.meta.url)), '..');
export const generatedPath = join(engine, 'src/backends/cpu/wasm/generated/kernels.ts');

/** The flags that make the module the backend expects: SIMD with fused multiply-add, shared memory. */
const flags = [
  '--optimizeLevel=3',
  '--shrinkLevel=1',
  '--runtime=stub',
  '--noAssert',
  '--enable=simd,relaxed-simd,threads',
  '--importMemory',
  '--sharedMemory',
  '--initialMemory=1',
  '--maximumMemory=65536',
];

export async function compileKernels(): Promise<string> {
  let wasm: Uint8Array | undefined;
  const errors: string[] = [];
  const { error } = await asc.main(
    [join(engine, 'assembly/index.ts'), '--outFile', 'kernels.wasm', ...flags],
    {
      writeFile(name, contents) {
        if (name.endsWith('.wasm') && typeof contents !== 'string') wasm = contents;
      },
      stderr: {
        write(chunk: string | Uint8Array) {
          errors.push(String(chunk));
          return true;
        },
      },
    },
  );
  if (error || !wasm) throw new Error(`kernels: asc failed\n${errors.join('')}${error?.message ?? ''}`);
  const base64 = Buffer.from(wasm).toString('base64');
  return (
    '// Generated from packages/engine/assembly by `npm run kernels -w @distillery/engine`. Do not edit.\n' +
    `export const kernelsWasm = '${base64}';\n`
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const expected = await compileKernels();
  const current = await readFile(generatedPath, 'utf8').catch(() => null);
  if (process.argv.includes('--check')) {
    if (current !== expected) {
      console.error(
        'kernels: src/backends/cpu/wasm/generated/kernels.ts is out of date; run `npm run kernels`',
      );
      process.exit(1);
    }
    console.log('kernels: the committed module matches assembly/');
  } else if (current !== expected) {
    await writeFile(generatedPath, expected);
    console.log('kernels: wrote src/backends/cpu/wasm/generated/kernels.ts');
  }
}
