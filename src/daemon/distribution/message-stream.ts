import {
  errorMessage,
  type JsonMessage,
  type JsonMessageStream,
} from "../../engine/json-message.ts";
import { isDrydockError } from "../../errors/drydock-error.ts";
import { AsyncQueue } from "../async-queue.ts";

/** Writes one message of an operation's stream. */
export type EmitMessage = (message: JsonMessage) => void;

/**
 * The stream of an operation that writes JSON messages as it goes (push, pull), with dockerd's
 * two ways of failing: an error before the first message is a plain error (the consumer's
 * first `next()` rejects, so an HTTP facade answers 4xx/5xx with `{"message"}`), an error after
 * it ends the stream with an `errorDetail` message. The operation starts on the first `next()`.
 */
export function messageStream(run: (emit: EmitMessage) => Promise<void>): JsonMessageStream {
  return (async function* (): AsyncGenerator<JsonMessage> {
    const queue = new AsyncQueue<JsonMessage>();
    let started = false;
    const emit: EmitMessage = (message) => {
      started = true;
      queue.push(message);
    };
    run(emit).then(
      () => queue.end(),
      (error: unknown) => {
        if (!started || !isDrydockError(error)) {
          queue.fail(error);
          return;
        }
        queue.push(errorMessage(error.message));
        queue.end();
      },
    );
    yield* queue;
  })();
}
