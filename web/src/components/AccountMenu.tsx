/** The header's account control: "Đăng nhập" when signed out; the person's name with a menu when signed in. */
import { Avatar, Button, Menu, Text } from "@mantine/core";
import { Link, useLocation, useNavigate } from "react-router";
import { useI18n } from "../i18n/index.tsx";
import { useSession } from "../lib/session.tsx";
import { useToast } from "./Toast.tsx";

/** "Nguyễn Thị Điều Phối" → "NP": the first and the last word. */
function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "?";
  const first = words[0]!.charAt(0);
  return (words.length > 1 ? first + words.at(-1)!.charAt(0) : first).toLocaleUpperCase("vi");
}

export function AccountMenu(props: { onNavigate?: () => void; fullWidth?: boolean }) {
  const { t, fill } = useI18n();
  const { session, loading, signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const toast = useToast();
  if (loading) return null;
  const user = session?.user;
  if (!user) {
    if (location.pathname === "/login") return null;
    return (
      <Button component={Link} to="/login" variant="default" size="sm" onClick={props.onNavigate} fullWidth={props.fullWidth} data-testid="sign-in">
        {t.account.signIn}
      </Button>
    );
  }
  const leave = async (everywhere: boolean) => {
    props.onNavigate?.();
    try {
      const ended = await signOut(everywhere, () => navigate("/"));
      if (ended !== null) toast(fill(t.account.signedOutEverywhere, { n: ended }));
    } catch (error) {
      toast(error instanceof Error ? error.message : String(error), "red");
    }
  };
  return (
    <Menu position="bottom-end" withinPortal width={260}>
      <Menu.Target>
        <Button
          variant="default"
          size="sm"
          px={8}
          fullWidth={props.fullWidth}
          justify={props.fullWidth ? "flex-start" : undefined}
          aria-label={fill(t.account.menu, { name: user.fullName })}
          data-testid="account-menu"
          maw={props.fullWidth ? undefined : 220}
          leftSection={
            <Avatar size={24} radius="xl" color="red" variant="filled">
              {initials(user.fullName)}
            </Avatar>
          }
        >
          {/* On narrow laptops only the initials: the header keeps one line. */}
          <Text size="sm" fw={600} truncate visibleFrom={props.fullWidth ? undefined : "lg"}>
            {user.fullName}
          </Text>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{user.username}</Menu.Label>
        <Menu.Item component={Link} to="/account/password" onClick={props.onNavigate}>
          {t.account.changePassword}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item onClick={() => void leave(false)} data-testid="sign-out">
          {t.account.signOut}
        </Menu.Item>
        <Menu.Item color="red" onClick={() => void leave(true)} data-testid="sign-out-everywhere">
          {t.account.signOutEverywhere}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
