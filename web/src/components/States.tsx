/** Loading and error states, the same everywhere. */
import { Alert, Button, Center, Loader, Stack, Text } from "@mantine/core";
import { useI18n } from "../i18n/index.tsx";

export function Loading() {
  const { t } = useI18n();
  return (
    <Center py="xl" aria-busy="true">
      <Stack align="center" gap="xs">
        <Loader size="sm" />
        <Text size="sm" c="dimmed">
          {t.loading}
        </Text>
      </Stack>
    </Center>
  );
}

export function LoadError(props: { error: unknown; retry?: () => void }) {
  const { t } = useI18n();
  const message = props.error instanceof Error ? props.error.message : String(props.error);
  return (
    <Alert color="red" title={t.errorTitle} role="alert">
      <Text size="sm">{message}</Text>
      {props.retry && (
        <Button size="xs" variant="light" color="red" mt="sm" onClick={props.retry}>
          {t.retry}
        </Button>
      )}
    </Alert>
  );
}
