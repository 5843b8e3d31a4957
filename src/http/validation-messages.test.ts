/** Every field a request body can carry has a name a civil servant reads in its error message. */
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { createTestServices } from "../../test/support/database.ts";
import { createApp } from "./app.ts";
import { fieldLabel } from "./validation-messages.ts";

/** The keys of an object schema and of the objects inside it (lists, unions, optional fields). */
function keysOf(schema: z.ZodType, into = new Set<string>()): Set<string> {
  const def = (schema as unknown as { def: Record<string, unknown> }).def;
  if (def.type === "object") {
    for (const [key, child] of Object.entries((schema as z.ZodObject).shape)) {
      into.add(key);
      keysOf(child as z.ZodType, into);
    }
  }
  for (const inner of [def.innerType, def.element, def.in, def.out].filter(Boolean)) keysOf(inner as z.ZodType, into);
  for (const option of (def.options as z.ZodType[] | undefined) ?? []) keysOf(option, into);
  return into;
}

describe("field labels", () => {
  test("every body field of every route is named in Vietnamese and English", async () => {
    const services = await createTestServices("pglite", { seed: false });
    try {
      const { routes } = createApp(services, { webRoot: null });
      const unnamed = new Set<string>();
      for (const spec of routes) {
        if (!spec.body) continue;
        for (const key of keysOf(spec.body)) {
          if (fieldLabel([key], "vi") === key || fieldLabel([key], "en") === key) unnamed.add(key);
        }
      }
      expect([...unnamed].sort()).toEqual([]);
    } finally {
      await services.close();
    }
  });

  test("a list position is counted from 1 and joins the list's name", () => {
    expect(fieldLabel(["targets", 0, "value"], "vi")).toBe("Chỉ tiêu 1 › Điểm, giá trị");
    expect(fieldLabel(["roles", 2, "organisationId"], "en")).toBe("Roles 3 › Organisation");
  });
});
