import { test } from "node:test";
import { checkGolden } from "./scenario-golden.ts";

test("sim-scenarios/seed-workflow: trace and walkthrough equal the golden files", async () => {
  await checkGolden("seed-workflow");
});
