import type {
  ChainNode,
  CommandNode,
  FieldNode,
  IdentifierNode,
  ListNode,
  Node,
  PipeNode,
  RangeNode,
  VariableNode,
} from "./ast.ts";
import { nodeString } from "./ast.ts";
import { type ParamType, SHORT_CIRCUIT, type TemplateFunction } from "./functions.ts";
import { formatPrintable } from "./go-print.ts";
import {
  GoFloat,
  GoNil,
  GoStruct,
  type GoValue,
  goTypeName,
  isGoMap,
  isTrue,
  structField,
} from "./go-value.ts";
import type { ParsedTemplate } from "./parser.ts";
import { TemplateError } from "./template-error.ts";

/** Options of one execution. */
export interface ExecOptions {
  readonly functions: ReadonlyMap<string, TemplateFunction>;
  /** What a missing map key gives: no value (Go's default) or an error (`missingkey=error`). */
  readonly missingKey?: "invalid" | "error";
  /** Largest output, in UTF-16 units; more is an error. */
  readonly outputMax?: number;
}

const OUTPUT_MAX = 16 * 1024 * 1024;
const DEPTH_MAX = 1000;
const NO_FINAL: unique symbol = Symbol("no final");
type Final = GoValue | typeof NO_FINAL;

class LoopSignal {
  constructor(readonly kind: "break" | "continue") {}
}

/** Runs a parsed template on `data` and returns the text, or throws Go's execution error. */
export function executeTemplate(
  template: ParsedTemplate,
  data: GoValue,
  options: ExecOptions,
): string {
  const { output, error } = executeTemplatePartial(template, data, options);
  if (error !== undefined) throw error;
  return output;
}

/**
 * Runs a template and returns what it wrote before an error, with the error: Go's `Execute`
 * writes as it goes, and docker prints a table header even when executing it failed half-way.
 */
export function executeTemplatePartial(
  template: ParsedTemplate,
  data: GoValue,
  options: ExecOptions,
): { output: string; error?: TemplateError } {
  const state = new State(template, options);
  state.vars.push({ name: "$", value: data });
  try {
    state.walk(data, template.root);
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    return { output: state.out.join(""), error };
  }
  return { output: state.out.join("") };
}

class State {
  readonly out: string[] = [];
  readonly vars: { name: string; value: GoValue }[] = [];
  #outputLength = 0;
  #node: Node | undefined;
  #depth = 0;

  constructor(
    readonly template: ParsedTemplate,
    readonly options: ExecOptions,
  ) {}

