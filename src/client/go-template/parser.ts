import type {
  BranchFields,
  CommandNode,
  ListNode,
  Node,
  NumberNode,
  PipeNode,
  VariableNode,
} from "./ast.ts";
import { type Item, lexTemplate, TEMPLATE_LENGTH_MAX } from "./lexer.ts";
import { TemplateError } from "./template-error.ts";
import { goUnquote } from "./unquote.ts";

/** A parsed template: its root list, its source (for error positions) and its `define`s. */
export interface ParsedTemplate {
  /** The template's name, as errors quote it ("" for docker's formats). */
  readonly name: string;
  readonly text: string;
  readonly root: ListNode;
  readonly defines: ReadonlyMap<string, ListNode>;
}

/** Nesting limit of actions and parentheses, as Go's parser limits it. */
const DEPTH_MAX = 1000;

/**
 * Parses a template as Go's text/template/parse does, with the template name "" (docker's), so
 * errors read `template: :1: function "nope" not defined`. `functions` are the names a template
 * may call (Go rejects unknown ones at parse time).
 */
export function parseTemplate(
  text: string,
  functions: ReadonlySet<string>,
  name = "",
): ParsedTemplate {
  if (text.length > TEMPLATE_LENGTH_MAX) {
    throw new TemplateError(
      "parse",
      `template: ${name}:1: template longer than ${TEMPLATE_LENGTH_MAX}`,
    );
  }
  return new Parser(text, functions, name).parse();
}

type Stop =
  | { readonly kind: "end"; readonly pos: number }
  | { readonly kind: "else"; readonly pos: number };

class Parser {
  readonly #text: string;
  readonly #items: Item[];
  readonly #functions: ReadonlySet<string>;
  readonly #name: string;
  readonly #defines = new Map<string, ListNode>();
  #at = 0;
  #vars: string[] = ["$"];
  #rangeDepth = 0;
  #depth = 0;
  #actionLine = 0;

  constructor(text: string, functions: ReadonlySet<string>, name: string) {
    this.#name = name;
    this.#text = text;
    this.#items = lexTemplate(text);
    this.#functions = functions;
  }

  parse(): ParsedTemplate {
    const root: ListNode = { kind: "list", pos: 0, nodes: [] };
    while (this.#peek().type !== "eof") {
      if (this.#peek().type === "leftDelim" && this.#isDefine()) continue;
      const node = this.#textOrAction();
      if ("stop" in node) this.#fail(`unexpected {{${node.stop.kind}}}`);
      root.nodes.push(node);
    }
    return { name: this.#name, text: this.#text, root, defines: this.#defines };
  }

  // ---- tokens ----

  #current(): Item {
    return this.#items[Math.max(this.#at - 1, 0)] ?? this.#items.at(-1)!;
  }

  #next(): Item {
    const item = this.#items[this.#at] ?? this.#items.at(-1)!;
    if (this.#at < this.#items.length) this.#at++;
    if (item.type === "error") this.#fail(this.#errorText(item));
    return item;
  }

  #peek(): Item {
    const item = this.#items[this.#at] ?? this.#items.at(-1)!;
    return item;
  }

