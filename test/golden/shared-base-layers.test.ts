import { test } from "node:test";
import { checkGolden } from "./scenario-golden.ts";

test("sim-scenarios/shared-base-layers: trace and walkthrough equal the golden files", async () => {
  await checkGolden("shared-base-layers");
});
