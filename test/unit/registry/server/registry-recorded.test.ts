/** The in-memory registry answers the recorded sequence exactly as docker-registry 2.8.2 did. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { type NormalExchange, runSequence } from "../../../interop/registry-sequence.ts";
import { newRegistry } from "./server-helpers.ts";

const recorded = JSON.parse(
  readFileSync(
    fileURLToPath(
      new URL("../../../fixtures/registry-server/recorded-exchanges.json", import.meta.url),
    ),
    "utf8",
  ),
) as { exchanges: NormalExchange[] };

test("every status, header and body of the recorded sequence matches 2.8.2's", async () => {
  const { registry } = newRegistry({ deleteEnabled: true });
  const ours = await runSequence(async (request) =>
    registry.handle({ ...request, headers: { host: "127.0.0.1:5318", ...request.headers } }),
  );
  assert.equal(ours.length, recorded.exchanges.length);
  for (const [index, exchange] of ours.entries())
    assert.deepEqual(exchange, recorded.exchanges[index], exchange.step);
});
