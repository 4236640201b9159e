import type { TraceEvent, TraceValue } from "../trace/trace-event.ts";
import { formatBytes } from "./units.ts";

/**
 * One trace event as a sentence of the walkthrough (`registry.local:5000 registry: blob
 * sha256:ab12cd34ef56 sent to prod (1.2 MB)`), or undefined for events the walkthrough leaves out
 * (bookkeeping such as `docker events` records; the JSONL trace has everything).
 */
export function describeEvent(event: TraceEvent): string | undefined {
  const d = event.data ?? {};
  const host = event.host ?? "-";
  const text = (key: string) => stringOf(d[key]);
  const size = (key: string) => (typeof d[key] === "number" ? formatBytes(d[key] as number) : "?");
  // Events read off real Docker's output know no sizes: say nothing rather than "?".
  const sized = (key: string) => (typeof d[key] === "number" ? ` (${size(key)})` : "");
  const id = (key: string) => shortDigest(text(key));
  // Registry events name the host that asked (`client`), when the transport said.
  const client = typeof d.client === "string" ? d.client : undefined;
  const peer = (words: string) => (client === undefined ? "" : `${words}${client}`);
  switch (event.kind) {
    case "client.command.start":
      return event.step === undefined ? undefined : `${host} client → daemon: ${text("command")}`;
    case "client.command.exit":
    case "daemon.image.commit":
    case "registry.blob.upload.start":
    case "runtime.process.exit":
      return undefined;
    case "client.files.write":
      return `${host} client: files written: ${listOf(d.paths)}`;
    case "client.build.context.sent":
      return `${host} client → daemon: build context sent (${size("sizeBytes")})`;
    case "daemon.build.start":
      return `${host} daemon: build requested (tags ${listOf(d.tags)})`;
    case "builder.context.receive":
      return `${host} builder: context received (${d.entryCount} entries, ${size("sizeBytes")} of files)`;
    case "builder.step.start":
      return `${host} builder: Step ${d.buildStep}/${d.stepCount} : ${text("instruction")}`;
    case "builder.cache.hit":
      return `${host} builder:   cache hit, reusing ${id("image")}`;
    case "builder.cache.miss":
      return `${host} builder:   cache miss (${MISS_REASONS[text("reason")] ?? text("reason")})`;
    case "builder.layer.commit":
      return `${host} builder:   new layer ${id("diffId")} (${size("sizeBytes")} tar)`;
    case "builder.image.create":
      return `${host} builder:   image ${id("image")}${d.emptyLayer === true ? " (config only, no layer)" : ""}`;
    case "builder.image.tag":
      return `${host} builder: tagged ${text("reference")} = ${id("image")}`;
    case "builder.build.fail":
      return `${host} builder: build failed: ${text("message")}`;
    case "daemon.push.start":
      return `${host} daemon: pushing ${text("repository")} (tags ${listOf(d.tags)})`;
    case "daemon.push.layer.exists":
      return `${host} daemon: layer ${id("digest")} already in the registry, skipped`;
    case "daemon.push.layer.mount":
      return `${host} daemon: layer ${id("digest")} mounted from ${text("from")}, not uploaded`;
    case "daemon.push.layer.upload":
      return `${host} daemon: layer ${id("digest")} uploaded${sized("sizeBytes")}`;
    case "daemon.push.layer.retry":
      return `${host} daemon: upload of layer diffID ${id("diffId")} failed (${text("error")}); retry ${d.retry} in ${d.delaySeconds}s`;
    case "daemon.push.config.upload":
      return `${host} daemon: config ${id("digest")} uploaded (${size("sizeBytes")})`;
    case "daemon.push.manifest.put":
      return `${host} daemon: manifest ${id("digest")} put as ${text("reference")} (${size("sizeBytes")})`;
    case "registry.blob.upload.commit":
      return `${host} registry: blob ${id("digest")} stored in ${text("repository")} (${size("sizeBytes")})${peer(", from ")}`;
    case "registry.blob.exists":
      return `${host} registry: blob ${id("digest")} checked${peer(" by ")}: present`;
    case "registry.blob.mount":
      return `${host} registry: blob ${id("digest")} mounted into ${text("repository")}${peer(", for ")}`;
    case "registry.blob.get":
      return `${host} registry: blob ${id("digest")} sent${peer(" to ")} (${size("sizeBytes")})`;
    case "registry.manifest.put":
      return `${host} registry: manifest ${id("digest")} stored as ${text("repository")}:${text("reference")}${peer(", from ")}`;
    case "registry.manifest.get":
      return `${host} registry: manifest ${manifestName(text("repository"), text("reference"))} ${text("method") === "HEAD" ? `checked${peer(" by ")}` : `sent${peer(" to ")}`}`;
    case "daemon.pull.start":
      return `${host} daemon: pulling ${text("reference")}`;
    case "daemon.pull.layer.exists":
      return `${host} daemon: layer ${id("digest")} already here, not downloaded`;
    case "daemon.pull.layer.download":
      return `${host} daemon: layer ${id("digest")} downloaded${sized("sizeBytes")}`;
    case "daemon.pull.layer.retry":
      return `${host} daemon: download of layer ${id("digest")} failed (${text("error")}); retry ${d.retry} in ${d.delaySeconds}s`;
    case "daemon.pull.layer.extract":
      return `${host} daemon: layer ${id("digest")} extracted (diffID ${id("diffId")})`;
    case "daemon.pull.done":
      return `${host} daemon: pulled ${text("reference")} = ${id("imageId")} (manifest ${id("digest")})`;
    case "daemon.container.create":
      return `${host} daemon: container ${shortId(text("id"))} created from ${id("image")}`;
    case "daemon.rootfs.prepare":
      return `${host} daemon: root filesystem of ${shortId(text("id"))}: ${d.layers} layers + a writable layer`;
    case "runtime.process.start":
      return `${host} runtime: process ${listOf(d.argv)} started in ${shortId(text("container"))}`;
    case "runtime.container.start":
      return `${host} runtime: container ${shortId(text("id"))} running`;
    case "runtime.container.exit":
      return `${host} runtime: container ${shortId(text("id"))} exited with code ${d.exitCode}`;
    case "world.fault":
      return `!! fault: ${text("kind")} ${[text("registry"), text("host")].filter((s) => s !== "").join(" ")}`.trimEnd();
    case "world.fault.error":
      return `!! fault ${text("fault")} failed: ${text("message")}`;
    default:
      if (event.kind.startsWith("net.link.") || event.kind.startsWith("daemon.process."))
        return `${host} ${event.kind} ${compact(d)}`.trimEnd();
      if (event.kind.startsWith("daemon.event.")) return undefined;
      return event.step === undefined ? undefined : `${host} ${event.kind} ${compact(d)}`.trimEnd();
  }
}

