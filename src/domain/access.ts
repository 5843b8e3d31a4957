/**
 * Who may do what, where: the one table of permissions by role and the scope rules. Pure: the HTTP layer
 * asks `allows` before a handler runs (deny by default), and services ask `allowsOn` for the record they
 * loaded, so a coordinator of one province never reaches another's data whatever the URL says.
 */
export const ROLES = ["admin", "coordinator", "leader", "officer", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export type Permission =
  /** Import official index results (national data: the system administrator only). */
  | "results.import"
  /** See a province's agencies. */
  | "organisations.read"
  /** Add, edit, merge, close agencies; set a province up. */
  | "organisations.manage"
  | "provinces.setup"
  /** See and manage people and their roles. */
  | "users.read"
  | "users.manage"
  /** Grant the system administrator role. */
  | "users.grant-admin"
  | "audit.read"
  /**
   * A province's improvement plans: reading them (every role of the province), writing them (the province's
   * coordinators; an agency's people for that agency's sub-plans only) and issuing them (a sub-plan is signed
   * off by its agency's leader).
   */
  | "plans.read"
  | "plans.manage"
  | "plans.issue"
  /** An agency's unpublished work (draft sub-plans, reports): issues 4 and 5 build on this. */
  | "agency-work.read"
  | "agency-work.write"
  | "agency-work.approve"
  /** Accept, return or reopen agencies' reports; see completeness and the consolidated view (Sở Nội vụ). */
  | "reports.review";

/** Where a role applies: everywhere, a province (and its predecessors), or one agency. */
type Reach = "system" | "province" | "agency";

const ROLE_RULES: Record<Role, { reach: Reach; permissions: readonly Permission[] }> = {
  admin: {
    reach: "system",
    permissions: [
      "results.import",
      "organisations.read",
      "organisations.manage",
      "provinces.setup",
      "users.read",
      "users.manage",
      "users.grant-admin",
      "audit.read",
      "plans.read",
      "plans.manage",
      "plans.issue",
    ],
  },
  coordinator: {
    reach: "province",
    permissions: [
      "organisations.read",
      "organisations.manage",
      "users.read",
      "users.manage",
      "audit.read",
      "agency-work.read",
      "plans.read",
      "plans.manage",
      "plans.issue",
      "reports.review",
    ],
  },
  leader: {
    reach: "agency",
    permissions: ["organisations.read", "plans.read", "plans.manage", "plans.issue", "agency-work.read", "agency-work.write", "agency-work.approve"],
  },
  officer: { reach: "agency", permissions: ["organisations.read", "plans.read", "plans.manage", "agency-work.read", "agency-work.write"] },
  // Province leadership: reads everything of its province, changes nothing.
  viewer: { reach: "province", permissions: ["organisations.read", "plans.read", "agency-work.read"] },
};

/** Permissions whose scope is the province even when the role reaches one agency (reading the agency list). */
const PROVINCE_WIDE: ReadonlySet<Permission> = new Set(["organisations.read", "plans.read"]);

export interface Grant {
  role: Role;
  /** null for the system administrator. */
  organisationId: number | null;
  /** The provinces the grant covers: the organisation's province and, for a 34-era one, its predecessors. */
  provinceUnitIds: readonly number[];
}

export interface Principal {
  userId: number;
  username: string;
  fullName: string;
  grants: readonly Grant[];
}

/** What a record belongs to, for the scope check. */
export interface Scope {
  provinceUnitId: number;
  organisationId?: number | null;
}

export function permissionsOf(role: Role): readonly Permission[] {
  return ROLE_RULES[role].permissions;
}


/** Does any of the person's roles carry the permission somewhere? (The route-level check.) */
export function allows(principal: Principal, permission: Permission): boolean {
  return principal.grants.some((g) => ROLE_RULES[g.role].permissions.includes(permission));
}

function grantReaches(grant: Grant, permission: Permission, scope: Scope): boolean {
  const { reach, permissions } = ROLE_RULES[grant.role];
  if (!permissions.includes(permission)) return false;
  if (reach === "system") return true;
  if (!grant.provinceUnitIds.includes(scope.provinceUnitId)) return false;
  if (reach === "province" || PROVINCE_WIDE.has(permission)) return true;
  return scope.organisationId != null && scope.organisationId === grant.organisationId;
}

/** May the person do this to a record of that province / agency? */
export function allowsOn(principal: Principal, permission: Permission, scope: Scope): boolean {
  return principal.grants.some((g) => grantReaches(g, permission, scope));
}

/**
 * The provinces in which the person has the permission; "all" for a system-wide role. Used to filter
 * lists (people, audit entries) rather than to check one record.
 */
export function provincesWith(principal: Principal, permission: Permission): "all" | number[] {
  const ids = new Set<number>();
  for (const grant of principal.grants) {
    const { reach, permissions } = ROLE_RULES[grant.role];
    if (!permissions.includes(permission)) continue;
    if (reach === "system") return "all";
    if (reach === "province" || PROVINCE_WIDE.has(permission)) for (const id of grant.provinceUnitIds) ids.add(id);
  }
  return [...ids];
}


/**
 * May `principal` give or take away this role in that place? Only an administrator touches the
 * administrator role; a coordinator manages roles inside the provinces it coordinates.
 */
export function mayAssign(principal: Principal, role: Role, scope: Scope | null): boolean {
  if (role === "admin") return allows(principal, "users.grant-admin");
  if (!scope) return false;
  return allowsOn(principal, "users.manage", scope);
}

