// Ingest failures that the CLI turns into one line and a non-zero exit, writing nothing.
import { AppError } from "../errors.js";

export const INGEST_ERROR_CODES = [
  "bad_arguments",
  "not_wordpress_post",
  "not_json",
  "http_status",
  "network",
  "too_large",
  "no_text",
  "unreadable_file",
  "draft_file",
  "review",
] as const;
export type IngestErrorCode = (typeof INGEST_ERROR_CODES)[number];

export class IngestError extends AppError {
  constructor(
    override readonly code: IngestErrorCode,
    message: string,
  ) {
    super(code, message);
  }
}
