import { test } from "node:test";
import { checkGolden } from "./scenario-golden.ts";

test("sim-scenarios/registry-outage-during-push: trace and walkthrough equal the golden files", async () => {
  await checkGolden("registry-outage-during-push");
});
