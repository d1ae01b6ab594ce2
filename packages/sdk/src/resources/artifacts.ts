import { DistilleryError } from '../core/errors.js';
import type { RequestOptions } from '../core/options.js';
import { PagePromise, singlePageData } from '../core/pagination.js';
import { type Transport, unwrap } from '../core/transport.js';
import {
  type ArtifactDownload,
  artifactDownload,
  type DownloadedArtifact,
  saveVerified,
} from '../lib/artifact-download.js';
import type { Artifact, ArtifactFormat, JobArtifacts } from '../types.js';

/** Exported files of a distillation job: `client.artifacts` (also reachable, deprecated, as `client.jobs.artifacts`). */
export class Artifacts {
  constructor(private readonly transport: Transport) {}

  /**
   * The job's artifacts, each with its format, size, sha256 and download URL, as one `Page`
   * (`items`; the API's `artifacts`, `gguf_paths`, `adapter_path`… stay readable on it).
   */
  list(jobId: string, options?: RequestOptions): PagePromise<Artifact, JobArtifacts> {
    return new PagePromise(async () => {
      const body = unwrap(
        await this.transport.api.GET('/v1/distillation/{job_id}/artifacts', {
          params: { path: { job_id: jobId }, query: this.transport.tenant() },
          ...this.transport.init(options),
        }),
      );
      return singlePageData(body, body.artifacts);
    });
  }

  /**
   * With a `destination` path (a file, or a folder to keep the server's file name), streams the
   * artifact to disk, verifies its sha256 and only then moves it into place:
   * `await client.artifacts.download(jobId, 'gguf_q8_0', './student.gguf')`. Without one, returns
   * the open stream and the expected checksum (`bytes()` reads and verifies it in any runtime).
   * The expected sha256 is the download's `x-checksum-sha256` header, or, when the server sends
   * none, the artifact's `checksum_sha256` from `list`. A mismatch is a `ChecksumMismatchError`.
   */
  download(
    jobId: string,
    format: ArtifactFormat,
    destination: string,
    options?: RequestOptions,
  ): Promise<DownloadedArtifact>;
  download(
    jobId: string,
    format: ArtifactFormat,
    destination?: undefined,
    options?: RequestOptions,
  ): Promise<ArtifactDownload>;
  async download(
    jobId: string,
    format: ArtifactFormat,
    destination?: string,
    options?: RequestOptions,
  ): Promise<DownloadedArtifact | ArtifactDownload> {
    const { data: body, response } = await this.transport.api.GET(
      '/v1/distillation/{job_id}/artifacts/{format}/download',
      {
        params: { path: { job_id: jobId, format }, query: this.transport.tenant() },
        parseAs: 'stream',
        ...this.transport.init(options, { Accept: 'application/octet-stream' }),
      },
    );
    if (!body) throw new DistilleryError(`Empty body downloading ${format} of ${jobId}`);
    let checksum = response.headers.get('x-checksum-sha256')?.toLowerCase();
    if (!checksum) {
      const listed = await this.list(jobId, options);
      checksum = listed.items.find((artifact) => artifact.format === format)?.checksum_sha256;
    }
    if (!checksum) {
      void body.cancel().catch(() => undefined);
      throw new DistilleryError(`The server reports no sha256 for the ${format} artifact of ${jobId}`, {
        code: 'checksum_missing',
        requestId: response.headers.get('x-request-id') ?? undefined,
      });
    }
    const download = artifactDownload(response, body, checksum);
    return destination === undefined
      ? download
      : saveVerified(download, destination, format, options?.signal);
  }
}