/** The builder's cache miss reasons, as a reader understands them. */
const MISS_REASONS: Readonly<Record<string, string>> = {
  "no-match": "nothing cached for this step",
  "earlier-miss": "an earlier step was rebuilt",
  "no-cache": "--no-cache",
  ran: 'no "Using cache": the step ran',
};

/** `repo:tag`, or `repo@sha256:ab12cd34ef56` for a digest, as docker writes references. */
function manifestName(repository: string, reference: string): string {
  return reference.startsWith("sha256:")
    ? `${repository}@${shortDigest(reference)}`
    : `${repository}:${reference}`;
}

/** `sha256:` and the first 12 hex digits, as docker shortens; other text as it is. */
export function shortDigest(text: string): string {
  return /^sha256:[0-9a-f]{64}$/.test(text) ? text.slice(0, 19) : text;
}

function shortId(text: string): string {
  return /^[0-9a-f]{64}$/.test(text) ? text.slice(0, 12) : text;
}

function stringOf(value: TraceValue | undefined): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

function listOf(value: TraceValue | undefined): string {
  return Array.isArray(value) ? value.map((item) => stringOf(item)).join(" ") : stringOf(value);
}

function compact(data: Readonly<Record<string, TraceValue>>): string {
  return Object.keys(data)
    .sort()
    .map((key) => `${key}=${shortDigest(stringOf(data[key]))}`)
    .join(" ");
}
