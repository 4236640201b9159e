/**
 * The values a Go template works on, modelled closely enough that printing and errors read as
 * Go's do. JavaScript values map to Go as:
 *
 * - `string`, `boolean` → string, bool; a `number` is an `int` when integral, else a `float64`
 *   (wrap it in `GoFloat` to force float64);
 * - an array → a slice; a plain object → `map[string]interface{}` (keys printed sorted);
 * - `null` → a nil interface (`<nil>`); `undefined` → no value at all (`<no value>`);
 * - `GoNil` → a typed nil (a nil slice prints `[]`, a nil map `map[]`, a nil pointer `<nil>`);
 * - `GoStruct` → a struct (fields in declaration order), possibly behind a pointer, with methods.
 */
export type GoValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | GoFloat
  | GoNil
  | GoStruct
  | readonly GoValue[]
  | { readonly [key: string]: GoValue };

/** A float64 that happens to be integral (JSON numbers decoded into `interface{}` are). */
export class GoFloat {
  constructor(readonly value: number) {}
}

/** A typed nil: what Go prints for a nil slice, map or pointer differs. */
export class GoNil {
  constructor(
    readonly kind: "slice" | "map" | "pointer",
    /** Go's name of the nil pointer's type (`*container.Health`), for `%T` and errors. */
    readonly typeName?: string,
  ) {}
}

/** A method a template can call: `{{.Label "tier"}}`. */
export interface GoMethod {
  /** Number of arguments the method takes (Go checks it before calling). */
  readonly arity: number;
  call(args: readonly GoValue[]): GoValue;
}

/** Options of a `GoStruct`. */
export interface GoStructOptions {
  /** Go's type name as `%T` and errors print it, without the `*` (`formatter.ContainerContext`). */
  readonly typeName: string;
  /** Exported fields in declaration order. */
  readonly fields?: ReadonlyMap<string, GoValue>;
  readonly methods?: ReadonlyMap<string, GoMethod>;
  /** True when templates see it through a pointer (`*formatter.ContainerContext`). */
  readonly pointer?: boolean;
  /** The raw JSON `{{json .}}` writes, when the type has its own MarshalJSON. */
  readonly toJson?: () => string;
  /**
   * True for a Go map type with methods (docker's header context): an unknown field is a
   * missing map key (no value), not an error.
   */
  readonly mapLike?: boolean;
  /** What `%v` prints when the type is a `fmt.Stringer` (`time.Time`). */
  readonly text?: string;
  /**
   * Names of the fields that are embedded (anonymous): templates reach their fields through
   * the outer struct (`.Config.Env` of a `DockerOCIImageConfig` is its `ImageConfig`'s).
   */
  readonly embedded?: readonly string[];
  /**
   * True for the zero value of a non-struct type drydock models as a struct (a `Duration` of
   * 0): false in `{{if}}`, empty for `omitempty`.
   */
  readonly zero?: boolean;
}

/** A Go struct value (or a pointer to one). */
export class GoStruct {
  readonly typeName: string;
  readonly fields: ReadonlyMap<string, GoValue>;
  readonly methods: ReadonlyMap<string, GoMethod>;
  readonly pointer: boolean;
  readonly toJson: (() => string) | undefined;
  readonly mapLike: boolean;
  readonly text: string | undefined;
  readonly embedded: readonly string[];
  readonly zero: boolean;

  constructor(options: GoStructOptions) {
    this.embedded = options.embedded ?? [];
    this.zero = options.zero ?? false;
    this.mapLike = options.mapLike ?? false;
    this.text = options.text;
    this.typeName = options.typeName;
    this.fields = options.fields ?? new Map();
    this.methods = options.methods ?? new Map();
    this.pointer = options.pointer ?? false;
    this.toJson = options.toJson;
  }
}

/**
 * A field of a struct, looked up as Go does: its own fields first, then those its embedded
 * structs promote (breadth first, the shallowest wins). Undefined when there is none; a nil
 * embedded pointer on the way is skipped.
 */
export function structField(value: GoStruct, name: string): { found: GoValue } | undefined {
  let level: GoStruct[] = [value];
  for (let depth = 0; depth < 8 && level.length > 0; depth++) {
    for (const struct of level)
      if (struct.fields.has(name)) return { found: struct.fields.get(name) };
    const next: GoStruct[] = [];
    for (const struct of level) {
      for (const embedded of struct.embedded) {
        const inner = struct.fields.get(embedded);
        if (inner instanceof GoStruct) next.push(inner);
      }
    }
    level = next;
  }
  return undefined;
}

/** True for a plain object standing for a Go map. */
export function isGoMap(value: GoValue): value is { readonly [key: string]: GoValue } {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof GoStruct) &&
    !(value instanceof GoNil) &&
    !(value instanceof GoFloat)
  );
}

/** Go's name of a value's type, as `%T` and error messages print it. */
export function goTypeName(value: GoValue): string {
  if (value === undefined || value === null) return "<nil>";
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float64";
  if (value instanceof GoFloat) return "float64";
  if (value instanceof GoNil) {
    if (value.typeName !== undefined) return value.typeName;
    return value.kind === "slice"
      ? "[]interface {}"
      : value.kind === "map"
        ? "map[string]interface {}"
        : "*struct {}";
  }
  if (value instanceof GoStruct) return `${value.pointer ? "*" : ""}${value.typeName}`;
  if (Array.isArray(value)) return "[]interface {}";
  return "map[string]interface {}";
}

/** Go's truth: false, 0, nil and empty strings, slices and maps are false. */
export function isTrue(value: GoValue): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === "string") return value.length > 0;
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0;
  if (value instanceof GoFloat) return value.value !== 0;
  if (value instanceof GoNil) return false;
  if (value instanceof GoStruct) return !value.zero;
  if (Array.isArray(value)) return value.length > 0;
  return Object.keys(value).length > 0;
}
