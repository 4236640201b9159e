/** Helpers for world tests: a small two-host spec, build contexts, draining streams. */
import type { JsonMessage, JsonMessageStream } from "../../../src/engine/json-message.ts";
import type { WorldSpec } from "../../../src/world/world-spec.ts";

export { contextTar } from "../builder/executor/support/harness.ts";

/** Two hosts (a with busybox, b empty) and one registry at `localhost:5000`. */
export function twoHostSpec(overrides: Partial<WorldSpec> = {}): WorldSpec {
  return {
    hosts: [{ name: "a", baseImages: ["busybox"] }, { name: "b" }],
    registries: [{ name: "localhost:5000", images: ["busybox"] }],
    defaultLink: { latencyMs: 10, bandwidthMbps: 8 },
    ...overrides,
  };
}

/** Every message of a stream (errors inside the stream are messages). */
export async function drain(stream: JsonMessageStream): Promise<JsonMessage[]> {
  const messages: JsonMessage[] = [];
  for await (const message of stream) messages.push(message);
  return messages;
}
