/**
 * Artifact downloads with single-range support, as resumable downloaders expect: `bytes=a-b`,
 * `bytes=a-` and `bytes=-n`. A range outside the file is a 416; a malformed header is ignored and
 * the whole file is sent, as RFC 9110 allows.
 */
import { HttpResponse } from 'msw';
import { ApiError } from '../http/errors';
import type { ArtifactContent } from '../state/artifacts';

export function rangeResponse(request: Request, content: ArtifactContent, filename: string): Response {
  const size = content.bytes.byteLength;
  const common = { 'x-checksum-sha256': content.sha256, 'Accept-Ranges': 'bytes' };
  const header = request.headers.get('range');
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) {
    return new HttpResponse(content.bytes.slice(), {
      status: 200,
      headers: {
        ...common,
        'Content-Type': 'application/octet-stream',
        'Content-Length': String(size),
        'Content-Disposition': `attachment; filename="${filename}"`,
      },
    });
  }
  let start: number;
  let end: number;
  if (match[1] === '') {
    // A suffix range: the last n bytes.
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end || (match[1] === '' && Number(match[2]) === 0)) {
    throw new ApiError(416, 'invalid_request', `Range ${header} is outside the ${size}-byte file`, {
      param: 'Range',
      headers: { 'Content-Range': `bytes */${size}` },
    });
  }
  return new HttpResponse(content.bytes.slice(start, end + 1), {
    status: 206,
    headers: {
      ...common,
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(end - start + 1),
      'Content-Range': `bytes ${start}-${end}/${size}`,
    },
  });
}
