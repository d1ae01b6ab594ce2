/**
 * The stateful mock over real HTTP, for clients MSW cannot intercept: the Python and Go SDKs, a
 * browser on another origin, or Prism's validating proxy in front of it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { getResponse } from 'msw';
import { createMock, type DistilleryMock } from './mock';
import type { MockOptions } from './options';

export interface MockHttpServer {
  /** `http://127.0.0.1:<port>`, the base URL to give a client. */
  readonly url: string;
  readonly mock: DistilleryMock;
  close(): Promise<void>;
}

export interface MockHttpServerOptions extends Omit<MockOptions, 'baseUrl'> {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  host?: string;
}

export async function startMockHttpServer(options: MockHttpServerOptions = {}): Promise<MockHttpServer> {
  const { port = 0, host = '127.0.0.1', ...mockOptions } = options;
  // The base URL is only known once listening, so the mock is created after `listen`.
  let mock: DistilleryMock | undefined;
  let url = '';
  const server = createServer((req, res) => {
    serve(mock!, url, req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  url = `http://${host}:${(server.address() as AddressInfo).port}`;
  mock = createMock({ ...mockOptions, baseUrl: url });
  return {
    url,
    mock,
    close: () =>
      new Promise<void>((resolve, reject) => {
        mock?.reset();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function serve(mock: DistilleryMock, base: string, req: IncomingMessage, res: ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD' && chunks.length > 0;
  // The URL is rebuilt on our own origin: behind a proxy the Host header names the proxy.
  const request = new Request(`${base}${req.url}`, {
    method: req.method ?? 'GET',
    headers,
    ...(hasBody ? { body: Buffer.concat(chunks) } : {}),
  });
  const response = await getResponse(mock.handlers, request);
  if (!response) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end(`No operation ${req.method} ${req.url}`);
    return;
  }
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) {
    res.end();
    return;
  }
  const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
  // A client that hangs up on an event stream must stop the stream, not crash the server.
  res.on('close', () => body.destroy());
  body.pipe(res);
}
