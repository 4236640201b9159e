import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BUILTIN_BUILD_ARGS, BuildArgs } from "../../../../src/builder/dockerfile/build-args.ts";

describe("BuildArgs (ARG scoping, Docker 20.10)", () => {
  it("makes meta ARGs visible to FROM, and to a stage only once redeclared", () => {
    const global = new BuildArgs();
    global.addMetaArg("V", "meta");
    assert.equal(global.metaEnv()("V"), "meta");
    const stage = global.forStage();
    assert.equal(stage.expansionEnv([])("V"), undefined);
    stage.addArg("V", undefined);
    assert.equal(stage.expansionEnv([])("V"), "meta");
    stage.addArg("V", "stage");
    assert.equal(stage.expansionEnv([])("V"), "stage");
  });

  it("lets --build-arg override defaults, but only for declared names and the proxy builtins", () => {
    const global = new BuildArgs({ V: "cli", HTTP_PROXY: "http://p", UNSET: null });
    const stage = global.forStage();
    assert.equal(stage.expansionEnv([])("V"), undefined);
    assert.equal(stage.expansionEnv([])("HTTP_PROXY"), "http://p");
    stage.addArg("V", "default");
    stage.addArg("UNSET", "fallback");
    assert.deepEqual(
      [...stage.allowed()],
      [
        ["HTTP_PROXY", "http://p"],
        ["UNSET", "fallback"],
        ["V", "cli"],
      ],
    );
  });

  it("lets ENV win over an ARG of the same name", () => {
    const stage = new BuildArgs({ X: "cli" }).forStage();
    stage.addArg("X", "arg");
    stage.addArg("Y", "y");
    assert.deepEqual(stage.filterAllowed(["X=env"]), ["Y=y"]);
    assert.equal(stage.expansionEnv(["X=env"])("X"), "env");
  });

  it("keeps undeclared proxy ARGs out of the RUN prefix, declared ones in", () => {
    const stage = new BuildArgs({ HTTP_PROXY: "p", no_proxy: "n" }).forStage();
    assert.deepEqual(stage.runCommandPrefix([]), ["|0"]);
    stage.addArg("no_proxy", undefined);
    stage.addArg("B", "2");
    assert.deepEqual(stage.runCommandPrefix([]), ["|2", "B=2", "no_proxy=n"]);
    assert.deepEqual(new BuildArgs().forStage().runCommandPrefix([]), []);
  });

  it("warns about unused build args, sorted, builtins excepted", () => {
    const global = new BuildArgs({ USED: "1", ZZZ: "2", AAA: "3", FTP_PROXY: "x" });
    const stage = global.forStage();
    stage.addArg("USED", undefined);
    global.mergeReferenced(stage);
    assert.equal(
      global.unusedWarning(),
      "[Warning] One or more build-args [AAA ZZZ] were not consumed",
    );
    assert.equal(new BuildArgs({ HTTPS_PROXY: "x" }).unusedWarning(), undefined);
  });

  it("lists the eight proxy builtins", () => {
    assert.equal(BUILTIN_BUILD_ARGS.length, 8);
    assert.ok(BUILTIN_BUILD_ARGS.includes("no_proxy"));
  });
});
