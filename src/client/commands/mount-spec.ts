import type { Mount } from "../../engine/api-types.ts";

const KEYS = new Set([
  "type",
  "source",
  "src",
  "target",
  "destination",
  "dst",
  "readonly",
  "ro",
  "consistency",
  "bind-propagation",
  "volume-nocopy",
  "volume-driver",
  "volume-label",
  "volume-opt",
  "tmpfs-size",
  "tmpfs-mode",
]);

/** Checks a `--mount` value as docker's `MountOpt.Set` does; returns the reason it is bad. */
export function mountProblem(value: string): string | undefined {
  try {
    parseMount(value);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Parses `--mount type=volume,source=v,target=/data,readonly` (basic keys; CSV without quotes). */
export function parseMount(value: string): Mount {
  let type: Mount["Type"] = "volume";
  let source: string | undefined;
  let target: string | undefined;
  let readOnly = false;
  for (const field of value.split(",")) {
    const equals = field.indexOf("=");
    const key = (equals < 0 ? field : field.slice(0, equals)).toLowerCase();
    const item = equals < 0 ? undefined : field.slice(equals + 1);
    if (!KEYS.has(key)) throw new Error(`unexpected key '${key}' in '${field}'`);
    if ((key === "readonly" || key === "ro") && item === undefined) {
      readOnly = true;
      continue;
    }
    if (item === undefined) throw new Error(`invalid field '${field}' must be a key=value pair`);
    if (key === "type") {
      if (item !== "bind" && item !== "volume" && item !== "tmpfs")
        throw new Error(`invalid mount type: ${item}`);
      type = item;
    } else if (key === "source" || key === "src") source = item;
    else if (key === "target" || key === "destination" || key === "dst") target = item;
    else if (key === "readonly" || key === "ro") {
      if (!["true", "false", "1", "0"].includes(item.toLowerCase())) {
        throw new Error(`invalid value for ${key}: ${item}`);
      }
      readOnly = item.toLowerCase() === "true" || item === "1";
    }
  }
  if (target === undefined || target === "") throw new Error("target is required");
  if (type === "bind" && (source === undefined || source === ""))
    throw new Error("source is required when specifying bind mounts");
  return {
    Type: type,
    ...(source === undefined ? {} : { Source: source }),
    Target: target,
    ...(readOnly ? { ReadOnly: true } : {}),
  };
}
