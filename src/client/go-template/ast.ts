/** Nodes of a parsed Go template (text/template/parse), with Go's `String()` for error context. */
export type Node =
  | ListNode
  | TextNode
  | ActionNode
  | PipeNode
  | CommandNode
  | FieldNode
  | ChainNode
  | VariableNode
  | IdentifierNode
  | DotNode
  | NilNode
  | BoolNode
  | NumberNode
  | StringNode
  | IfNode
  | RangeNode
  | WithNode
  | BreakNode
  | ContinueNode
  | TemplateNode;

interface Positioned {
  /** UTF-16 offset of the node in the template text. */
  readonly pos: number;
}

export interface ListNode extends Positioned {
  readonly kind: "list";
  readonly nodes: Node[];
}
export interface TextNode extends Positioned {
  readonly kind: "text";
  readonly text: string;
}
export interface ActionNode extends Positioned {
  readonly kind: "action";
  readonly line: number;
  readonly pipe: PipeNode;
}
export interface PipeNode extends Positioned {
  readonly kind: "pipe";
  readonly line: number;
  readonly isAssign: boolean;
  readonly decl: VariableNode[];
  readonly cmds: CommandNode[];
}
export interface CommandNode extends Positioned {
  readonly kind: "command";
  readonly args: Node[];
}
export interface FieldNode extends Positioned {
  readonly kind: "field";
  readonly ident: readonly string[];
}
export interface ChainNode extends Positioned {
  readonly kind: "chain";
  readonly node: Node;
  readonly field: readonly string[];
}
export interface VariableNode extends Positioned {
  readonly kind: "variable";
  readonly ident: readonly string[];
}
export interface IdentifierNode extends Positioned {
  readonly kind: "identifier";
  readonly name: string;
}
export interface DotNode extends Positioned {
  readonly kind: "dot";
}
export interface NilNode extends Positioned {
  readonly kind: "nil";
}
export interface BoolNode extends Positioned {
  readonly kind: "bool";
  readonly value: boolean;
}
export interface NumberNode extends Positioned {
  readonly kind: "number";
  readonly text: string;
  /** Integer value when the constant is an integer (or a char). */
  readonly int?: number;
  /** Float value when the constant is written as a float (`1.5`, `1e6`). */
  readonly float?: number;
}
export interface StringNode extends Positioned {
  readonly kind: "string";
  readonly quoted: string;
  readonly text: string;
}
export interface BranchFields extends Positioned {
  readonly line: number;
  readonly pipe: PipeNode;
  readonly list: ListNode;
  readonly elseList?: ListNode;
}
export interface IfNode extends BranchFields {
  readonly kind: "if";
}
export interface RangeNode extends BranchFields {
  readonly kind: "range";
}
export interface WithNode extends BranchFields {
  readonly kind: "with";
}
export interface BreakNode extends Positioned {
  readonly kind: "break";
}
export interface ContinueNode extends Positioned {
  readonly kind: "continue";
}
export interface TemplateNode extends Positioned {
  readonly kind: "template";
  readonly line: number;
  readonly name: string;
  readonly pipe?: PipeNode;
}

/** Go's `Node.String()`: how a node reads back, as error messages quote it. */
export function nodeString(node: Node): string {
  switch (node.kind) {
    case "list":
      return node.nodes.map(nodeString).join("");
    case "text":
      return node.text;
    case "action":
      return `{{${nodeString(node.pipe)}}}`;
    case "pipe":
      return pipeString(node);
    case "command":
      return node.args
        .map((arg) => (arg.kind === "pipe" ? `(${nodeString(arg)})` : nodeString(arg)))
        .join(" ");
    case "field":
      return node.ident.map((part) => `.${part}`).join("");
    case "chain": {
      const inner =
        node.node.kind === "pipe" ? `(${nodeString(node.node)})` : nodeString(node.node);
      return inner + node.field.map((part) => `.${part}`).join("");
    }
    case "variable":
      return node.ident.join(".");
    case "identifier":
      return node.name;
    case "dot":
      return ".";
    case "nil":
      return "nil";
    case "bool":
      return node.value ? "true" : "false";
    case "number":
      return node.text;
    case "string":
      return node.quoted;
    case "if":
    case "range":
    case "with":
      return branchString(node);
    case "break":
      return "{{break}}";
    case "continue":
      return "{{continue}}";
    case "template":
      return `{{template ${JSON.stringify(node.name)}${node.pipe === undefined ? "" : ` ${nodeString(node.pipe)}`}}}`;
  }
}

function pipeString(pipe: PipeNode): string {
  const decl =
    pipe.decl.length === 0
      ? ""
      : `${pipe.decl.map(nodeString).join(", ")} ${pipe.isAssign ? "=" : ":="} `;
  return decl + pipe.cmds.map(nodeString).join(" | ");
}

function branchString(node: IfNode | RangeNode | WithNode): string {
  const elsePart = node.elseList === undefined ? "" : `{{else}}${nodeString(node.elseList)}`;
  return `{{${node.kind} ${nodeString(node.pipe)}}}${nodeString(node.list)}${elsePart}{{end}}`;
}
