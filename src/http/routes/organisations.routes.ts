/** A province's agencies: the tree, adding, editing, closing, merging, and the first set-up. */
import type { Services } from "../../compose.ts";
import { provinceRef } from "../../services/catalog.ts";
import {
  idParam,
  mergeResultSchema,
  organisationCloseBody,
  organisationCreateBody,
  organisationDetailSchema,
  organisationListSchema,
  organisationMergeBody,
  organisationPatchBody,
  organisationSchema,
  organisationsQuery,
  provinceKeyParam,
  provincesManagedSchema,
  setupBody,
  setupResultSchema,
} from "../account-schemas.ts";
import type { RouteRegistry } from "../route.ts";
import { z } from "zod";

const TAG = "Cơ quan, đơn vị / Organisations";

export function registerOrganisationRoutes(api: RouteRegistry, services: Services): void {
  const province = async (key: string) => (await services.results.catalog()).provinceByKey(key);
  const provinceParams = z.object({ province: provinceKeyParam });
  const idParams = z.object({ id: idParam });

  api.add({
    method: "get",
    path: "/provinces",
    tag: TAG,
    access: "organisations.read",
    summary: "The provinces the signed-in person works in (all for an administrator), with their number of bodies",
    response: provincesManagedSchema,
    errors: [401, 403],
    handler: async (c, { actor }) => {
      const rows = await services.organisations.provinces(actor);
      return c.json(rows.map((r) => ({ province: provinceRef(r.province), organisations: r.organisations })));
    },
  });

  api.add({
    method: "post",
    path: "/provinces/{province}/setup",
    tag: TAG,
    access: "provinces.setup",
    summary: "Create a province's bodies from the default list (2025 structure) and its communes",
    description: "Only for a province that has no bodies yet. Bodies only some provinces have are left to add by hand.",
    params: provinceParams,
    body: setupBody,
    response: setupResultSchema,
    errors: [400, 401, 403, 404, 409],
    handler: async (c, { params, body, actor }) => {
      const p = await province(params.province);
      return c.json(await services.organisations.setupProvince(actor, p.id, { communes: body.communes }));
    },
  });

  api.add({
    method: "get",
    path: "/provinces/{province}/organisations",
    tag: TAG,
    access: "organisations.read",
    summary: "A province's bodies (current ones, or all with includeEnded), People's Committee first",
    params: provinceParams,
    query: organisationsQuery,
    response: organisationListSchema,
    errors: [400, 401, 403, 404],
    handler: async (c, { params, query, actor }) => {
      const p = await province(params.province);
      const organisations = await services.organisations.list(actor, p.id, { includeEnded: query.includeEnded });
      return c.json({ province: provinceRef(p), organisations });
    },
  });

  api.add({
    method: "post",
    path: "/provinces/{province}/organisations",
    tag: TAG,
    access: "organisations.manage",
    summary: "Add a body to a province",
    params: provinceParams,
    body: organisationCreateBody,
    response: organisationSchema,
    errors: [400, 401, 403, 404, 409, 415],
    handler: async (c, { params, body, actor }) => {
      const p = await province(params.province);
      return c.json(await services.organisations.create(actor, { ...body, provinceUnitId: p.id }));
    },
  });

  api.add({
    method: "post",
    path: "/provinces/{province}/organisations/merge",
    tag: TAG,
    access: "organisations.manage",
    summary: "Merge bodies into an existing or a new one; their units and people's roles move to it",
    params: provinceParams,
    body: organisationMergeBody,
    response: mergeResultSchema,
    errors: [400, 401, 403, 404, 409, 415],
    handler: async (c, { params, body, actor }) => {
      const p = await province(params.province);
      return c.json(await services.organisations.merge(actor, { ...body, provinceUnitId: p.id }));
    },
  });

  api.add({
    method: "get",
    path: "/organisations/{id}",
    tag: TAG,
    access: "organisations.read",
    summary: "One body, the bodies merged into it and the one it was merged into",
    params: idParams,
    response: organisationDetailSchema,
    errors: [400, 401, 403, 404],
    handler: async (c, { params, actor }) => c.json(await services.organisations.get(actor, params.id)),
  });

  api.add({
    method: "patch",
    path: "/organisations/{id}",
    tag: TAG,
    access: "organisations.manage",
    summary: "Edit a current body (name, code, document symbol, parent, kind, start date, note)",
    params: idParams,
    body: organisationPatchBody,
    response: organisationSchema,
    errors: [400, 401, 403, 404, 409, 415],
    handler: async (c, { params, body, actor }) => c.json(await services.organisations.update(actor, params.id, body)),
  });

  api.add({
    method: "post",
    path: "/organisations/{id}/close",
    tag: TAG,
    access: "organisations.manage",
    summary: "Close (dissolve) a body on a date; it stays in the history",
    params: idParams,
    body: organisationCloseBody,
    response: organisationSchema,
    errors: [400, 401, 403, 404, 409, 415],
    handler: async (c, { params, body, actor }) => c.json(await services.organisations.close(actor, params.id, body)),
  });
}
