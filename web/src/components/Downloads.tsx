/** CSV and Excel download links for the table shown (the API answer in another format). */
import { Button, Group } from "@mantine/core";
import { useI18n } from "../i18n/index.tsx";

export function Downloads(props: { csv: string; xlsx: string }) {
  const { t } = useI18n();
  return (
    <Group gap="xs" aria-label={t.download}>
      <Button component="a" href={props.csv} size="compact-sm" variant="default" download>
        {t.download} {t.downloadCsv}
      </Button>
      <Button component="a" href={props.xlsx} size="compact-sm" variant="default" download>
        {t.download} {t.downloadXlsx}
      </Button>
    </Group>
  );
}
