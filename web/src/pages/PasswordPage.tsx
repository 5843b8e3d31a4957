/** Changing one's own password (required first after a reset): the rules checked as the person types. */
import { useState } from "react";
import { Alert, List, PasswordInput, Stack, Text, ThemeIcon } from "@mantine/core";
import { useNavigate, useSearchParams } from "react-router";
import { useI18n } from "../i18n/index.tsx";
import { adminApi } from "../lib/admin-api.ts";
import { safeNext, useSession } from "../lib/session.tsx";
import { useTitle } from "../lib/title.ts";
import { AccountForm } from "../components/AccountForm.tsx";
import { useToast } from "../components/Toast.tsx";

export function PasswordPage() {
  const { t, fill } = useI18n();
  const a = t.account;
  const { session, refresh } = useSession();
  const navigate = useNavigate();
  const toast = useToast();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const [current, setCurrent] = useState("");
  const [fresh, setFresh] = useState("");
  const [repeat, setRepeat] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useTitle(a.passwordTitle);
  const username = session?.user?.username ?? "";

  const rules = [
    { ok: fresh.length >= 10, label: a.ruleLength },
    { ok: fresh.length > 0 && !(username && fresh.toLowerCase().includes(username.toLowerCase())), label: fill(a.ruleUsername, { username }) },
    { ok: fresh.length > 0 && fresh === repeat, label: a.ruleRepeat },
  ];

  const submit = async () => {
    setError(null);
    if (fresh.length < 10) return setError(a.tooShort);
    if (username && fresh.toLowerCase().includes(username.toLowerCase())) return setError(a.containsUsername);
    if (fresh !== repeat) return setError(a.mismatch);
    setBusy(true);
    try {
      await adminApi.changePassword(current, fresh);
      await refresh();
      toast(a.changed);
      navigate(next, { replace: true });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack maw={480} mx="auto" mt="lg" gap="lg">
      {session?.mustChangePassword && (
        <Alert color="orange" variant="light" data-testid="must-change">
          {a.mustChange}
        </Alert>
      )}
      <AccountForm title={a.passwordTitle} onSubmit={() => void submit()} busy={busy} error={error} submitLabel={a.save} testId="password">
        <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
        <PasswordInput label={a.currentPassword} value={current} onChange={(e) => setCurrent(e.currentTarget.value)} autoComplete="current-password" required />
        <PasswordInput label={a.newPassword} value={fresh} onChange={(e) => setFresh(e.currentTarget.value)} autoComplete="new-password" required />
        <PasswordInput label={a.repeatPassword} value={repeat} onChange={(e) => setRepeat(e.currentTarget.value)} autoComplete="new-password" required />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {a.rulesTitle}
          </Text>
          <List size="sm" spacing={2} center data-testid="password-rules">
            {rules.map((rule) => (
              <List.Item
                key={rule.label}
                icon={
                  <ThemeIcon size={18} radius="xl" color={rule.ok ? "teal" : "gray"} variant={rule.ok ? "filled" : "light"}>
                    <Text size="xs" lh={1}>
                      {rule.ok ? "✓" : "•"}
                    </Text>
                  </ThemeIcon>
                }
              >
                {rule.label}
              </List.Item>
            ))}
          </List>
          <Text size="xs" c="dimmed">
            {a.ruleHint}
          </Text>
        </Stack>
      </AccountForm>
    </Stack>
  );
}
