/**
 * What a civil servant reads when a field is wrong. zod's own messages name types ("mong đợi string,
 * nhận được undefined"); the commonest cases are said plainly here, the rest in zod's Vietnamese or
 * English. The schemas' hand-written messages always win over both.
 */
import { z } from "zod";
import { formatCompact, type Lang } from "../domain/format.ts";

const LOCALES = { vi: z.locales.vi().localeError, en: z.locales.en().localeError };

const KINDS: Record<string, { vi: string; en: string }> = {
  number: { vi: "một số", en: "a number" },
  int: { vi: "một số nguyên", en: "a whole number" },
  string: { vi: "chữ", en: "text" },
  boolean: { vi: "có hoặc không (true/false)", en: "yes or no (true/false)" },
  array: { vi: "một danh sách", en: "a list" },
  object: { vi: "một nhóm trường", en: "a set of fields" },
};

type Issue = Parameters<(typeof LOCALES)["vi"]>[0];
type Message = ReturnType<(typeof LOCALES)["vi"]>;

export function validationMessages(lang: Lang): (issue: Issue) => Message {
  const vi = lang === "vi";
  return (issue) => {
    if (issue.code === "invalid_type") {
      if (issue.input === undefined || issue.input === null) return vi ? "cần có giá trị" : "is required";
      const kind = KINDS[issue.expected];
      if (kind) return vi ? `phải là ${kind.vi}` : `must be ${kind.en}`;
    }
    if ((issue.code === "too_big" || issue.code === "too_small") && issue.origin === "number") {
      const limit = Number(issue.code === "too_big" ? issue.maximum : issue.minimum);
      const n = formatCompact(limit, 4, lang);
      if (issue.code === "too_big") return vi ? `không được lớn hơn ${n}` : `must not be more than ${n}`;
      return vi ? `không được nhỏ hơn ${n}` : `must not be less than ${n}`;
    }
    return LOCALES[lang](issue);
  };
}
