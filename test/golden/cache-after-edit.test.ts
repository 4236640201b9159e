import { test } from "node:test";
import { checkGolden } from "./scenario-golden.ts";

test("sim-scenarios/cache-after-edit: trace and walkthrough equal the golden files", async () => {
  await checkGolden("cache-after-edit");
});
