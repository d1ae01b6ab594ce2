import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { compileKernels, generatedPath } from '../scripts/kernels.ts';
import { kernelsWasm } from '../src/backends/cpu/wasm/generated/kernels.ts';

it('the committed WebAssembly module is what assembly/ compiles to', async () => {
  const committed = await readFile(generatedPath, 'utf8');
  expect(committed === (await compileKernels()), 'run `npm run kernels -w @distillery/engine`').toBe(true);
});

// Every thread instantiates the module over the one shared memory, and an active data segment would
// be written again at each instantiation, over whatever tensor the heap had put there (AssemblyScript
// emits one for the lookup tables of its Math.exp and Math.log unless --shrinkLevel ≥ 1).
it('the module has no data segment', () => {
  const bytes = Buffer.from(kernelsWasm, 'base64');
  const sections: number[] = [];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at++]!;
    let size = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = bytes[at++]!;
      size |= (byte & 0x7f) << shift;
      if (!(byte & 0x80)) break;
    }
    sections.push(id);
    at += size;
  }
  expect(sections).toContain(10);
  expect(sections).not.toContain(11);
});
