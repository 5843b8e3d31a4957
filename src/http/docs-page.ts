/** A readable page of the OpenAPI document, rendered on the server (no script, no CDN). */

type OpenApi = {
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, { tags: string[]; summary: string; description?: string; parameters: Param[]; security?: unknown[] }>>;
};
type Param = { name: string; in: string; required: boolean; description?: string; schema: Record<string, unknown> };

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

const EXAMPLES: Record<string, string> = {
  index: "PAPI",
  year: "2021",
  province: "06",
  set: "vn63",
  code: "19",
};

function typeOf(schema: Record<string, unknown>): string {
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).join(" | ");
  if (schema.type) return String(schema.type);
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as Record<string, unknown>[]).map(typeOf).join(" | ");
  return "";
}

export function renderDocsPage(document: { info: OpenApi["info"]; paths: Record<string, Record<string, unknown>> }): string {
  const doc = document as OpenApi;
  const byTag = new Map<string, string[]>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const example = path.replace(/\{(\w+)\}/g, (_, name: string) => EXAMPLES[name] ?? name);
      const params = op.parameters
        .map(
          (p) =>
            `<tr><td><code>${escape(p.name)}</code></td><td>${p.in}</td><td>${p.required ? "✓" : ""}</td><td><code>${escape(typeOf(p.schema))}</code>${p.schema.default !== undefined ? ` (mặc định / default <code>${escape(String(p.schema.default))}</code>)` : ""}</td><td>${escape(p.description ?? "")}</td></tr>`,
        )
        .join("");
      const html = `<section class="op">
  <h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escape(path)}</code></h3>
  <p>${escape(op.summary)}</p>
  ${op.description ? `<p class="d">${escape(op.description)}</p>` : ""}
  ${op.security ? `<p class="d">🔒 Authorization: Bearer …</p>` : ""}
  ${params ? `<table><thead><tr><th>Tham số / Parameter</th><th>Vị trí / In</th><th>Bắt buộc</th><th>Kiểu / Type</th><th>Mô tả / Description</th></tr></thead><tbody>${params}</tbody></table>` : ""}
  ${method === "get" ? `<p class="ex">Ví dụ / Example: <a href="${escape(example)}">${escape(example)}</a></p>` : ""}
</section>`;
      const tag = op.tags[0] ?? "";
      byTag.set(tag, [...(byTag.get(tag) ?? []), html]);
    }
  }
  const sections = [...byTag.entries()]
    .map(([tag, ops]) => `<h2>${escape(tag)}</h2>${ops.join("\n")}`)
    .join("\n");
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(doc.info.title)} — API</title>
<style>
body{font-family:system-ui,"Segoe UI",Roboto,"Noto Sans",sans-serif;max-width:980px;margin:0 auto;padding:24px;color:#1f2933;line-height:1.5}
h1{margin-bottom:0}h2{margin-top:40px;border-bottom:2px solid #c92a2a;padding-bottom:4px}
.op{border:1px solid #dee2e6;border-radius:8px;padding:8px 16px;margin:16px 0}
.m{display:inline-block;min-width:52px;text-align:center;border-radius:4px;color:#fff;font-size:13px;padding:2px 6px}
.get{background:#1971c2}.post{background:#2f9e44}
table{border-collapse:collapse;width:100%;font-size:14px}td,th{border:1px solid #e9ecef;padding:4px 8px;text-align:left;vertical-align:top}
.d{color:#495057;font-size:14px}.ex{font-size:14px}code{font-size:13px}
</style></head><body>
<h1>${escape(doc.info.title)}</h1>
<p>Phiên bản / version ${escape(doc.info.version)} · <a href="/api/v1/openapi.json">openapi.json</a> · <a href="/">Trang chủ / Home</a></p>
<p>${escape(doc.info.description)}</p>
${sections}
</body></html>`;
}
