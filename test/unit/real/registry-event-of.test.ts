import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import type { LinkExchange } from "../../../src/real/link-exchange.ts";
import {
  type RegistryEventBody,
  registryEventOf,
  UploadSizes,
} from "../../../src/real/registry-event-of.ts";

function recorded(name: string): LinkExchange[] {
  const text = readFileSync(new URL(`../../fixtures/real/${name}`, import.meta.url), "utf8");
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as LinkExchange);
}

function eventsOf(exchanges: readonly LinkExchange[], uploads?: UploadSizes): RegistryEventBody[] {
  return exchanges
    .map((exchange) =>
      registryEventOf(exchange, { host: "dev", registry: "hub", ...(uploads ? { uploads } : {}) }),
    )
    .filter((event) => event !== undefined);
}

/** `kind digest-prefix size` per event, for comparing whole sequences. */
function summary(events: readonly RegistryEventBody[]): string[] {
  return events.map((event) => {
    const d = event.data;
    const what = String(d.digest ?? d.uuid ?? "").slice(0, 15);
    return [event.kind.slice("registry.".length), what, d.sizeBytes ?? ""].join(" ").trim();
  });
}

const LAYER = "sha256:89f1e5e0200c54f368f9e8c6ceba423e846e0139888206f40bcd22c0cd59f1c6";
const MANIFEST = "sha256:fb78717d291f33f595c2d55b991029749e61ebd416e057a9664b5d1061fcdda8";

describe("registryEventOf", () => {
  it("reads a recorded docker push as the simulated registry's events", () => {
    const events = eventsOf(recorded("push-exchanges.jsonl"), new UploadSizes());
    assert.deepEqual(summary(events), [
      "blob.upload.start 53f72f2d-de74-4",
      "blob.upload.start 71d1014d-5ed7-4",
      "blob.upload.commit sha256:00383914 3394",
      "blob.exists sha256:00383914 3394",
      "blob.upload.commit sha256:89f1e5e0 1064338",
      "blob.exists sha256:89f1e5e0 1064338",
      "blob.upload.start 4d0620d9-51d2-4",
      "blob.upload.commit sha256:3e0abe21 1638",
      "blob.exists sha256:3e0abe21 1638",
      "manifest.put sha256:fb78717d 736",
    ]);
    assert.deepEqual(events.at(-1), {
      kind: "registry.manifest.put",
      component: "registry",
      host: "hub",
      step: 5,
      data: {
        client: "dev",
        repository: "demo/probe",
        reference: "v1",
        digest: MANIFEST,
        mediaType: "application/vnd.docker.distribution.manifest.v2+json",
        sizeBytes: 736,
      },
    });
  });

  it("reads mounts, pulls, ranges and manifest checks", () => {
    const events = eventsOf(recorded("mount-pull-exchanges.jsonl"), new UploadSizes());
    assert.deepEqual(summary(events), [
      "blob.mount sha256:89f1e5e0",
      "blob.exists sha256:89f1e5e0 1064338",
      "blob.mount sha256:00383914",
      "blob.exists sha256:00383914 3394",
      "blob.upload.start abb90240-357c-4",
      "blob.upload.commit sha256:3e0abe21 1638",
      "blob.exists sha256:3e0abe21 1638",
      "manifest.put sha256:fb78717d 736",
      "manifest.get sha256:fb78717d",
      "blob.get sha256:89f1e5e0 1064338",
      "blob.get sha256:00383914 3394",
      "blob.get sha256:3e0abe21 1638",
      "blob.get sha256:3e0abe21 1638",
      "manifest.get sha256:fb78717d",
    ]);
    assert.deepEqual(events[0]!.data, {
      client: "dev",
      repository: "other/copy",
      from: "demo/probe",
      digest: LAYER,
    });
    const check = events.at(-1)!;
    assert.equal(check.step, 6);
    assert.equal(check.data.method, "HEAD");
    assert.equal(check.data.reference, "v1");
  });

  it("leaves out what the simulator does not trace, and sizes it cannot know", () => {
    const base: LinkExchange = {
      startUs: 0,
      endUs: 1,
      method: "GET",
      path: "/v2/",
      status: 200,
      requestBytes: 0,
      responseBytes: 2,
      requestHeaders: {},
      responseHeaders: {},
    };
    const of = (exchange: Partial<LinkExchange>) =>
      registryEventOf({ ...base, ...exchange }, { host: "dev", registry: "hub" });
    assert.equal(of({}), undefined);
    assert.equal(of({ path: "/v2/_catalog" }), undefined);
    const blob = `/v2/app/blobs/${LAYER}`;
    assert.equal(
      of({ path: blob, status: undefined, error: "link cut: connection reset" }),
      undefined,
    );
    assert.equal(
      of({ path: blob, status: 200, error: "registry down: connection reset" }),
      undefined,
    );
    assert.equal(of({ path: blob, method: "HEAD", status: 404 }), undefined);
    // Without an upload tally a streamed blob's commit has no size.
    const commit = of({
      method: "PUT",
      path: `/v2/app/blobs/uploads/u-1?_state=x&digest=${encodeURIComponent(LAYER)}`,
      status: 201,
    });
    assert.deepEqual(commit?.data, { client: "dev", repository: "app", digest: LAYER });
    assert.deepEqual(of({ method: "DELETE", path: "/v2/app/blobs/uploads/u-1", status: 204 }), {
      kind: "registry.blob.upload.cancel",
      component: "registry",
      host: "hub",
      data: { client: "dev", repository: "app", uuid: "u-1" },
    });
    assert.equal(
      of({ method: "DELETE", path: `/v2/a/b/manifests/${MANIFEST}`, status: 202 })?.kind,
      "registry.manifest.delete",
    );
  });

  it("remembers a bounded number of uploads", () => {
    const uploads = new UploadSizes();
    for (let index = 0; index < 5_000; index += 1) uploads.set(`u${index}`, index);
    assert.equal(uploads.take("u0"), undefined);
    assert.equal(uploads.take("u4999"), 4_999);
    assert.equal(uploads.take("u4999"), undefined);
  });
});
