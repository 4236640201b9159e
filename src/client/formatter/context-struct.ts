import { goJson } from "../../digest/go-json.ts";
import { type GoMethod, GoStruct, type GoValue } from "../go-template/go-value.ts";

/** Options of `contextStruct`. */
export interface ContextStructOptions {
  /** Go type name without `*` (`formatter.ContainerContext`). */
  readonly typeName: string;
  /** Methods without arguments (`.ID`, `.Names`), computed when a template uses them. */
  readonly getters: Readonly<Record<string, () => GoValue>>;
  /** Methods with arguments (`.Label "k"`). */
  readonly methods?: Readonly<Record<string, GoMethod>>;
  /** Extra members `{{json .}}` writes that are not getters (`"Platform": null`). */
  readonly jsonExtras?: Readonly<Record<string, unknown>>;
}

/**
 * A docker CLI formatter context (`*formatter.ContainerContext` …) as a template value: a
 * pointer to a struct whose methods produce the columns. `{{json .}}` writes every getter's
 * value in a map (keys sorted, HTML-escaped), as the contexts' `MarshalJSON` does.
 */
export function contextStruct(options: ContextStructOptions): GoStruct {
  const methods = new Map<string, GoMethod>();
  for (const [name, getter] of Object.entries(options.getters)) {
    methods.set(name, { arity: 0, call: () => getter() });
  }
  for (const [name, method] of Object.entries(options.methods ?? {})) methods.set(name, method);
  return new GoStruct({
    typeName: options.typeName,
    pointer: true,
    methods,
    toJson: () => {
      const members = new Map<string, unknown>(Object.entries(options.jsonExtras ?? {}));
      for (const [name, getter] of Object.entries(options.getters)) members.set(name, getter());
      return goJson(members);
    },
  });
}

/** Docker's `SubHeaderContext`: header texts by field, plus `Label` (the label's last part). */
export function headerStruct(headers: Readonly<Record<string, string>>): GoStruct {
  return new GoStruct({
    typeName: "formatter.SubHeaderContext",
    fields: new Map(Object.entries(headers)),
    mapLike: true,
    methods: new Map([
      [
        "Label",
        {
          arity: 1,
          call: ([name]) => {
            const last = String(name).split(".").at(-1) ?? "";
            return last.replaceAll("-", " ").replaceAll("_", " ");
          },
        },
      ],
    ]),
    toJson: () => goJson(new Map(Object.entries(headers))),
  });
}

/** `k=v` pairs joined with commas, sorted, as the contexts print labels. */
export function joinLabels(labels: Readonly<Record<string, string>> | null | undefined): string {
  if (labels === null || labels === undefined) return "";
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .sort()
    .join(",");
}
