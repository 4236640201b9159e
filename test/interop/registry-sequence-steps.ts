/** The steps of the registry comparison sequence (see registry-sequence.ts). */
import { createHash } from "node:crypto";
import type { SequenceRequest } from "./registry-sequence.ts";

const encoder = new TextEncoder();
const sha = (text: string): string => `sha256:${createHash("sha256").update(text).digest("hex")}`;
const ZERO = `sha256:${"0".repeat(64)}`;
const ONE = `sha256:${"1".repeat(64)}`;
const DOCKER_V2 = "application/vnd.docker.distribution.manifest.v2+json";
const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const OCI_INDEX = "application/vnd.oci.image.index.v1+json";
const DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
const CONFIG = '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}';
const LAYER = "layer-bytes";

function manifestOf(
  mediaType: string,
  configType: string,
  layerType: string,
  config = sha(CONFIG),
  layer = sha(LAYER),
): string {
  return JSON.stringify({
    schemaVersion: 2,
    mediaType,
    config: { mediaType: configType, size: CONFIG.length, digest: config },
    layers: [{ mediaType: layerType, size: LAYER.length, digest: layer }],
  });
}
const DOCKER_MANIFEST = manifestOf(
  DOCKER_V2,
  "application/vnd.docker.container.image.v1+json",
  "application/vnd.docker.image.rootfs.diff.tar.gzip",
);
const OCI_BODY = manifestOf(
  OCI_MANIFEST,
  "application/vnd.oci.image.config.v1+json",
  "application/vnd.oci.image.layer.v1.tar+gzip",
);
const MISSING = manifestOf(
  DOCKER_V2,
  "application/vnd.docker.container.image.v1+json",
  "application/vnd.docker.image.rootfs.diff.tar.gzip",
  ZERO,
  ONE,
);
const ENTRY = {
  mediaType: OCI_MANIFEST,
  size: OCI_BODY.length,
  digest: sha(OCI_BODY),
  platform: { architecture: "amd64", os: "linux" },
};
const INDEX = JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [ENTRY] });
const LIST = JSON.stringify({ schemaVersion: 2, mediaType: DOCKER_LIST, manifests: [ENTRY] });

export type Step = [
  name: string,
  build: (
    at: (step: string) => string,
  ) => Omit<SequenceRequest, "headers"> & { headers?: Record<string, string> },
];

const get = (target: string, headers: Record<string, string> = {}) => ({
  method: "GET" as const,
  target,
  headers,
});
const put = (target: string, contentType: string, body: string) => ({
  method: "PUT" as const,
  target,
  headers: { "content-type": contentType },
  body: encoder.encode(body),
});
const withQuery = (location: string, query: string) =>
  `${location}${location.includes("?") ? "&" : "?"}${query}`;

