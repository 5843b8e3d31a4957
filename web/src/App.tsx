/** The explorer's frame: header with navigation and the language switch, and the pages. */
import { AppShell, Burger, Button, Container, Group, SegmentedControl, Stack, Text, Title, UnstyledButton } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { lazy, Suspense } from "react";
import { Link, NavLink, Route, Routes, useLocation } from "react-router";
import { AccountMenu } from "./components/AccountMenu.tsx";
import { Loading } from "./components/States.tsx";
import { useI18n } from "./i18n/index.tsx";
import { RequireSignIn, useSession } from "./lib/session.tsx";
import { AboutPage } from "./pages/AboutPage.tsx";
import { ComparePage } from "./pages/ComparePage.tsx";
import { LoginPage } from "./pages/LoginPage.tsx";
import { NationalPage } from "./pages/NationalPage.tsx";
import { PasswordPage } from "./pages/PasswordPage.tsx";
import { ProvincePage } from "./pages/ProvincePage.tsx";

// The administration pages load only for those who open them: the public explorer stays as light as before.
const AdminRoutes = lazy(() => import("./pages/admin/AdminRoutes.tsx"));

function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t.language}
      value={lang}
      onChange={(value) => setLang(value === "en" ? "en" : "vi")}
      data={[
        { value: "vi", label: "Tiếng Việt" },
        { value: "en", label: "English" },
      ]}
      data-testid="language-switch"
    />
  );
}

function NavLinks(props: { onNavigate?: () => void; vertical?: boolean }) {
  const { t } = useI18n();
  const { can } = useSession();
  const location = useLocation();
  const links = [
    { to: "/", label: t.nav.national, active: location.pathname === "/" || location.pathname.startsWith("/provinces") },
    { to: "/compare", label: t.nav.compare, active: location.pathname.startsWith("/compare") },
    { to: "/about", label: t.nav.about, active: location.pathname.startsWith("/about") },
    ...(can("organisations.read") ? [{ to: "/admin", label: t.nav.admin, active: location.pathname.startsWith("/admin") }] : []),
  ];
  const Wrapper = props.vertical ? Stack : Group;
  return (
    <Wrapper gap={4}>
      {links.map((link) => (
        <Button
          key={link.to}
          component={NavLink}
          to={link.to}
          variant={link.active ? "light" : "subtle"}
          color={link.active ? "red" : "dark"}
          size="sm"
          onClick={props.onNavigate}
          justify={props.vertical ? "flex-start" : undefined}
        >
          {link.label}
        </Button>
      ))}
      <Button component="a" href="/api/v1/docs" variant="subtle" color="dark" size="sm" justify={props.vertical ? "flex-start" : undefined}>
        {t.nav.api}
      </Button>
    </Wrapper>
  );
}

function NotFound() {
  const { t } = useI18n();
  return (
    <Stack align="flex-start">
      <Title order={1} size="h2">
        {t.notFoundTitle}
      </Title>
      <Button component={Link} to="/">
        {t.backHome}
      </Button>
    </Stack>
  );
}

export function App() {
  const { t } = useI18n();
  const { session } = useSession();
  // Signed in, the header also holds "Quản trị" and the person's name: the tagline gives way on laptops.
  const signedIn = Boolean(session?.user);
  const [opened, { toggle, close }] = useDisclosure(false);
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 260, breakpoint: "md", collapsed: { desktop: true, mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Container size="xl" h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label="menu" />
              <UnstyledButton component={Link} to="/" aria-label={t.appName}>
                <Group gap={8} wrap="nowrap">
                  <img src="/favicon.svg" alt="" width={28} height={28} />
                  <Stack gap={0}>
                    <Text fw={800} size="lg" lh={1.1} c="red.9">
                      {t.appName}
                    </Text>
                    <Text size="xs" c="dimmed" lh={1.1} visibleFrom={signedIn ? "xl" : "lg"}>
                      {t.appTagline}
                    </Text>
                  </Stack>
                </Group>
              </UnstyledButton>
            </Group>
            <Group gap="md" wrap="nowrap">
              <Group visibleFrom="md">
                <NavLinks />
              </Group>
              <LanguageSwitch />
              <Group visibleFrom="sm">
                <AccountMenu />
              </Group>
            </Group>
          </Group>
        </Container>
      </AppShell.Header>
      <AppShell.Navbar p="md">
        <Stack gap="md">
          <NavLinks vertical onNavigate={close} />
          {opened && (
            <Stack hiddenFrom="sm">
              <AccountMenu onNavigate={close} fullWidth />
            </Stack>
          )}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main>
        <Container size="xl" px={0}>
          <Routes>
            <Route path="/" element={<NationalPage />} />
            <Route path="/provinces/:code" element={<ProvincePage />} />
            <Route path="/compare" element={<ComparePage />} />
            <Route path="/about" element={<AboutPage />} />
            <Route path="/login" element={<LoginPage />} />
            <Route
              path="/account/password"
              element={
                <RequireSignIn passwordPage>
                  <PasswordPage />
                </RequireSignIn>
              }
            />
            <Route
              path="/admin/*"
              element={
                <RequireSignIn>
                  <Suspense fallback={<Loading />}>
                    <AdminRoutes />
                  </Suspense>
                </RequireSignIn>
              }
            />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
