// GET with a per-attempt timeout, bounded retries (p-retry) for transient failures, a size cap, and no
// redirects: ingest reaches only the address it was given, so a redirect is reported, never followed.
import pRetry, { AbortError } from "p-retry";
import { IngestError } from "./errors.js";
import { INGEST_LIMITS } from "./settings.js";

export interface HttpOptions {
  timeoutMs: number;
  attempts: number;
  retryMinDelayMs: number;
  maxBytes: number;
}

export const DEFAULT_HTTP: HttpOptions = {
  timeoutMs: INGEST_LIMITS.requestTimeoutMs,
  attempts: INGEST_LIMITS.attempts,
  retryMinDelayMs: INGEST_LIMITS.retryMinDelayMs,
  maxBytes: INGEST_LIMITS.maxResponseBytes,
};

export interface HttpResponse {
  url: string;
  status: number;
  headers: Headers;
  body: string;
}

/** Failures worth another attempt: the server or the network may recover. */
class TransientFailure extends Error {}

export async function httpGet(url: string, options: HttpOptions = DEFAULT_HTTP): Promise<HttpResponse> {
  let last: Error | undefined;
  try {
    return await pRetry(() => attempt(url, options), {
      retries: options.attempts - 1,
      minTimeout: options.retryMinDelayMs,
      factor: 2,
      onFailedAttempt: ({ error }) => {
        last = error;
      },
      shouldRetry: ({ error }) => error instanceof TransientFailure,
    });
  } catch (err) {
    if (err instanceof IngestError) throw err;
    const reason = (last ?? (err as Error)).message;
    throw new IngestError("network", `could not fetch ${url}: ${reason} (${options.attempts} attempt${options.attempts === 1 ? "" : "s"})`);
  }
}

async function attempt(url: string, options: HttpOptions): Promise<HttpResponse> {
  let response: Response;
  try {
    response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(options.timeoutMs), headers: { accept: "application/json" } });
  } catch (err) {
    throw new TransientFailure(describeFetchError(err, options.timeoutMs));
  }
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel();
    const to = response.headers.get("location");
    throw new AbortError(new IngestError("http_status", `${url} redirects${to ? ` to ${to}` : ""}; ingest follows no redirects: give that address instead`));
  }
  if (response.status === 429 || response.status >= 500) {
    await response.body?.cancel();
    throw new TransientFailure(`HTTP ${response.status} ${response.statusText}`.trim());
  }
  if (response.status >= 400) {
    await response.body?.cancel();
    const hint = response.status === 404 ? ": no such post (check the id and the /wp-json/wp/v2/posts/ path)" : response.status === 401 || response.status === 403 ? ": the post is not public" : "";
    throw new AbortError(new IngestError("http_status", `${url} answered HTTP ${response.status}${hint}`));
  }
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > options.maxBytes) {
    await response.body?.cancel();
    throw new AbortError(tooLarge(url, options.maxBytes));
  }
  let body: string;
  try {
    body = await readCapped(response, options.maxBytes, url);
  } catch (err) {
    if (err instanceof IngestError) throw new AbortError(err);
    throw new TransientFailure(describeFetchError(err, options.timeoutMs));
  }
  return { url, status: response.status, headers: response.headers, body };
}

const tooLarge = (url: string, max: number) => new IngestError("too_large", `${url} sent more than ${Math.round(max / 1000)} kB; not read`);

async function readCapped(response: Response, maxBytes: number, url: string): Promise<string> {
  if (!response.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > maxBytes) throw tooLarge(url, maxBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function describeFetchError(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return `timed out after ${timeoutMs / 1000} s`;
  const code = e?.cause?.code;
  return code ? `network error ${code}` : `network error: ${e?.cause?.message ?? e?.message ?? String(err)}`;
}
