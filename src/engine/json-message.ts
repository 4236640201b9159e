/**
 * One line of the JSON streams dockerd sends for build, push, pull and load (moby's
 * `jsonmessage.JSONMessage`). Field names are the wire names; absent fields are left out, as Go's
 * `omitempty` leaves them out.
 */
export interface JsonMessage {
  readonly stream?: string;
  readonly status?: string;
  readonly progressDetail?: ProgressDetail;
  readonly progress?: string;
  readonly id?: string;
  readonly from?: string;
  readonly time?: number;
  readonly errorDetail?: { readonly code?: number; readonly message: string };
  readonly error?: string;
  readonly aux?: Readonly<Record<string, unknown>>;
}

export interface ProgressDetail {
  readonly current?: number;
  readonly total?: number;
}

/** A stream of JSON messages; the stream ends after the last one (an error is a message too). */
export type JsonMessageStream = AsyncIterable<JsonMessage>;

/**
 * The message that ends a stream with an error, as the daemon writes it: the HTTP status stays
 * 200 and the CLI exits with `errorDetail.code` when it is set, 1 otherwise.
 */
export function errorMessage(message: string, code?: number): JsonMessage {
  return code === undefined
    ? { errorDetail: { message }, error: message }
    : { errorDetail: { code, message }, error: message };
}
