/** A world (see test/accounts/support.ts) with the demo's two seed plans loaded, and their ids. */
import type { Engine } from "../../src/db/client.ts";
import { SYSTEM_ACTOR } from "../../src/services/actor.ts";
import { loadDemoPlans } from "../../src/services/demo-plans.ts";
import { createWorld, type World } from "../accounts/support.ts";

export async function createPlanWorld(engine: Engine): Promise<{ w: World; laoCai: number; bacKan: number }> {
  const w = await createWorld(engine, {}, { seed: true });
  const { services } = w;
  await loadDemoPlans({ catalog: services.results.catalog, plans: services.plans, tasks: services.tasks, organisations: services.organisations });
  const all = await services.plans.list(SYSTEM_ACTOR);
  return { w, laoCai: all.find((p) => p.number === "170/KH-UBND")!.id, bacKan: all.find((p) => p.number === "416/KH-UBND")!.id };
}