  #nextNonSpace(): Item {
    let item = this.#next();
    while (item.type === "space") item = this.#next();
    return item;
  }

  #peekNonSpace(): Item {
    const item = this.#nextNonSpace();
    this.#at--;
    return item;
  }

  #expect(type: Item["type"], context: string): Item {
    const item = this.#nextNonSpace();
    if (item.type !== type) this.#unexpected(item, context);
    return item;
  }

  #fail(message: string): never {
    throw new TemplateError("parse", `template: ${this.#name}:${this.#current().line}: ${message}`);
  }

  #errorText(item: Item): string {
    if (this.#actionLine !== 0 && this.#actionLine !== item.line) {
      const where = ` in action started at ${this.#name}:${this.#actionLine}`;
      return (
        item.value + (item.value.endsWith(" action") ? where.slice(" in action".length) : where)
      );
    }
    return item.value;
  }

  #unexpected(item: Item, context: string): never {
    this.#fail(`unexpected ${itemString(item)} in ${context}`);
  }

  // ---- structure ----

  #isDefine(): boolean {
    const start = this.#at;
    this.#next();
    const word = this.#nextNonSpace();
    if (word.type !== "keyword" || word.value !== "define") {
      this.#at = start;
      return false;
    }
    const name = this.#expectString("define clause");
    this.#expect("rightDelim", "define clause");
    const [list, stop] = this.#itemList();
    if (stop.kind !== "end") this.#fail("unexpected {{else}} in define clause");
    this.#defines.set(name, list);
    return true;
  }

  #expectString(context: string): string {
    const item = this.#nextNonSpace();
    if (item.type !== "string" && item.type !== "rawString") this.#unexpected(item, context);
    return this.#unquote(item);
  }

  #itemList(): [ListNode, Stop] {
    const list: ListNode = { kind: "list", pos: this.#peekNonSpace().pos, nodes: [] };
    while (this.#peekNonSpace().type !== "eof") {
      const node = this.#textOrAction();
      if ("stop" in node) return [list, node.stop];
      list.nodes.push(node);
    }
    this.#fail("unexpected EOF");
  }

  #textOrAction(): Node | { readonly stop: Stop } {
    const item = this.#nextNonSpace();
    if (item.type === "text") return { kind: "text", pos: item.pos, text: item.value };
    if (item.type === "leftDelim") {
      this.#actionLine = item.line;
      if (++this.#depth > DEPTH_MAX) this.#fail("max depth exceeded");
      try {
        return this.#action();
      } finally {
        this.#depth--;
        this.#actionLine = 0;
      }
    }
    this.#unexpected(item, "input");
  }

  #action(): Node | { readonly stop: Stop } {
    const item = this.#nextNonSpace();
    if (item.type === "keyword") {
      switch (item.value) {
        case "end":
          return { stop: { kind: "end", pos: this.#expect("rightDelim", "end").pos } };
        case "else":
          return { stop: this.#elseControl() };
        case "if":
        case "range":
        case "with":
          return this.#control(item.value);
        case "break":
        case "continue":
          return this.#loopControl(item);
        case "template":
        case "block":
          return this.#templateControl(item);
        default:
          this.#unexpected(item, "command");
      }
    }
    this.#at--;
    const pipe = this.#pipeline("command", "rightDelim");
    return { kind: "action", pos: item.pos, line: item.line, pipe };
  }

  #elseControl(): Stop {
    const peek = this.#peekNonSpace();
    if (peek.type === "keyword" && (peek.value === "if" || peek.value === "with")) {
      return { kind: "else", pos: peek.pos };
    }
    return { kind: "else", pos: this.#expect("rightDelim", "else").pos };
  }

  #loopControl(item: Item): Node {
    const token = this.#nextNonSpace();
    if (token.type !== "rightDelim") this.#unexpected(token, `{{${item.value}}}`);
    if (this.#rangeDepth === 0) this.#fail(`{{${item.value}}} outside {{range}}`);
    return item.value === "break"
      ? { kind: "break", pos: item.pos }
      : { kind: "continue", pos: item.pos };
  }

  #templateControl(item: Item): Node {
    const name = this.#expectString(`${item.value} clause`);
    let pipe: PipeNode | undefined;
    if (this.#peekNonSpace().type !== "rightDelim")
      pipe = this.#pipeline(`${item.value} clause`, "rightDelim");
    else this.#nextNonSpace();
    if (item.value === "block") {
      const [list, stop] = this.#itemList();
      if (stop.kind !== "end") this.#fail("unexpected {{else}} in block clause");
      this.#defines.set(name, list);
    }
    return { kind: "template", pos: item.pos, line: item.line, name, pipe };
  }

  #control(kind: "if" | "range" | "with"): Node {
    const varCount = this.#vars.length;
    try {
      const fields = this.#controlFields(kind);
      return { kind, ...fields };
    } finally {
      this.#vars.length = varCount;
    }
  }

  #controlFields(kind: "if" | "range" | "with"): BranchFields {
    const pipe = this.#pipeline(kind, "rightDelim");
    if (kind === "range") this.#rangeDepth++;
    const [list, stop] = this.#itemList();
    if (kind === "range") this.#rangeDepth--;
    let elseList: ListNode | undefined;
    if (stop.kind === "else") {
      const peek = this.#peekNonSpace();
      if ((kind === "if" || kind === "with") && peek.type === "keyword" && peek.value === kind) {
        // `{{else if …}}` is `{{else}}{{if …}}…{{end}}{{end}}` sharing one {{end}}.
        this.#next();
        const nested = this.#control(kind);
        elseList = { kind: "list", pos: stop.pos, nodes: [nested] };
      } else {
        const [list2, stop2] = this.#itemList();
        if (stop2.kind !== "end") this.#fail("expected end; found {{else}}");
        elseList = list2;
      }
    }
    return { pos: pipe.pos, line: pipe.line, pipe, list, elseList };
  }

  // ---- pipelines ----

  #pipeline(context: string, end: "rightDelim" | "rightParen"): PipeNode {
    const start = this.#peekNonSpace();
    const decl: VariableNode[] = [];
    let isAssign = false;
    if (start.type === "variable") {
      const declared = this.#declarations(decl);
      isAssign = declared === "assign";
    }
    const pipe: PipeNode = {
      kind: "pipe",
      pos: start.pos,
      line: start.line,
      isAssign,
      decl,
      cmds: [],
    };
    for (;;) {
      const token = this.#nextNonSpace();
      if (token.type === end) {
        this.#checkPipeline(pipe, context);
        return pipe;
      }
      if (OPERAND_START.has(token.type)) {
        this.#at--;
        pipe.cmds.push(this.#command());
      } else this.#unexpected(token, context);
    }
  }

  /** `$x :=`, `$x =`, `$i, $e :=`; returns how variables were bound, or undefined for none. */
  #declarations(decl: VariableNode[]): "declare" | "assign" | undefined {
    const start = this.#at;
    const variable = this.#nextNonSpace();
    const next = this.#peekNonSpace();
    if (next.type === "declare" || next.type === "assign") {
      this.#nextNonSpace();
      decl.push({ kind: "variable", pos: variable.pos, ident: [variable.value] });
      if (next.type === "declare") this.#vars.push(variable.value);
      else this.#useVar(variable);
      return next.type;
    }
    if (next.type === "comma") {
      this.#nextNonSpace();
      decl.push({ kind: "variable", pos: variable.pos, ident: [variable.value] });
      this.#vars.push(variable.value);
      const second = this.#nextNonSpace();
      if (second.type !== "variable") this.#fail(`range can only initialize variables`);
      const binder = this.#nextNonSpace();
      if (binder.type !== "declare" && binder.type !== "assign") this.#unexpected(binder, "range");
      decl.push({ kind: "variable", pos: second.pos, ident: [second.value] });
      this.#vars.push(second.value);
      return binder.type;
    }
    this.#at = start;
    return undefined;
  }

  #checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.#fail(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((command, index) => {
      const first = command.args[0];
      if (first !== undefined && NON_EXECUTABLE.has(first.kind)) {
        this.#fail(`non executable command in pipeline stage ${index + 2}`);
      }
    });
  }

  #command(): CommandNode {
    const command: CommandNode = { kind: "command", pos: this.#peekNonSpace().pos, args: [] };
    for (;;) {
      this.#peekNonSpace();
      const operand = this.#operand();
      if (operand !== undefined) command.args.push(operand);
      const token = this.#next();
      if (token.type === "space") continue;
      if (token.type === "rightDelim" || token.type === "rightParen") this.#at--;
      else if (token.type !== "pipe") this.#unexpected(token, "operand");
      break;
    }
    if (command.args.length === 0) this.#fail("empty command");
    return command;
  }

  #operand(): Node | undefined {
    const node = this.#term();
    if (node === undefined) return undefined;
    if (this.#peek().type !== "field") return node;
    const pos = this.#peek().pos;
    const fields: string[] = [];
    while (this.#peek().type === "field") fields.push(this.#next().value.slice(1));
    switch (node.kind) {
      case "field":
        return { kind: "field", pos, ident: [...node.ident, ...fields] };
      case "variable":
        return { kind: "variable", pos, ident: [...node.ident, ...fields] };
      case "bool":
      case "string":
      case "number":
      case "nil":
      case "dot":
        return this.#fail(`unexpected . after term "${nodeText(node)}"`);
      default:
        return { kind: "chain", pos, node, field: fields };
    }
  }

  #term(): Node | undefined {
    const token = this.#nextNonSpace();
    switch (token.type) {
      case "identifier":
        if (!this.#functions.has(token.value)) this.#fail(`function "${token.value}" not defined`);
        return { kind: "identifier", pos: token.pos, name: token.value };
      case "dot":
        return { kind: "dot", pos: token.pos };
      case "nil":
        return { kind: "nil", pos: token.pos };
      case "variable":
        this.#useVar(token);
        return { kind: "variable", pos: token.pos, ident: [token.value] };
      case "field":
        return { kind: "field", pos: token.pos, ident: [token.value.slice(1)] };
      case "bool":
        return { kind: "bool", pos: token.pos, value: token.value === "true" };
      case "char":
      case "number":
        return this.#number(token);
      case "leftParen":
        if (++this.#depth > DEPTH_MAX) this.#fail("max depth exceeded");
        try {
          return this.#pipeline("parenthesized pipeline", "rightParen");
        } finally {
          this.#depth--;
        }
      case "string":
      case "rawString":
        return { kind: "string", pos: token.pos, quoted: token.value, text: this.#unquote(token) };
      default:
        this.#at--;
        return undefined;
    }
  }

  #useVar(token: Item): void {
    const name = token.value.split(".")[0]!;
    if (!this.#vars.includes(name)) this.#fail(`undefined variable "${name}"`);
  }

  #unquote(token: Item): string {
    if (token.type === "rawString") return token.value.slice(1, -1).replaceAll("\r", "");
    const text = goUnquote(token.value);
    if (text === undefined) this.#fail(`invalid syntax`);
    return text;
  }

  #number(token: Item): NumberNode {
    const parsed = parseNumber(token);
    if (parsed === undefined) this.#fail(`illegal number syntax: "${token.value}"`);
    return parsed;
  }
}