/** The steps; `at(step)` is the Location (as a target) that step's answer gave. */
export const STEPS: Step[] = [
  ["ping", () => get("/v2/")],
  ["start", () => ({ method: "POST", target: "/v2/t1/blobs/uploads/" })],
  ["patch", (at) => ({ method: "PATCH", target: at("start"), body: encoder.encode("hello") })],
  [
    "patch-range",
    (at) => ({
      method: "PATCH",
      target: at("patch"),
      headers: { "content-type": "application/octet-stream", "content-range": "5-5" },
      body: encoder.encode(" "),
    }),
  ],
  ["status", (at) => get(at("patch-range"))],
  [
    "patch-stale",
    (at) => ({ method: "PATCH", target: at("start"), body: encoder.encode("again") }),
  ],
  ["status-no-state", (at) => get(at("patch-range").split("?")[0]!)],
  [
    "patch-bad-type",
    (at) => ({
      method: "PATCH",
      target: at("patch-range"),
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: encoder.encode("x"),
    }),
  ],
  [
    "put-wrong-digest",
    (at) => ({
      method: "PUT",
      target: withQuery(at("patch-range"), `digest=${encodeURIComponent(ZERO)}`),
    }),
  ],
  ["put-no-digest", (at) => ({ method: "PUT", target: at("patch-range") })],
  [
    "put-bad-digest",
    (at) => ({ method: "PUT", target: withQuery(at("patch-range"), "digest=sha256:zz") }),
  ],
  [
    "put-last-chunk",
    (at) => ({
      method: "PUT",
      target: withQuery(at("patch-range"), `digest=${encodeURIComponent(sha("hello world"))}`),
      body: encoder.encode("world"),
    }),
  ],
  [
    "put-again",
    (at) => ({
      method: "PUT",
      target: withQuery(at("patch-range"), `digest=${encodeURIComponent(sha("hello world"))}`),
    }),
  ],
  ["blob-head", () => ({ method: "HEAD", target: `/v2/t1/blobs/${sha("hello world")}` })],
  ["blob-get", () => get(`/v2/t1/blobs/${sha("hello world")}`)],
  ["blob-range", () => get(`/v2/t1/blobs/${sha("hello world")}`, { range: "bytes=2-4" })],
  ["blob-range-open", () => get(`/v2/t1/blobs/${sha("hello world")}`, { range: "bytes=6-" })],
  ["blob-range-suffix", () => get(`/v2/t1/blobs/${sha("hello world")}`, { range: "bytes=-3" })],
  ["blob-elsewhere", () => get(`/v2/other/blobs/${sha("hello world")}`)],
  ["blob-bad-digest", () => get("/v2/t1/blobs/sha256:abc")],
  [
    "post-digest",
    () => ({
      method: "POST",
      target: `/v2/t1/blobs/uploads/?digest=${sha("hello world")}`,
      body: encoder.encode("hello world"),
    }),
  ],
  ["cancel-start", () => ({ method: "POST", target: "/v2/t1/blobs/uploads/" })],
  ["cancel", (at) => ({ method: "DELETE", target: at("cancel-start") })],
  ["cancel-again", (at) => ({ method: "DELETE", target: at("cancel-start") })],
  ["config-start", () => ({ method: "POST", target: "/v2/m1/blobs/uploads/" })],
  [
    "config-put",
    (at) => ({
      method: "PUT",
      target: withQuery(at("config-start"), `digest=${encodeURIComponent(sha(CONFIG))}`),
      headers: { "content-type": "application/octet-stream" },
      body: encoder.encode(CONFIG),
    }),
  ],
  ["layer-start", () => ({ method: "POST", target: "/v2/m1/blobs/uploads/" })],
  [
    "layer-put",
    (at) => ({
      method: "PUT",
      target: withQuery(at("layer-start"), `digest=${encodeURIComponent(sha(LAYER))}`),
      headers: { "content-type": "application/octet-stream" },
      body: encoder.encode(LAYER),
    }),
  ],
  ["manifest-put", () => put("/v2/m1/manifests/v1", DOCKER_V2, DOCKER_MANIFEST)],
  [
    "manifest-head",
    () => ({ method: "HEAD", target: "/v2/m1/manifests/v1", headers: { accept: DOCKER_V2 } }),
  ],
  ["manifest-get-any", () => get("/v2/m1/manifests/v1")],
  [
    "manifest-get-digest-oci",
    () => get(`/v2/m1/manifests/${sha(DOCKER_MANIFEST)}`, { accept: OCI_MANIFEST }),
  ],
  [
    "manifest-put-digest",
    () => put(`/v2/m1/manifests/${sha(DOCKER_MANIFEST)}`, DOCKER_V2, DOCKER_MANIFEST),
  ],
  ["manifest-put-wrong-digest", () => put(`/v2/m1/manifests/${ONE}`, DOCKER_V2, DOCKER_MANIFEST)],
  ["manifest-put-type-mismatch", () => put("/v2/m1/manifests/v2", OCI_MANIFEST, DOCKER_MANIFEST)],
  ["manifest-put-missing-blobs", () => put("/v2/m1/manifests/bad", DOCKER_V2, MISSING)],
  ["manifest-put-not-json", () => put("/v2/m1/manifests/bad", DOCKER_V2, "not json")],
  ["manifest-put-truncated", () => put("/v2/m1/manifests/bad", DOCKER_V2, '{"schemaVersion":2,')],
  ["manifest-put-bad-array", () => put("/v2/m1/manifests/bad", DOCKER_V2, '{"a":[1,2,}')],
  ["manifest-put-bad-tag", () => put("/v2/m1/manifests/-bad", DOCKER_V2, DOCKER_MANIFEST)],
  ["manifest-unknown-tag", () => get("/v2/m1/manifests/nope", { accept: DOCKER_V2 })],
  ["manifest-unknown-digest", () => get(`/v2/m1/manifests/${ZERO}`, { accept: DOCKER_V2 })],
  ["manifest-wrong-method", () => ({ method: "PATCH", target: "/v2/m1/manifests/v1" })],
  ["tags-unknown", () => get("/v2/zz/tags/list")],
  ["tags-untagged", () => get("/v2/t1/tags/list")],
  ["name-invalid", () => get("/v2/UPPER/tags/list")],
  ["tag-a", () => put("/v2/m1/manifests/a", DOCKER_V2, DOCKER_MANIFEST)],
  ["tag-b", () => put("/v2/m1/manifests/b", DOCKER_V2, DOCKER_MANIFEST)],
  ["tags", () => get("/v2/m1/tags/list")],
  ["tags-n", () => get("/v2/m1/tags/list?n=1")],
  [
    "mount",
    () => ({
      method: "POST",
      target: `/v2/m2/blobs/uploads/?from=m1&mount=${encodeURIComponent(sha(LAYER))}`,
    }),
  ],
  [
    "mount-config",
    () => ({
      method: "POST",
      target: `/v2/m2/blobs/uploads/?from=m1&mount=${encodeURIComponent(sha(CONFIG))}`,
    }),
  ],
  [
    "mount-missing",
    () => ({
      method: "POST",
      target: `/v2/m2/blobs/uploads/?from=t1&mount=${encodeURIComponent(sha(LAYER))}`,
    }),
  ],
  ["oci-put", () => put("/v2/m2/manifests/oci", OCI_MANIFEST, OCI_BODY)],
  ["oci-get-docker", () => get("/v2/m2/manifests/oci", { accept: DOCKER_V2 })],
  ["oci-get", () => get("/v2/m2/manifests/oci", { accept: OCI_MANIFEST })],
  ["index-put", () => put("/v2/m2/manifests/idx", OCI_INDEX, INDEX)],
  ["index-get-manifest", () => get("/v2/m2/manifests/idx", { accept: OCI_MANIFEST })],
  ["list-put", () => put("/v2/m2/manifests/list", DOCKER_LIST, LIST)],
  ["list-get-docker", () => get("/v2/m2/manifests/list", { accept: DOCKER_V2 })],
  ["list-get-list", () => get("/v2/m2/manifests/list", { accept: DOCKER_LIST })],
  ["catalog", () => get("/v2/_catalog")],
  ["catalog-n", () => get("/v2/_catalog?n=1")],
  ["catalog-last", () => get("/v2/_catalog?n=1&last=m1")],
  ["catalog-n-exact", () => get("/v2/_catalog?n=3")],
  ["catalog-n-zero", () => get("/v2/_catalog?n=0")],
  ["catalog-too-many", () => get("/v2/_catalog?n=2000")],
  ["delete-by-tag", () => ({ method: "DELETE", target: "/v2/m1/manifests/a" })],
  [
    "delete-manifest",
    () => ({ method: "DELETE", target: `/v2/m1/manifests/${sha(DOCKER_MANIFEST)}` }),
  ],
  [
    "delete-manifest-again",
    () => ({ method: "DELETE", target: `/v2/m1/manifests/${sha(DOCKER_MANIFEST)}` }),
  ],
  ["tags-after-delete", () => get("/v2/m1/tags/list")],
  ["delete-blob", () => ({ method: "DELETE", target: `/v2/m2/blobs/${sha(LAYER)}` })],
  ["delete-blob-again", () => ({ method: "DELETE", target: `/v2/m2/blobs/${sha(LAYER)}` })],
];
