import { DistilleryError } from '../core/errors.js';
import type { RequestOptions } from '../core/options.js';
import { type Transport, unwrap, type WithRequestId } from '../core/transport.js';
import {
  type ArtifactDownload,
  artifactDownload,
  type DownloadedArtifact,
  saveVerified,
} from '../lib/artifact-download.js';
import type { ArtifactFormat, JobArtifacts } from '../types.js';

/** Exported files of a distillation job. */
export class Artifacts {
  constructor(private readonly transport: Transport) {}

  /** The job's artifact paths, and per artifact its size, sha256 and download URL. */
  async list(jobId: string, options?: RequestOptions): Promise<WithRequestId<JobArtifacts>> {
    return unwrap(
      await this.transport.api.GET('/v1/distillation/{job_id}/artifacts', {
        params: { path: { job_id: jobId }, query: this.transport.tenant() },
        ...this.transport.init(options),
      }),
    );
  }

  /**
   * With a `destination` path (a file, or a folder to keep the server's file name), streams the
   * artifact to disk, verifies its sha256 and only then moves it into place. Without one, returns
   * the open stream and the expected checksum (`bytes()` reads and verifies it in any runtime).
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
      checksum = listed.artifacts?.find((artifact) => artifact.format === format)?.checksum_sha256;
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
