import { goQuote } from "../../go/quote.ts";
import { utf8Length } from "./source-lines.ts";

/** Mount types of `RUN --mount`. */
export type RunMountType = "bind" | "cache" | "tmpfs" | "secret" | "ssh";

/** A parsed `RUN --mount=…` (BuildKit feature; Docker 20.10 parses it, then refuses to run it). */
export interface RunMount {
  readonly type: RunMountType;
  readonly from?: string;
  readonly source?: string;
  readonly target?: string;
  readonly readOnly: boolean;
  /** `id=`: the cache or secret id. */
  readonly id?: string;
  /** `sharing=` of a cache mount: `shared`, `private` or `locked`. */
  readonly sharing?: string;
  readonly required: boolean;
  readonly mode?: number;
  readonly uid?: number;
  readonly gid?: number;
}

/** A mount value Docker refuses; the message is Docker's. */
export class RunMountError extends Error {}

const TYPES: readonly string[] = ["bind", "cache", "tmpfs", "secret", "ssh"];
const SHARING: readonly string[] = ["shared", "private", "locked"];

/**
 * Go's `encoding/csv` reading one record: fields split on `,`, a field starting with `"` is
 * quoted (`""` is a quote inside it). Errors use Go's text, columns are 1-based byte offsets.
 */
export function readCsvRecord(line: string): string[] {
  if (line === "") throw new RunMountError("EOF");
  const fields: string[] = [];
  let rest = line;
  let col = 1;
  for (;;) {
    if (!rest.startsWith('"')) {
      const comma = rest.indexOf(",");
      const field = comma < 0 ? rest : rest.slice(0, comma);
      const quote = field.indexOf('"');
      if (quote >= 0)
        throw csvError(col + utf8Length(field.slice(0, quote)), `bare " in non-quoted-field`);
      fields.push(field);
      if (comma < 0) return fields;
      col += utf8Length(field) + 1;
      rest = rest.slice(comma + 1);
      continue;
    }
    let field = "";
    rest = rest.slice(1);
    col += 1;
    for (;;) {
      const quote = rest.indexOf('"');
      if (quote < 0)
        throw csvError(col + utf8Length(rest), `extraneous or missing " in quoted-field`);
      field += rest.slice(0, quote);
      col += utf8Length(rest.slice(0, quote)) + 1;
      rest = rest.slice(quote + 1);
      if (rest.startsWith('"')) {
        field += '"';
        rest = rest.slice(1);
        col += 1;
      } else if (rest.startsWith(",") || rest === "") {
        break;
      } else {
        throw csvError(col - 1, `extraneous or missing " in quoted-field`);
      }
    }
    fields.push(field);
    if (rest === "") return fields;
    rest = rest.slice(1);
    col += 1;
  }
}

function csvError(column: number, reason: string): RunMountError {
  return new RunMountError(`parse error on line 1, column ${column}: ${reason}`);
}

function parseBool(key: string, value: string): boolean {
  // Go's strconv.ParseBool.
  if (["1", "t", "T", "TRUE", "true", "True"].includes(value)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(value)) return false;
  throw new RunMountError(`invalid value for ${key}: ${value}`);
}

function parseUint(value: string, base: 8 | 10, what: string): number {
  const digits = base === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
  const parsed = digits.test(value) ? Number.parseInt(value, base) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed > 0xffffffff) {
    throw new RunMountError(`invalid value ${value} for ${what}`);
  }
  return parsed;
}

/** One `key=value` field of a mount, and the field as written (for messages). */
interface KeyValueField {
  readonly key: string;
  readonly value: string;
  readonly field: string;
}

type MutableMount = { -readonly [K in keyof RunMount]: RunMount[K] };

