/** A thin HTTP client for the CLI's remote commands; errors print the API's envelope message. */
export class ApiClient {
  readonly url: string;
  private readonly key: string | undefined;

  constructor(values: Record<string, unknown>) {
    this.url = String(values.url ?? process.env.DISTILLERY_URL ?? 'http://127.0.0.1:8000').replace(
      /\/+$/,
      '',
    );
    this.key = (values['api-key'] as string | undefined) ?? process.env.DISTILLERY_API_KEY;
  }

  async request<T>(
    method: string,
    path: string,
    body?: { json?: unknown; raw?: string; type?: string },
  ): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.key) headers.authorization = `Bearer ${this.key}`;
    let payload: string | undefined;
    if (body?.json !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body?.raw !== undefined) {
      headers['content-type'] = body.type ?? 'application/octet-stream';
      payload = body.raw;
    }
    let res: Response;
    try {
      res = await fetch(`${this.url}${path}`, { method, headers, body: payload });
    } catch (err) {
      throw new Error(`cannot reach ${this.url}: ${(err as Error).cause ?? (err as Error).message}`);
    }
    const text = await res.text();
    const data = text ? JSON.parse(text) : undefined;
    if (!res.ok) {
      const e = (data as { error?: { code: string; message: string; param?: string } })?.error;
      throw new Error(e ? `${res.status} ${e.code}: ${e.message}` : `${res.status} ${res.statusText}`);
    }
    return data as T;
  }
}