  #at(node: Node): void {
    this.#node = node;
  }

  #error(message: string): never {
    const node = this.#node;
    const name = this.template.name;
    const location = `${name}${node === undefined ? ":1" : errorLocation(this.template.text, node.pos)}`;
    // Go 1.24's ErrorContext prints the whole node (older Go cut it at 20 characters).
    const context = node === undefined ? "" : nodeString(node);
    throw new TemplateError(
      "execute",
      `template: ${location}: executing "${name}" at <${context}>: ${message}`,
    );
  }

  #write(text: string): void {
    this.#outputLength += text.length;
    if (this.#outputLength > (this.options.outputMax ?? OUTPUT_MAX)) this.#error("output too long");
    this.out.push(text);
  }

  walk(dot: GoValue, node: Node): void {
    this.#at(node);
    switch (node.kind) {
      case "list":
        for (const child of node.nodes) this.walk(dot, child);
        return;
      case "text":
        this.#write(node.text);
        return;
      case "action": {
        const value = this.#evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) {
          this.#at(node);
          this.#write(formatPrintable(value));
        }
        return;
      }
      case "if":
      case "with":
        this.#walkIfOrWith(dot, node);
        return;
      case "range":
        this.#walkRange(dot, node);
        return;
      case "break":
      case "continue":
        throw new LoopSignal(node.kind);
      case "template":
        this.#walkTemplate(dot, node);
        return;
      default:
        this.#error(`unknown node: ${nodeString(node)}`);
    }
  }

  #walkIfOrWith(dot: GoValue, node: Extract<Node, { kind: "if" | "with" }>): void {
    const mark = this.vars.length;
    try {
      const value = this.#evalPipeline(dot, node.pipe);
      if (isTrue(value)) this.walk(node.kind === "with" ? value : dot, node.list);
      else if (node.elseList !== undefined) this.walk(dot, node.elseList);
    } finally {
      this.vars.length = mark;
    }
  }

  #walkRange(dot: GoValue, node: RangeNode): void {
    const mark = this.vars.length;
    try {
      const value = this.#evalPipeline(dot, node.pipe);
      const entries = this.#rangeEntries(value);
      if (entries.length === 0) {
        if (node.elseList !== undefined) this.walk(dot, node.elseList);
        return;
      }
      for (const [key, element] of entries) {
        if (!this.#rangeStep(node, key, element)) break;
      }
    } finally {
      this.vars.length = mark;
    }
  }

  /** One iteration; false after `{{break}}`. */
  #rangeStep(node: RangeNode, key: GoValue, element: GoValue): boolean {
    const mark = this.vars.length;
    const [first, second] = node.pipe.decl;
    if (first !== undefined)
      this.#setTopVar(second === undefined ? 1 : 2, second === undefined ? element : key);
    if (second !== undefined) this.#setTopVar(1, element);
    try {
      this.walk(element, node.list);
    } catch (signal) {
      if (!(signal instanceof LoopSignal)) throw signal;
      if (signal.kind === "break") return false;
    } finally {
      this.vars.length = mark;
    }
    return true;
  }

  #setTopVar(fromTop: number, value: GoValue): void {
    const entry = this.vars[this.vars.length - fromTop];
    if (entry !== undefined) entry.value = value;
  }

  #rangeEntries(value: GoValue): [GoValue, GoValue][] {
    if (value === undefined || value === null || value instanceof GoNil) return [];
    if (Array.isArray(value)) return value.map((item: GoValue, index: number) => [index, item]);
    if (typeof value === "number" && Number.isInteger(value)) {
      return Array.from({ length: Math.max(value, 0) }, (_, index) => [index, index]);
    }
    if (isGoMap(value))
      return Object.keys(value)
        .sort()
        .map((key) => [key, value[key]]);
    this.#error(`range can't iterate over ${formatPrintable(value)}`);
  }

  #walkTemplate(dot: GoValue, node: Extract<Node, { kind: "template" }>): void {
    const body = this.template.defines.get(node.name);
    if (body === undefined) this.#error(`template "${node.name}" not defined`);
    if (++this.#depth > DEPTH_MAX) this.#error("exceeded maximum template depth (1000)");
    const value = node.pipe === undefined ? undefined : this.#evalPipeline(dot, node.pipe);
    const saved = this.vars.splice(0);
    this.vars.push({ name: "$", value });
    try {
      this.walk(value, body as ListNode);
    } finally {
      this.vars.splice(0, this.vars.length, ...saved);
      this.#depth--;
    }
  }

  #evalPipeline(dot: GoValue, pipe: PipeNode): GoValue {
    this.#at(pipe);
    let value: Final = NO_FINAL;
    for (const command of pipe.cmds) value = this.#evalCommand(dot, command, value);
    const result = value === NO_FINAL ? undefined : value;
    for (const variable of pipe.decl) {
      if (pipe.isAssign) this.#assign(variable.ident[0]!, result);
      else this.vars.push({ name: variable.ident[0]!, value: result });
    }
    return result;
  }

  #assign(name: string, value: GoValue): void {
    for (let index = this.vars.length - 1; index >= 0; index--) {
      if (this.vars[index]!.name === name) {
        this.vars[index]!.value = value;
        return;
      }
    }
    this.#error(`undefined variable: ${name}`);
  }

  #varValue(name: string): GoValue {
    for (let index = this.vars.length - 1; index >= 0; index--) {
      if (this.vars[index]!.name === name) return this.vars[index]!.value;
    }
    this.#error(`undefined variable: ${name}`);
  }

  #evalCommand(dot: GoValue, command: CommandNode, final: Final): GoValue {
    const first = command.args[0]!;
    switch (first.kind) {
      case "field":
        return this.#evalFieldNode(dot, first, command.args, final);
      case "chain":
        return this.#evalChainNode(dot, first, command.args, final);
      case "identifier":
        return this.#evalFunction(dot, first, command, command.args, final);
      case "pipe":
        this.#notAFunction(command.args, final);
        return this.#evalPipeline(dot, first);
      case "variable":
        return this.#evalVariableNode(dot, first, command.args, final);
      default:
        break;
    }
    this.#at(first);
    this.#notAFunction(command.args, final);
    switch (first.kind) {
      case "bool":
        return first.value;
      case "dot":
        return dot;
      case "nil":
        return this.#error("nil is not a command");
      case "number":
        return first.float !== undefined &&
          /[.eEpP]/.test(first.text) &&
          !/^[+-]?0[xX]/.test(first.text)
          ? new GoFloat(first.float)
          : (first.int ?? first.float ?? 0);
      case "string":
        return first.text;
      default:
        this.#error(`can't evaluate command ${nodeString(first)}`);
    }
  }

  #notAFunction(args: readonly Node[], final: Final): void {
    if (args.length > 1 || final !== NO_FINAL) {
      this.#error(`can't give argument to non-function ${nodeString(args[0]!)}`);
    }
  }

  #evalFieldNode(dot: GoValue, field: FieldNode, args: readonly Node[], final: Final): GoValue {
    this.#at(field);
    return this.#evalFieldChain({
      dot,
      receiver: dot,
      node: field,
      ident: field.ident,
      args,
      final,
    });
  }

  #evalChainNode(dot: GoValue, chain: ChainNode, args: readonly Node[], final: Final): GoValue {
    if (chain.node.kind === "nil")
      this.#error(`indirection through explicit nil in ${nodeString(chain)}`);
    const receiver = this.#evalArg(dot, "any", chain.node);
    return this.#evalFieldChain({ dot, receiver, node: chain, ident: chain.field, args, final });
  }

  #evalVariableNode(
    dot: GoValue,
    variable: VariableNode,
    args: readonly Node[],
    final: Final,
  ): GoValue {
    this.#at(variable);
    const value = this.#varValue(variable.ident[0]!);
    if (variable.ident.length === 1) {
      this.#notAFunction(args, final);
      return value;
    }
    return this.#evalFieldChain({
      dot,
      receiver: value,
      node: variable,
      ident: variable.ident.slice(1),
      args,
      final,
    });
  }

  #evalFieldChain(chain: {
    dot: GoValue;
    receiver: GoValue;
    node: Node;
    ident: readonly string[];
    args: readonly Node[];
    final: Final;
  }): GoValue {
    let receiver = chain.receiver;
    const last = chain.ident.length - 1;
    for (let index = 0; index < last; index++) {
      receiver = this.#evalField(
        chain.dot,
        chain.ident[index]!,
        chain.node,
        [],
        NO_FINAL,
        receiver,
      );
    }
    return this.#evalField(
      chain.dot,
      chain.ident[last]!,
      chain.node,
      chain.args,
      chain.final,
      receiver,
    );
  }

  #evalField(
    dot: GoValue,
    name: string,
    node: Node,
    args: readonly Node[],
    final: Final,
    receiver: GoValue,
  ): GoValue {
    this.#at(node);
    const hasArgs = args.length > 1 || final !== NO_FINAL;
    if (receiver === undefined) {
      if (this.options.missingKey === "error") this.#error(`nil data; no entry for key "${name}"`);
      return undefined;
    }
    if (receiver instanceof GoStruct) {
      const method = receiver.methods.get(name);
      if (method !== undefined) return this.#callMethod(dot, { name, node, args, final, method });
      const field = structField(receiver, name);
      if (field !== undefined) {
        if (hasArgs) this.#error(`${name} has arguments but cannot be invoked as function`);
        return field.found;
      }
      if (receiver.mapLike) {
        if (hasArgs) this.#error(`${name} is not a method but has arguments`);
        if (this.options.missingKey === "error") this.#error(`map has no entry for key "${name}"`);
        return undefined;
      }
    } else if (isGoMap(receiver) || (receiver instanceof GoNil && receiver.kind === "map")) {
      if (hasArgs) this.#error(`${name} is not a method but has arguments`);
      if (isGoMap(receiver) && Object.hasOwn(receiver, name)) return receiver[name];
      if (this.options.missingKey === "error") this.#error(`map has no entry for key "${name}"`);
      return undefined;
    } else if (receiver === null) {
      this.#error(`nil pointer evaluating interface {}.${name}`);
    } else if (receiver instanceof GoNil && receiver.kind === "pointer") {
      this.#error(`nil pointer evaluating ${goTypeName(receiver)}.${name}`);
    }
    this.#error(`can't evaluate field ${name} in type ${goTypeName(receiver)}`);
  }

  #callMethod(
    dot: GoValue,
    call: {
      name: string;
      node: Node;
      args: readonly Node[];
      final: Final;
      method: { arity: number; call(args: readonly GoValue[]): GoValue };
    },
  ): GoValue {
    // In a chain (`.Names.Foo`) a method before the last one is called without arguments.
    const given = Math.max(call.args.length - 1, 0) + (call.final === NO_FINAL ? 0 : 1);
    if (given !== call.method.arity) {
      this.#error(`wrong number of args for ${call.name}: want ${call.method.arity} got ${given}`);
    }
    const values = call.args.slice(1).map((arg) => this.#evalArg(dot, "any", arg));
    if (call.final !== NO_FINAL) values.push(call.final);
    this.#at(call.node);
    return call.method.call(values);
  }

  #evalFunction(
    dot: GoValue,
    identifier: IdentifierNode,
    command: CommandNode,
    args: readonly Node[],
    final: Final,
  ): GoValue {
    this.#at(identifier);
    const name = identifier.name;
    const fn = this.options.functions.get(name);
    if (fn === undefined) this.#error(`"${name}" is not a defined function`);
    if (SHORT_CIRCUIT.has(name)) return this.#evalShortCircuit(dot, name, command, args, final);
    return this.#evalCall(dot, { fn, name, command, args: args.slice(1), final });
  }

  #evalShortCircuit(
    dot: GoValue,
    name: string,
    command: CommandNode,
    args: readonly Node[],
    final: Final,
  ): GoValue {
    const operands = args.slice(1);
    const count = operands.length + (final === NO_FINAL ? 0 : 1);
    if (count < 1) {
      this.#at(command);
      this.#error(`wrong number of args for ${name}: want at least 1 got 0`);
    }
    let value: GoValue;
    for (const operand of operands) {
      value = this.#evalArg(dot, "any", operand);
      if (isTrue(value) === (name === "or")) return value;
    }
    if (final !== NO_FINAL) value = final;
    return value;
  }

  #evalCall(
    dot: GoValue,
    call: {
      fn: TemplateFunction;
      name: string;
      command: CommandNode;
      args: readonly Node[];
      final: Final;
    },
  ): GoValue {
    const { fn, name } = call;
    const given = call.args.length + (call.final === NO_FINAL ? 0 : 1);
    const fixed = fn.params.length;
    if (fn.variadic === undefined ? given !== fixed : given < fixed) {
      this.#at(call.command.args[0]!);
      const want = fn.variadic === undefined ? `${fixed}` : `at least ${fixed}`;
      this.#error(`wrong number of args for ${name}: want ${want} got ${given}`);
    }
    const values = call.args.map((arg, index) =>
      this.#evalArg(dot, fn.params[index] ?? fn.variadic ?? "any", arg),
    );
    if (call.final !== NO_FINAL) {
      const type = fn.params[values.length] ?? fn.variadic ?? "any";
      values.push(this.#checkType(type, call.final));
    }
    try {
      return fn.call(values);
    } catch (error) {
      if (error instanceof TemplateError) throw error;
      this.#at(call.command);
      this.#error(
        `error calling ${name}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  #evalArg(dot: GoValue, type: ParamType, node: Node): GoValue {
    this.#at(node);
    switch (node.kind) {
      case "dot":
        return this.#checkType(type, dot);
      case "nil":
        if (type === "any" || type === "[]string") return null;
        return this.#error(`cannot assign nil to ${type}`);
      case "field":
        return this.#checkType(type, this.#evalFieldNode(dot, node, [node], NO_FINAL));
      case "variable":
        return this.#checkType(type, this.#evalVariableNode(dot, node, [], NO_FINAL));
      case "pipe":
        return this.#checkType(type, this.#evalPipeline(dot, node));
      case "identifier":
        return this.#checkType(
          type,
          this.#evalFunction(
            dot,
            node,
            { kind: "command", pos: node.pos, args: [node] },
            [node],
            NO_FINAL,
          ),
        );
      case "chain":
        return this.#checkType(type, this.#evalChainNode(dot, node, [], NO_FINAL));
      case "bool":
      case "number":
      case "string":
        return this.#constantArg(type, node);
      default:
        this.#error(`can't handle ${nodeString(node)} for arg of type ${type}`);
    }
  }

  #constantArg(
    type: ParamType,
    node: Extract<Node, { kind: "bool" | "number" | "string" }>,
  ): GoValue {
    const value: GoValue =
      node.kind === "bool"
        ? node.value
        : node.kind === "string"
          ? node.text
          : /[.eEpP]/.test(node.text) && !/^[+-]?0[xX]/.test(node.text) && node.float !== undefined
            ? type === "int" && node.int !== undefined
              ? node.int
              : new GoFloat(node.float)
            : (node.int ?? 0);
    const ok =
      type === "any" ||
      (type === "string" && node.kind === "string") ||
      (type === "bool" && node.kind === "bool") ||
      (type === "int" && node.kind === "number" && node.int !== undefined);
    if (!ok) this.#error(`can't handle ${nodeString(node)} for arg of type ${TYPE_NAMES[type]}`);
    return value;
  }

  #checkType(type: ParamType, value: GoValue): GoValue {
    if (type === "any") return value;
    const ok =
      (type === "string" && typeof value === "string") ||
      (type === "bool" && typeof value === "boolean") ||
      (type === "int" && typeof value === "number" && Number.isInteger(value)) ||
      (type === "[]string" &&
        (value instanceof GoNil ||
          (Array.isArray(value) && value.every((item) => typeof item === "string"))));
    if (ok) return value;
    if (value === undefined) this.#error(`invalid value; expected ${TYPE_NAMES[type]}`);
    this.#error(`wrong type for value; expected ${TYPE_NAMES[type]}; got ${goTypeName(value)}`);
  }
}

const TYPE_NAMES: Readonly<Record<ParamType, string>> = {
  any: "interface {}",
  string: "string",
  int: "int",
  bool: "bool",
  "[]string": "[]string",
};

/** Go's `ErrorContext` location: `:LINE:COL` with COL the byte offset within the line. */
function errorLocation(text: string, pos: number): string {
  const before = text.slice(0, pos);
  const lineStart = before.lastIndexOf("\n") + 1;
  const line = before.split("\n").length;
  const column = new TextEncoder().encode(before.slice(lineStart)).length;
  return `:${line}:${column}`;
}
