/** Signing in: username or e-mail and password; in demonstration mode, a warning with the sample accounts. */
import { useState } from "react";
import { Alert, Anchor, Code, List, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { AccountForm } from "../components/AccountForm.tsx";
import { Loading } from "../components/States.tsx";
import { useI18n } from "../i18n/index.tsx";
import { safeNext, useSession } from "../lib/session.tsx";
import { useTitle } from "../lib/title.ts";

export function LoginPage() {
  const { t, fill } = useI18n();
  const { session, loading, signIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useTitle(t.account.loginTitle);

  if (loading) return <Loading />;
  if (session?.user && !busy) {
    return <Navigate to={session.mustChangePassword ? `/account/password?next=${encodeURIComponent(next)}` : next} replace />;
  }
  const demo = session?.demo ?? null;

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const signedIn = await signIn(login.trim(), password);
      navigate(signedIn.mustChangePassword ? `/account/password?next=${encodeURIComponent(next)}` : next, { replace: true });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };

  return (
    <Stack maw={460} mx="auto" mt="lg" gap="lg">
      {demo && (
        <Alert color="red" variant="filled" title={t.account.demoTitle} data-testid="demo-banner" styles={{ title: { fontSize: "1.05rem" } }}>
          <Stack gap={6}>
            <Text size="sm">{t.account.demoText}</Text>
            <Text size="sm">
              {t.account.demoPassword}: <Code data-testid="demo-password" c="dark.9" bg="white" fz="sm" fw={700}>
                {demo.password}
              </Code>
            </Text>
            <Text size="sm" fw={600}>
              {t.account.demoAccounts}:
            </Text>
            <List size="sm" spacing={2} c="white">
              {demo.usernames.map((username) => (
                <List.Item key={username}>
                  <Anchor
                    component="button"
                    type="button"
                    c="white"
                    fw={700}
                    underline="always"
                    onClick={() => {
                      setLogin(username);
                      setPassword(demo.password);
                    }}
                    aria-label={fill(t.account.useAccount, { username })}
                  >
                    {username}
                  </Anchor>
                  {t.account.demoRoles[username] ? ` — ${t.account.demoRoles[username]}` : ""}
                </List.Item>
              ))}
            </List>
          </Stack>
        </Alert>
      )}
      <AccountForm
        title={t.account.loginTitle}
        onSubmit={() => void submit()}
        busy={busy}
        error={error}
        errorTitle={t.account.failed}
        submitLabel={t.account.submit}
        testId="login"
      >
        <Text size="sm" c="dimmed">
          {t.account.loginIntro}
        </Text>
        <TextInput label={t.account.login} value={login} onChange={(e) => setLogin(e.currentTarget.value)} autoComplete="username" required autoFocus name="login" />
        <PasswordInput
          label={t.account.password}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          autoComplete="current-password"
          required
          name="password"
        />
      </AccountForm>
    </Stack>
  );
}
