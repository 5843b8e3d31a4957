/** People and their roles. */
import { z } from "zod";
import type { Services } from "../../compose.ts";
import {
  idParam,
  peopleQuery,
  personCreateBody,
  personPatchBody,
  personSchema,
  personWithPasswordSchema,
  rolesBody,
} from "../account-schemas.ts";
import type { RouteRegistry } from "../route.ts";

const TAG = "Người dùng / People";

export function registerPeopleRoutes(api: RouteRegistry, services: Services): void {
  const idParams = z.object({ id: idParam });

  api.add({
    method: "get",
    path: "/users",
    tag: TAG,
    access: "users.read",
    summary: "People the signed-in person may manage (a coordinator: those of its province)",
    query: peopleQuery,
    response: z.array(personSchema),
    errors: [400, 401, 403, 404],
    handler: async (c, { query, actor }) => {
      const provinceUnitId = query.province ? (await services.results.catalog()).provinceByKey(query.province).id : undefined;
      return c.json(
        await services.people.list(actor, {
          ...(provinceUnitId !== undefined ? { provinceUnitId } : {}),
          ...(query.organisation !== undefined ? { organisationId: query.organisation } : {}),
          ...(query.q ? { q: query.q } : {}),
          includeDisabled: query.includeDisabled,
        }),
      );
    },
  });

  api.add({
    method: "post",
    path: "/users",
    tag: TAG,
    access: "users.manage",
    summary: "Add a person with roles; without a password, a temporary one is generated and shown once",
    body: personCreateBody,
    response: personWithPasswordSchema,
    errors: [400, 401, 403, 404, 409, 415],
    handler: async (c, { body, actor }) => c.json(await services.people.create(actor, body)),
  });

  api.add({
    method: "get",
    path: "/users/{id}",
    tag: TAG,
    access: "signed-in",
    summary: "One person (oneself, or someone one manages)",
    params: idParams,
    response: personSchema,
    errors: [400, 401, 403, 404],
    handler: async (c, { params, actor }) => c.json(await services.people.get(actor, params.id)),
  });

  api.add({
    method: "patch",
    path: "/users/{id}",
    tag: TAG,
    access: "users.manage",
    summary: "Edit a person's name, e-mail, position, phone",
    params: idParams,
    body: personPatchBody,
    response: personSchema,
    errors: [400, 401, 403, 404, 409, 415],
    handler: async (c, { params, body, actor }) => c.json(await services.people.update(actor, params.id, body)),
  });

  api.add({
    method: "put",
    path: "/users/{id}/roles",
    tag: TAG,
    access: "users.manage",
    summary: "Set a person's roles (those the caller may grant; roles elsewhere are kept)",
    params: idParams,
    body: rolesBody,
    response: personSchema,
    errors: [400, 401, 403, 404, 409, 415],
    handler: async (c, { params, body, actor }) => c.json(await services.people.setRoles(actor, params.id, body.roles)),
  });

  for (const [path, disabled, summary] of [
    ["/users/{id}/disable", true, "Disable an account: its sessions end at once"],
    ["/users/{id}/enable", false, "Enable a disabled account again"],
  ] as const) {
    api.add({
      method: "post",
      path,
      tag: TAG,
      access: "users.manage",
      summary,
      params: idParams,
      response: personSchema,
      errors: [400, 401, 403, 404, 409],
      handler: async (c, { params, actor }) => c.json(await services.people.setDisabled(actor, params.id, disabled)),
    });
  }

  api.add({
    method: "post",
    path: "/users/{id}/reset-password",
    tag: TAG,
    access: "users.manage",
    summary: "Give a person a new temporary password (shown once), lift a lock, end their sessions",
    params: idParams,
    response: personWithPasswordSchema,
    errors: [400, 401, 403, 404],
    handler: async (c, { params, actor }) => c.json(await services.people.resetPassword(actor, params.id)),
  });
}
