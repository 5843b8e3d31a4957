/**
 * The administration part (/admin/…), loaded only when opened: a side navigation showing what the person's
 * permissions allow, the province picker (remembered in the URL as ?province=15) and the pages.
 */
import { useEffect, type ReactNode } from "react";
import { Badge, Button, Grid, Group, NavLink as MantineNavLink, Paper, Select, Stack, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { Link, Navigate, Outlet, Route, Routes, useLocation, useOutletContext, useSearchParams } from "react-router";
import type { Permission } from "@domain/access.ts";
import { LoadError, Loading } from "../../components/States.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { adminApi, type ManagedProvince } from "../../lib/admin-api.ts";
import { ADMIN_KEY, useSession } from "../../lib/session.tsx";
import { useTitle } from "../../lib/title.ts";
import { AuditPage } from "./AuditPage.tsx";
import { NoPermission } from "./common.tsx";
import { DashboardPage } from "./DashboardPage.tsx";
import { useOwnAgencies, useReadsProvinceReports } from "./data.ts";
import { ImportPage } from "./ImportPage.tsx";
import { MyTasksPage } from "./MyTasksPage.tsx";
import { NextDraftPage } from "./NextDraftPage.tsx";
import { OrganisationsPage } from "./OrganisationsPage.tsx";
import { PeoplePage } from "./PeoplePage.tsx";
import { PlanPage } from "./PlanPage.tsx";
import { PlansPage } from "./PlansPage.tsx";
import { ReportPage } from "./ReportPage.tsx";
import { ReportsPage } from "./ReportsPage.tsx";

type Section = "dashboard" | "organisations" | "plans" | "myTasks" | "reports" | "people" | "import" | "audit";
interface Who {
  can: (p: Permission) => boolean;
  /** Works for an agency as its leader or an officer. */
  agency: boolean;
  /** Reads every agency's work in the province: Sở Nội vụ and the province's leadership. */
  province: boolean;
}
const SECTIONS: { key: Section; path: string; allowed: (who: Who) => boolean }[] = [
  // The province at a glance, their home: targets and reporting side by side.
  { key: "dashboard", path: "dashboard", allowed: ({ province }) => province },
  { key: "organisations", path: "organisations", allowed: ({ can }) => can("organisations.read") },
  { key: "plans", path: "plans", allowed: ({ can }) => can("plans.read") },
  { key: "myTasks", path: "my-tasks", allowed: ({ can, agency }) => agency && can("plans.read") },
  // An agency's people and the province-wide readers of its reports (not the system administrator).
  { key: "reports", path: "reports", allowed: ({ can, agency }) => agency || can("agency-work.read") },
  { key: "people", path: "people", allowed: ({ can }) => can("users.read") },
  { key: "import", path: "import", allowed: ({ can }) => can("organisations.manage") || can("users.manage") },
  { key: "audit", path: "audit", allowed: ({ can }) => can("audit.read") },
];

function useWho(): Who {
  const { can } = useSession();
  return { can, agency: useOwnAgencies().length > 0, province: useReadsProvinceReports() };
}

export interface AdminContext {
  /** The province worked on, null while loading or when the person has none. */
  province: ManagedProvince | null;
  /** More than one province to choose from (an administrator). */
  manyProvinces: boolean;
}

export function useAdminContext(): AdminContext {
  return useOutletContext<AdminContext>();
}

export default function AdminRoutes() {
  const who = useWho();
  const allowed = (section: Section) => SECTIONS.find((s) => s.key === section)!.allowed(who);
  const guard = (section: Section, page: ReactNode) => (allowed(section) ? page : <NoPermission />);
  return (
    <Routes>
      <Route element={<AdminLayout />}>
        <Route index element={<AdminHome />} />
        <Route path="dashboard" element={guard("dashboard", <DashboardPage />)} />
        <Route path="organisations" element={guard("organisations", <OrganisationsPage />)} />
        <Route path="plans" element={guard("plans", <PlansPage />)} />
        <Route path="plans/next-draft" element={guard("plans", <NextDraftPage />)} />
        <Route path="plans/:id" element={guard("plans", <PlanPage />)} />
        <Route path="my-tasks" element={guard("myTasks", <MyTasksPage />)} />
        <Route path="reports" element={guard("reports", <ReportsPage />)} />
        <Route path="reports/:id" element={guard("reports", <ReportPage />)} />
        <Route path="people" element={guard("people", <PeoplePage />)} />
        <Route path="import" element={guard("import", <ImportPage />)} />
        <Route path="audit" element={guard("audit", <AuditPage />)} />
        <Route path="*" element={<AdminHome />} />
      </Route>
    </Routes>
  );
}

function AdminHome() {
  const who = useWho();
  const location = useLocation();
  const first = SECTIONS.find((s) => s.allowed(who));
  if (!first) return <NoPermission />;
  return <Navigate to={`/admin/${first.path}${location.search}`} replace />;
}

function AdminLayout() {
  const { t } = useI18n();
  const { can, session } = useSession();
  const who = useWho();
  const narrow = useMediaQuery("(max-width: 62em)");
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const provinces = useQuery({
    queryKey: [ADMIN_KEY, "provinces"],
    queryFn: adminApi.provinces,
    enabled: can("organisations.read"),
  });
  const list = provinces.data ?? [];
  const chosen = params.get("province");
  const own = session?.provinces[0]?.key;
  const province =
    list.find((p) => p.province.key === chosen) ??
    list.find((p) => p.province.key === own) ??
    list.find((p) => p.organisations > 0) ??
    list[0] ??
    null;

  useEffect(() => {
    if (province && chosen !== province.province.key) {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          next.set("province", province.province.key);
          return next;
        },
        { replace: true },
      );
    }
  }, [province, chosen, setParams]);

  useTitle(t.admin.title);
  const search = province ? `?province=${province.province.key}` : "";
  const visible = SECTIONS.filter((s) => s.allowed(who));
  const picker =
    list.length > 1 ? (
      <Select
        label={t.admin.province}
        data={list.map((p) => ({
          value: p.province.key,
          label: p.province.set === "vn34" ? p.province.name : `${p.province.name} (${p.province.key})`,
        }))}
        value={province?.province.key ?? null}
        onChange={(key) =>
          key &&
          setParams((current) => {
            const next = new URLSearchParams(current);
            next.set("province", key);
            return next;
          })
        }
        searchable
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
        data-testid="province-picker"
        renderOption={({ option }) => {
          const count = list.find((p) => p.province.key === option.value)?.organisations ?? 0;
          return (
            <Group justify="space-between" w="100%" wrap="nowrap">
              <Text size="sm">{option.label}</Text>
              {count > 0 && (
                <Badge size="xs" variant="light" color="gray">
                  {count}
                </Badge>
              )}
            </Group>
          );
        }}
      />
    ) : province ? (
      <Stack gap={0}>
        <Text size="xs" c="dimmed">
          {t.admin.province}
        </Text>
        <Text fw={600} data-testid="province-name">
          {province.province.fullName}
        </Text>
      </Stack>
    ) : null;

  const nav = narrow ? (
    <Group gap={6} wrap="wrap" component="nav" aria-label={t.admin.title} data-testid="admin-nav">
      {visible.map((s) => (
        <Button
          key={s.key}
          component={Link}
          to={`/admin/${s.path}${search}`}
          size="compact-sm"
          variant={inSection(location.pathname, `/admin/${s.path}`) ? "light" : "default"}
          color={inSection(location.pathname, `/admin/${s.path}`) ? "red" : "gray"}
        >
          {t.admin.sections[s.key]}
        </Button>
      ))}
    </Group>
  ) : (
    <Paper withBorder radius="md" p="xs" component="nav" aria-label={t.admin.title} data-testid="admin-nav">
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" py={6}>
        {t.admin.title}
      </Text>
      {visible.map((s) => (
        <SideLink key={s.key} to={`/admin/${s.path}${search}`} label={t.admin.sections[s.key]} />
      ))}
    </Paper>
  );

  const context: AdminContext = { province, manyProvinces: list.length > 1 };
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 3, lg: 2.5 }}>
        <Stack gap="md" pos={narrow ? undefined : "sticky"} top={76}>
          {nav}
          {picker}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 9, lg: 9.5 }}>
        {provinces.error ? <LoadError error={provinces.error} retry={() => void provinces.refetch()} /> : null}
        {provinces.isPending && can("organisations.read") ? <Loading /> : <Outlet context={context} />}
      </Grid.Col>
    </Grid>
  );
}

/** A section's page or one of its records (/admin/plans/3 is in "Kế hoạch"). */
const inSection = (pathname: string, section: string) => pathname === section || pathname.startsWith(`${section}/`);

function SideLink({ to, label }: { to: string; label: string }) {
  const location = useLocation();
  const active = inSection(location.pathname, to.split("?")[0]!);
  return <MantineNavLink component={Link} to={to} label={label} active={active} color="red" variant="light" style={{ borderRadius: 6 }} />;
}
