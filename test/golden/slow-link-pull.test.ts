import { test } from "node:test";
import { checkGolden } from "./scenario-golden.ts";

test("sim-scenarios/slow-link-pull: trace and walkthrough equal the golden files", async () => {
  await checkGolden("slow-link-pull");
});
