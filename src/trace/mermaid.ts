import type { TraceEvent, TraceValue } from "./trace-event.ts";

/** A line of the diagram, before participants are known. */
interface Arrow {
  readonly from: string;
  readonly to: string;
  readonly reply: boolean;
  readonly text: string;
}

const ROLE_RANK: Readonly<Record<string, number>> = {
  client: 0,
  daemon: 1,
  registry: 2,
  containers: 3,
};

interface Note {
  readonly over: string;
  readonly text: string;
}

/**
 * A Mermaid `sequenceDiagram` of a trace: per host its docker client, its daemon and its
 * containers, and each registry, with the messages between them (build context, blobs and
 * manifests, container start and exit) and notes for builder steps and faults. Registry events
 * are drawn to or from the daemon of the host their `client` names (the host whose command is
 * running, for traces written before registry events carried it).
 * Labels carry the workflow step (`[5] blob sha256:ab12cd34ef56 (1.2 kB)`).
 */
export function formatMermaid(events: readonly TraceEvent[]): string {
  const participants = new Map<string, { name: string; rank: number }>();
  const lines: string[] = [];
  const at = (name: string, role: string) => {
    const id = `${role}_${name}`.replace(/[^A-Za-z0-9_]/g, "_");
    if (!participants.has(id))
      participants.set(id, {
        name: role === "registry" ? name : `${name} ${role}`,
        rank: ROLE_RANK[role] ?? 4,
      });
    return id;
  };
  let commandHost: string | undefined;
  for (const event of events) {
    if (event.kind === "client.command.start") commandHost = event.host;
    const line = toLine(event, commandHost);
    if (line === undefined) continue;
    if ("over" in line) {
      const [name, role] = line.over.split("\n") as [string, string];
      lines.push(`  Note over ${at(name, role)}: ${label(line.text)}`);
      continue;
    }
    const [fromName, fromRole] = line.from.split("\n") as [string, string];
    const [toName, toRole] = line.to.split("\n") as [string, string];
    const from = at(fromName, fromRole);
    const to = at(toName, toRole);
    lines.push(`  ${from}${line.reply ? "-->>" : "->>"}${to}: ${label(line.text)}`);
  }
  // Clients left, then daemons, registries, containers; first appearance within a role.
  const ordered = [...participants].sort(([, a], [, b]) => a.rank - b.rank);
  const header = ordered.map(([id, { name }]) => `  participant ${id} as ${label(name)}`);
  return ["sequenceDiagram", ...header, ...lines, ""].join("\n");
}

function toLine(event: TraceEvent, commandHost: string | undefined): Arrow | Note | undefined {
  const d = event.data ?? {};
  const host = event.host ?? "-";
  const s = event.step === undefined ? "" : `[${event.step}] `;
  const p = (role: string, name = host) => `${name}\n${role}`;
  const text = (key: string) => short(str(d[key]));
  const size = typeof d.sizeBytes === "number" ? ` (${d.sizeBytes} B)` : "";
  const asker = p("daemon", typeof d.client === "string" ? d.client : (commandHost ?? "-"));
  const arrow = (from: string, to: string, label: string, reply = false): Arrow => ({
    from,
    to,
    reply,
    text: s + label,
  });
  switch (event.kind) {
    case "client.command.start":
      return arrow(p("client"), p("daemon"), text("command"));
    case "client.command.exit":
      return arrow(p("daemon"), p("client"), `exit ${str(d.exitCode)}`, true);
    case "client.build.context.sent":
      return arrow(p("client"), p("daemon"), `build context${size}`);
    case "builder.step.start":
      return {
        over: p("daemon"),
        text: `${s}Step ${str(d.buildStep)}/${str(d.stepCount)} : ${str(d.instruction)}`,
      };
    case "builder.cache.hit":
    case "builder.cache.miss":
      return {
        over: p("daemon"),
        text: `${s}${event.kind === "builder.cache.hit" ? "cache hit" : "cache miss"}`,
      };
    case "builder.image.tag":
      return { over: p("daemon"), text: `${s}tagged ${text("reference")} = ${text("image")}` };
    case "registry.manifest.get":
      return arrow(
        p("registry", host),
        asker,
        `manifest ${str(d.repository)}${str(d.reference).startsWith("sha256:") ? "@" : ":"}${text("reference")}`,
        true,
      );
    case "registry.blob.get":
      return arrow(p("registry", host), asker, `blob ${text("digest")}${size}`, true);
    case "registry.blob.upload.commit":
      return arrow(asker, p("registry", host), `blob ${text("digest")}${size}`);
    case "registry.blob.mount":
      return arrow(asker, p("registry", host), `mount blob ${text("digest")}`);
    case "daemon.push.layer.exists":
      return { over: p("daemon"), text: `${s}layer ${text("digest")} already there` };
    case "registry.manifest.put":
      return arrow(asker, p("registry", host), `manifest ${str(d.repository)}:${str(d.reference)}`);
    case "daemon.pull.layer.exists":
      return { over: p("daemon"), text: `${s}layer ${text("digest")} already here` };
    case "daemon.container.create":
      return arrow(p("daemon"), p("containers"), `create ${text("id")}`);
    case "runtime.container.start":
      return arrow(p("daemon"), p("containers"), `start ${text("id")}`);
    case "runtime.container.exit":
      return arrow(p("containers"), p("daemon"), `${text("id")} exited ${str(d.exitCode)}`, true);
    case "world.fault": {
      const target =
        d.registry === undefined ? p("daemon", str(d.host)) : p("registry", str(d.registry));
      return { over: target, text: `fault: ${str(d.kind)}` };
    }
    default:
      return undefined;
  }
}

function str(value: TraceValue | undefined): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Digests and IDs shortened as docker prints them. */
function short(text: string): string {
  return text.replace(/\b(sha256:)?([0-9a-f]{12})[0-9a-f]{52}\b/g, "$1$2");
}

/** Text Mermaid reads as a label: no `;`/`#` (statement and entity syntax), no newlines, bounded. */
function label(text: string): string {
  const clean = text
    .replace(/[;#\n\r]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return clean.length > 90 ? `${clean.slice(0, 87)}...` : clean;
}
