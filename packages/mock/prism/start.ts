/**
 * Starts Prism's mock of the spec on a free port (or PORT) and prints its URL; Ctrl-C stops it.
 * Run with `npm run prism -w @distillery/mock`; add `-- proxy <upstream-url>` for the validating proxy.
 */
import { startPrismMock, startPrismProxy } from './prism.ts';

const [mode = 'mock', upstream] = process.argv.slice(2);
const port = process.env.PORT ? Number(process.env.PORT) : undefined;
const options = port === undefined ? {} : { port };
if (mode === 'proxy' && !upstream) throw new Error('usage: start.ts proxy <upstream-url>');
const prism = mode === 'proxy' ? await startPrismProxy(upstream!, options) : await startPrismMock(options);
console.log(`Prism ${mode} listening on ${prism.url}`);
const stop = () => {
  prism.stop().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
