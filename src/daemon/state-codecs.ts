import { latin1Bytes, latin1String } from "../archive/byte-strings.ts";
import { readTar } from "../archive/tar-reader.ts";
import { writeTar } from "../archive/tar-writer.ts";
import { canonicalJson } from "../digest/canonical-json.ts";
import { DrydockError } from "../errors/drydock-error.ts";
import { applyEntries } from "../fs/apply-entries.ts";
import { exportEntries } from "../fs/export-entries.ts";
import { LayerApplier } from "../fs/layer-applier.ts";
import { diffEntries } from "../fs/layer-diff.ts";
import { LayerTree } from "../fs/layer-tree.ts";
import { validateLayer } from "../fs/layer-validation.ts";
import { updateExtras } from "../fs/tree-node.ts";
import type { LogEntry } from "./log-store.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A container's writable layer as a layer tar (whiteouts and opaque markers kept). */
export function encodeUpper(upper: LayerTree): Uint8Array {
  return writeTar(diffEntries(upper));
}

/** The writable layer back from its tar, writable, with whiteouts as an overlay keeps them. */
export function decodeUpper(bytes: Uint8Array, options: { nowUs: number }): LayerTree {
  const entries = readTar(bytes);
  validateLayer(entries);
  const tree = new LayerTree({ nowUs: options.nowUs });
  updateExtras(tree.store.root.getNode(), { implied: true });
  new LayerApplier({ tree, mode: "layer", nowUs: options.nowUs }).applyAll(entries);
  return tree;
}

/** A volume's content as a tar of its whole tree. */
export function encodeTree(tree: LayerTree): Uint8Array {
  return writeTar(exportEntries(tree));
}

/** A volume's content back from its tar. */
export function decodeTree(bytes: Uint8Array, options: { nowUs: number }): LayerTree {
  const tree = new LayerTree({ nowUs: options.nowUs });
  applyEntries(tree, readTar(bytes), { nowUs: options.nowUs });
  return tree;
}

/** A log as JSON lines (stream, instant, base64 bytes): the json-file driver's content. */
export function encodeLog(entries: readonly LogEntry[]): Uint8Array {
  return encoder.encode(
    entries
      .map(
        (entry) =>
          `${canonicalJson({ stream: entry.stream, tUs: entry.tUs, data: btoa(latin1String(entry.data)) })}\n`,
      )
      .join(""),
  );
}

/** A log back from its JSON lines; a malformed line is `DataLoss`. */
export function decodeLog(bytes: Uint8Array): LogEntry[] {
  return decoder
    .decode(bytes)
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => {
      const value = JSON.parse(line) as { stream?: unknown; tUs?: unknown; data?: unknown };
      if (
        (value.stream !== "stdout" && value.stream !== "stderr") ||
        !Number.isSafeInteger(value.tUs) ||
        typeof value.data !== "string"
      )
        throw new DrydockError("DataLoss", "daemon state is damaged: a log line is malformed", {
          data: {},
        });
      return {
        stream: value.stream,
        tUs: value.tUs as number,
        data: latin1Bytes(atob(value.data)),
      };
    });
}
