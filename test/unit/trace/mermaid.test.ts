import assert from "node:assert/strict";
import { test } from "node:test";
import { formatMermaid } from "../../../src/trace/mermaid.ts";
import type { TraceEvent } from "../../../src/trace/trace-event.ts";

const DIGEST = `sha256:${"ab".repeat(32)}`;
let seq = 0;
const event = (e: Omit<TraceEvent, "seq" | "tUs">): TraceEvent => ({ seq: seq++, tUs: 0, ...e });

test("a sequence diagram of clients, daemons, registries and containers", () => {
  const text = formatMermaid([
    event({
      host: "dev",
      component: "client",
      kind: "client.command.start",
      step: 4,
      data: { command: "docker push r:5000/a;b#1" },
    }),
    event({
      host: "r:5000",
      component: "registry",
      kind: "registry.blob.upload.commit",
      step: 5,
      data: { digest: DIGEST, sizeBytes: 90 },
    }),
    event({
      host: "r:5000",
      component: "registry",
      kind: "registry.manifest.put",
      step: 5,
      data: { repository: "a", reference: "1" },
    }),
    event({ host: "dev", component: "client", kind: "client.command.exit", data: { exitCode: 0 } }),
    event({
      host: "prod",
      component: "client",
      kind: "client.command.start",
      step: 6,
      data: { command: "docker pull r:5000/a" },
    }),
    event({
      host: "r:5000",
      component: "registry",
      kind: "registry.blob.get",
      step: 6,
      data: { digest: DIGEST, sizeBytes: 90 },
    }),
    event({
      host: "prod",
      component: "daemon",
      kind: "daemon.container.create",
      step: 7,
      data: { id: "c".repeat(64) },
    }),
    event({
      host: "prod",
      component: "daemon",
      kind: "runtime.container.exit",
      step: 9,
      data: { id: "c".repeat(64), exitCode: 3 },
    }),
    event({
      component: "world",
      kind: "world.fault",
      data: { kind: "registry-down", registry: "r:5000" },
    }),
    event({
      host: "prod",
      component: "daemon",
      kind: "daemon.event.container",
      data: { action: "die" },
    }),
  ]);
  assert.equal(
    text,
    `sequenceDiagram
  participant client_dev as dev client
  participant client_prod as prod client
  participant daemon_dev as dev daemon
  participant daemon_prod as prod daemon
  participant registry_r_5000 as r:5000
  participant containers_prod as prod containers
  client_dev->>daemon_dev: [4] docker push r:5000/a b 1
  daemon_dev->>registry_r_5000: [5] blob sha256:abababababab (90 B)
  daemon_dev->>registry_r_5000: [5] manifest a:1
  daemon_dev-->>client_dev: exit 0
  client_prod->>daemon_prod: [6] docker pull r:5000/a
  registry_r_5000-->>daemon_prod: [6] blob sha256:abababababab (90 B)
  daemon_prod->>containers_prod: [7] create cccccccccccc
  containers_prod-->>daemon_prod: [9] cccccccccccc exited 3
  Note over registry_r_5000: fault: registry-down
`,
  );
});

test("registry events go to the daemon their client names, else the running command's host", () => {
  const get = (client?: string): TraceEvent =>
    event({
      host: "r",
      component: "registry",
      kind: "registry.manifest.get",
      data: { repository: "a", reference: "1", ...(client === undefined ? {} : { client }) },
    });
  const text = formatMermaid([
    event({ host: "dev", component: "client", kind: "client.command.start", data: {} }),
    get("ci"),
    get(),
    event({
      host: "r",
      component: "registry",
      kind: "registry.manifest.get",
      data: { repository: "a", reference: DIGEST, client: "ci" },
    }),
  ]);
  assert.match(
    text,
    /\n {2}registry_r-->>daemon_ci: manifest a:1\n {2}registry_r-->>daemon_dev: manifest a:1\n {2}registry_r-->>daemon_ci: manifest a@sha256:abababababab\n$/,
  );
});

test("an empty trace is an empty diagram", () => {
  assert.equal(formatMermaid([]), "sequenceDiagram\n");
});
