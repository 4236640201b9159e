import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { GoTemplate } from "../../../../src/client/go-template/go-template.ts";
import {
  GoFloat,
  GoNil,
  GoStruct,
  type GoValue,
} from "../../../../src/client/go-template/go-value.ts";
import { TemplateError } from "../../../../src/client/go-template/template-error.ts";

/** Expected outputs below are what docker 28.2 printed for the same template (see fixtures). */
const DATA: GoValue = {
  Name: "/x1",
  Config: {
    Cmd: ["sh", "-c", "echo hi"],
    Labels: { tier: "front", "ddc.test": "yes" },
    Env: ["A=1"],
  },
  State: { Running: true, ExitCode: 3, Health: null },
  Mounts: [{ Name: "v", Destination: "/data" }],
};

function run(
  template: string,
  data: GoValue = DATA,
  missingKey: "invalid" | "error" = "invalid",
): string {
  return GoTemplate.parse(template).execute(data, { missingKey });
}

function failure(
  template: string,
  data: GoValue = DATA,
  missingKey: "invalid" | "error" = "invalid",
): string {
  try {
    run(template, data, missingKey);
  } catch (error) {
    assert.ok(error instanceof TemplateError);
    return error.message;
  }
  return assert.fail("no error");
}

describe("Go templates", () => {
  it("prints values as Go's %v does", () => {
    assert.equal(run("{{.Config.Cmd}}"), "[sh -c echo hi]");
    assert.equal(run("{{.Config.Labels}}"), "map[ddc.test:yes tier:front]");
    assert.equal(run("{{.Nope}}"), "<no value>");
    assert.equal(run("{{.State.Health}}"), "<nil>");
    assert.equal(run("{{.}}", new GoNil("slice")), "[]");
    assert.equal(run("{{.}}", new GoNil("map")), "map[]");
    const state = new GoStruct({
      typeName: "types.ContainerState",
      pointer: true,
      fields: new Map<string, GoValue>([
        ["Status", "running"],
        ["Pid", 9984],
        ["Error", ""],
        ["Health", new GoNil("pointer")],
      ]),
    });
    assert.equal(run("{{.}}", state), "{running 9984  <nil>}");
    assert.equal(run("{{.}}", { m: state }), "map[m:0xc000000000]");
    assert.equal(run("{{.}}", new GoFloat(67108864)), "6.7108864e+07");
  });

  it("runs the functions docker users use", () => {
    assert.equal(
      run("{{json .Config.Cmd}} {{json .Config.Labels}}"),
      '["sh","-c","echo hi"] {"ddc.test":"yes","tier":"front"}',
    );
    assert.equal(run('{{json "a>b&c"}}'), '"a>b&c"');
    assert.equal(
      run('{{join .Config.Cmd ","}} {{lower "ABC"}} {{upper "abc"}} {{title "hello world"}}'),
      "sh,-c,echo hi abc ABC Hello World",
    );
    assert.equal(
      run('{{index .Config.Labels "tier"}}|{{index .Config.Labels "nope"}}|'),
      "front||",
    );
    assert.equal(run("{{range .Mounts}}{{.Name}}:{{.Destination}} {{end}}"), "v:/data ");
    assert.equal(run("{{if .State.Running}}yes{{else}}no{{end}}"), "yes");
    assert.equal(
      run('{{printf "%s-%d-%v-%q" .Name .State.ExitCode .State.Running .Name}}'),
      '/x1-3-true-"/x1"',
    );
    assert.equal(run("{{println .Name}}{{.Name}}"), "/x1\n/x1");
    assert.equal(run('{{range $i, $e := split "a,b,c" ","}}{{$i}}={{$e}};{{end}}'), "0=a;1=b;2=c;");
    assert.equal(
      run('{{truncate .Name 2}}|{{pad .Name 1 2}}|{{pad "" 1 1}}|{{len .Name}}'),
      "/x| /x1  ||3",
    );
    assert.equal(
      run(
        '{{eq 1 1}} {{ne "a" "b"}} {{lt 1 2}} {{and 1 0}} {{or 0 "x"}} {{not true}} {{eq .Name "a" "/x1"}}',
      ),
      "true true true 0 x false true",
    );
    assert.equal(run('{{print 1 2 "a" "b" 3}}|{{println "x" 1}}|'), "1 2ab3|x 1\n|");
    assert.equal(run('{{index "abc" 1}} {{slice "abcdef" 1 3}}'), "98 bc");
    assert.equal(run('{{$x := .Name}}{{$x}} {{$x = "y"}}{{$x}}'), "/x1 y");
    assert.equal(run("{{with .Name}}[{{.}}]{{else}}none{{end}}"), "[/x1]");
    assert.equal(
      run("{{1e6}} {{0x10}} {{1.0}} {{2.5e-7}} {{123456789.0}} {{.Name | len}}"),
      "1e+06 16 1 2.5e-07 1.23456789e+08 3",
    );
    assert.equal(run("{{range 3}}{{.}}{{end}}"), "012");
    assert.equal(
      run('{{html "<a&b>"}} {{urlquery "a b&c"}} {{js "a\'b<"}}'),
      "&lt;a&amp;b&gt; a+b%26c a\\'b\\u003C",
    );
    assert.equal(run("{{ .Name -}}  X  {{- .Name }}"), "/x1X/x1");
    assert.equal(run('{{define "T"}}<{{.}}>{{end}}{{template "T" .Name}}'), "</x1>");
    assert.equal(
      run("{{range 3}}{{if eq . 1}}{{continue}}{{end}}{{if eq . 2}}{{break}}{{end}}{{.}}{{end}}"),
      "0",
    );
  });

  it("reports parse errors as Go does", () => {
    assert.equal(failure("{{.Name"), "template: :1: unclosed action");
    assert.equal(failure("{{nope}}"), 'template: :1: function "nope" not defined');
    assert.equal(failure("{{end}}"), "template: :1: unexpected {{end}}");
    assert.equal(failure("{{if}}"), "template: :1: missing value for if");
    assert.equal(failure("{{.Name}"), "template: :1: bad character U+007D '}'");
    assert.equal(failure('{{"open}}'), "template: :1: unterminated quoted string");
    assert.equal(failure("{{$nope}}"), 'template: :1: undefined variable "$nope"');
    assert.equal(failure("{{break}}"), "template: :1: {{break}} outside {{range}}");
    assert.equal(failure("{{if .Name}}\n{{.Name}}"), "template: :2: unexpected EOF");
  });

  it("reports execution errors with Go's position and context", () => {
    assert.equal(
      failure("{{join}}"),
      'template: :1:2: executing "" at <join>: wrong number of args for join: want 2 got 0',
    );
    assert.equal(
      failure("{{.Name.Foo}}"),
      'template: :1:7: executing "" at <.Name.Foo>: can\'t evaluate field Foo in type string',
    );
    assert.equal(
      failure("{{index .Config.Cmd 99}}"),
      'template: :1:2: executing "" at <index .Config.Cmd 99>: error calling index: index out of range: 99',
    );
    assert.equal(
      failure('{{join 1 ","}}'),
      'template: :1:7: executing "" at <1>: can\'t handle 1 for arg of type []string',
    );
    assert.equal(
      failure("{{eq 1 1.0}}"),
      'template: :1:2: executing "" at <eq 1 1.0>: error calling eq: incompatible types for comparison',
    );
    assert.equal(
      failure("{{.Nope}}", DATA, "error"),
      'template: :1:2: executing "" at <.Nope>: map has no entry for key "Nope"',
    );
    assert.equal(
      failure("{{.Config.Nope}}", DATA, "error"),
      'template: :1:9: executing "" at <.Config.Nope>: map has no entry for key "Nope"',
    );
    assert.equal(
      failure("{{.State.Health.Status}}"),
      'template: :1:8: executing "" at <.State.Health.Status>: nil pointer evaluating interface {}.Status',
    );
    assert.equal(
      failure("x\n  {{true 1}}"),
      'template: :2:4: executing "" at <true>: can\'t give argument to non-function true',
    );
    assert.equal(
      failure("{{range .Name}}{{end}}"),
      'template: :1:8: executing "" at <.Name>: range can\'t iterate over /x1',
    );
    assert.equal(
      GoTemplate.parse("{{.A}}", { name: "version" }).executePartial(
        { B: 1 },
        { missingKey: "error" },
      ).error?.message,
      'template: version:1:2: executing "version" at <.A>: map has no entry for key "A"',
    );
  });

  it("keeps what was written before an error", () => {
    const result = GoTemplate.parse("a{{.B}}c{{.Nope.X}}{{.B.X}}d").executePartial({ B: "b" });
    assert.equal(result.output, "abc<no value>");
    assert.match(result.error?.message ?? "", /can't evaluate field X in type string/);
  });

  it("bounds template size and recursion", () => {
    assert.throws(() => GoTemplate.parse("x".repeat(70_000)), TemplateError);
    const loop = GoTemplate.parse('{{define "T"}}{{template "T" .}}{{end}}{{template "T" .}}');
    assert.throws(() => loop.execute(1), /exceeded maximum template depth/);
  });
});