const OPERAND_START: ReadonlySet<Item["type"]> = new Set([
  "bool",
  "char",
  "dot",
  "field",
  "identifier",
  "number",
  "nil",
  "rawString",
  "string",
  "variable",
  "leftParen",
]);

const NON_EXECUTABLE: ReadonlySet<Node["kind"]> = new Set([
  "bool",
  "dot",
  "nil",
  "number",
  "string",
]);

function nodeText(node: Node): string {
  switch (node.kind) {
    case "bool":
      return node.value ? "true" : "false";
    case "string":
      return node.quoted;
    case "number":
      return node.text;
    case "nil":
      return "nil";
    default:
      return ".";
  }
}

/** Go's `item.String()`, as parse errors quote a token. */
function itemString(item: Item): string {
  if (item.type === "eof") return "EOF";
  if (item.type === "error") return item.value;
  if (item.type === "keyword") return `<${item.value}>`;
  if (item.type === "leftDelim" || item.type === "rightDelim") return `"${item.value}"`;
  const quoted = JSON.stringify(item.value);
  return [...item.value].length > 10
    ? `${JSON.stringify([...item.value].slice(0, 10).join(""))}...`
    : quoted;
}

function parseNumber(token: Item): NumberNode | undefined {
  const text = token.value;
  const base = { kind: "number" as const, pos: token.pos, text };
  if (token.type === "char") {
    const inner = text.slice(1, -1);
    const decoded = inner.startsWith("\\") ? goUnquote(`"${inner}"`) : inner;
    if (decoded === undefined || [...decoded].length !== 1) return undefined;
    return { ...base, int: decoded.codePointAt(0)! };
  }
  if (text.endsWith("i")) return undefined;
  const clean = text.replaceAll("_", "");
  const unsigned = clean.replace(/^[+-]/, "");
  const negative = clean.startsWith("-");
  let integer: number | undefined;
  if (/^0[xX][0-9a-fA-F]+$/.test(unsigned)) integer = Number.parseInt(unsigned.slice(2), 16);
  else if (/^0[bB][01]+$/.test(unsigned)) integer = Number.parseInt(unsigned.slice(2), 2);
  else if (/^0[oO]?[0-7]+$/.test(unsigned) && unsigned.length > 1) {
    integer = Number.parseInt(unsigned.replace(/^0[oO]?/, ""), 8);
  } else if (/^[0-9]+$/.test(unsigned)) integer = Number(unsigned);
  if (integer !== undefined) return { ...base, int: negative ? -integer : integer };
  if (!/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(unsigned)) return undefined;
  const float = Number(clean);
  if (!Number.isFinite(float)) return undefined;
  return Number.isInteger(float) ? { ...base, float, int: float } : { ...base, float };
}
