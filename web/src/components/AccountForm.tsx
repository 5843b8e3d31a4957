/** The card of the sign-in and password pages: a title, the fields, the server's message, one button. */
import type { ReactNode } from "react";
import { Alert, Button, Group, Paper, Stack, Title } from "@mantine/core";

export function AccountForm(props: {
  title: string;
  children: ReactNode;
  onSubmit: () => void;
  busy: boolean;
  error: string | null;
  errorTitle?: string;
  submitLabel: string;
  /** "login" → data-testid login-form, login-error, login-submit. */
  testId: string;
}) {
  return (
    <Paper withBorder radius="md" p="lg">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          props.onSubmit();
        }}
        data-testid={`${props.testId}-form`}
      >
        <Stack gap="md">
          <Title order={1} size="h2">
            {props.title}
          </Title>
          {props.children}
          {props.error && (
            <Alert color="red" variant="light" title={props.errorTitle} role="alert" data-testid={`${props.testId}-error`}>
              {props.error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={props.busy} data-testid={`${props.testId}-submit`}>
              {props.submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
