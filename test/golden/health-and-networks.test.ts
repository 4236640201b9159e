import { test } from "node:test";
import { checkGolden } from "./scenario-golden.ts";

test("sim-scenarios/health-and-networks: trace and walkthrough equal the golden files", async () => {
  await checkGolden("health-and-networks");
});
