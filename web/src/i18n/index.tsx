/** The language of the explorer: Vietnamese by default, English on request; remembered in the browser. */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { Lang } from "@domain/format.ts";
import { setClientLang } from "../lib/admin-api.ts";
import { en } from "./en.ts";
import { vi, type Dictionary } from "./vi.ts";

const DICTIONARIES: Record<Lang, Dictionary> = { vi, en };
const STORAGE_KEY = "chiso.lang";

interface I18n {
  lang: Lang;
  t: Dictionary;
  setLang(lang: Lang): void;
  /** Fills {placeholders}: fill("giảm {n} bậc", { n: 2 }). */
  fill(template: string, values: Record<string, string | number>): string;
}

const Context = createContext<I18n | null>(null);

function initialLang(): Lang {
  const stored = typeof localStorage !== "undefined" ? localStorage.getItem(STORAGE_KEY) : null;
  return stored === "en" ? "en" : "vi";
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  // Before the children render: their first requests already ask for this language.
  setClientLang(lang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18n>(
    () => ({
      lang,
      t: DICTIONARIES[lang],
      setLang(next) {
        localStorage.setItem(STORAGE_KEY, next);
        setLangState(next);
      },
      fill: (template, values) => template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? "")),
    }),
    [lang],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(Context);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}