/** Parses one `--mount` value with Docker 20.10's rules and messages. */
export function parseRunMount(value: string): RunMount {
  let fields: string[];
  try {
    fields = readCsvRecord(value);
  } catch (error) {
    throw new RunMountError(`failed to parse csv mounts: ${(error as Error).message}`);
  }
  const mount: MutableMount = { type: "bind", readOnly: true, required: false };
  let roAuto = true;
  for (const field of fields) {
    const eq = field.indexOf("=");
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    if (eq < 0 && flagOnly(mount, key)) {
      if (key !== "required") roAuto = false;
      continue;
    }
    if (eq < 0) throw new RunMountError(`invalid field '${field}' must be a key=value pair`);
    if (setField(mount, { key, value: field.slice(eq + 1), field })) roAuto = false;
  }
  return validate(mount, roAuto);
}

/** Keys allowed without a value; returns false for any other key. */
function flagOnly(mount: MutableMount, key: string): boolean {
  if (key === "readonly" || key === "ro") mount.readOnly = true;
  else if (key === "readwrite" || key === "rw") mount.readOnly = false;
  else if (key === "required") {
    if (mount.type !== "secret" && mount.type !== "ssh") {
      throw new RunMountError(`unexpected key '${key}' for mount type '${mount.type}'`);
    }
    mount.required = true;
  } else return false;
  return true;
}

/** Applies `key=value`; returns true when it set read-only-ness explicitly. */
function setField(mount: MutableMount, { key, value, field }: KeyValueField): boolean {
  switch (key) {
    case "type":
      if (!TYPES.includes(value.toLowerCase())) {
        throw new RunMountError(`unsupported mount type ${goQuote(value)}`);
      }
      mount.type = value.toLowerCase() as RunMountType;
      return false;
    case "from":
      mount.from = value;
      return false;
    case "source":
    case "src":
      mount.source = value;
      return false;
    case "target":
    case "dst":
    case "destination":
      mount.target = value;
      return false;
    case "readonly":
    case "ro":
      mount.readOnly = parseBool(key, value);
      return true;
    case "readwrite":
    case "rw":
      mount.readOnly = !parseBool(key, value);
      return true;
    case "required":
      if (mount.type !== "secret" && mount.type !== "ssh") {
        throw new RunMountError(`unexpected key '${key}' for mount type '${mount.type}'`);
      }
      mount.required = parseBool(key, value);
      return false;
    default:
      setOtherField(mount, { key, value, field });
      return false;
  }
}

function setOtherField(mount: MutableMount, { key, value, field }: KeyValueField): void {
  switch (key) {
    case "id":
      mount.id = value;
      return;
    case "sharing":
      if (!SHARING.includes(value.toLowerCase())) {
        throw new RunMountError(`unsupported sharing value ${goQuote(value)}`);
      }
      mount.sharing = value.toLowerCase();
      return;
    case "mode":
      mount.mode = parseUint(value, 8, "mode");
      return;
    case "uid":
      mount.uid = parseUint(value, 10, "uid");
      return;
    case "gid":
      mount.gid = parseUint(value, 10, "gid");
      return;
    default:
      throw new RunMountError(`unexpected key '${key}' in '${field}'`);
  }
}

function validate(mount: MutableMount, roAuto: boolean): RunMount {
  const fileInfoAllowed = ["secret", "ssh", "cache"].includes(mount.type);
  for (const what of ["mode", "uid", "gid"] as const) {
    if (mount[what] !== undefined && !fileInfoAllowed) {
      throw new RunMountError(`${what} not allowed for "${mount.type}" type mounts`);
    }
  }
  if (roAuto) mount.readOnly = !(mount.type === "cache" || mount.type === "tmpfs");
  if (mount.sharing !== undefined && mount.type !== "cache") {
    throw new RunMountError(`invalid cache sharing set for ${mount.type} mount`);
  }
  if (mount.type === "secret") {
    if (mount.from !== undefined && mount.from !== "") {
      throw new RunMountError("secret mount should not have a from");
    }
    if (mount.sharing !== undefined)
      throw new RunMountError("secret mount should not define sharing");
    if (!mount.source && !mount.target && !mount.id) {
      throw new RunMountError("invalid secret mount. one of source, target required");
    }
    if (mount.source && mount.id) throw new RunMountError("both source and id can't be set");
  }
  return mount;
}
