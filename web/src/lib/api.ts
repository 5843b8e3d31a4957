/**
 * Typed access to the Chỉ Số API. The answer types are inferred from the server's own zod schemas
 * (type-only imports: no schema code reaches the bundle), so a changed answer breaks the build here.
 */
import type { z } from "zod";
import type { Lang } from "@domain/format.ts";
import type { frameworkVersionSchema, profileSchema, rankingsSchema, trendSchema } from "../../../src/http/schemas.ts";
import type { presentMerged } from "../../../src/presenters/results.ts";

export type Rankings = z.infer<typeof rankingsSchema>;
export type Profile = z.infer<typeof profileSchema>;
export type Trend = z.infer<typeof trendSchema>;
export type FrameworkVersion = z.infer<typeof frameworkVersionSchema>;
export type Merged = ReturnType<typeof presentMerged>;
export interface YearsAnswer {
  index: string;
  years: { year: number; framework: string; unitSet: "vn63" | "vn34" }[];
}
export interface UnitAnswer {
  set: "vn63" | "vn34";
  code: string;
  name: string;
  fullName: string;
  kind: string;
  successor: string | null;
  predecessors: string[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

const INDEX = "PAPI";

async function get<T>(path: string): Promise<T> {
  const response = await fetch(`/api/v1${path}`, { headers: { Accept: "application/json" } });
  if (!response.ok) throw await apiError(response);
  return (await response.json()) as T;
}

/** The uniform error answer ({ error: { code, message, details } }) as an ApiError. */
export async function apiError(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as { error?: { code: string; message: string; details?: unknown } } | null;
  return new ApiError(response.status, body?.error?.code ?? "http", body?.error?.message ?? response.statusText, body?.error?.details);
}

const q = (params: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== "") search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
};

export const api = {
  years: () => get<YearsAnswer>(`/indices/${INDEX}/years`),
  frameworks: (lang: Lang) => get<FrameworkVersion[]>(`/indices/${INDEX}/frameworks${q({ lang })}`),
  /** The framework version that applies to one year (a plan's nodes and their names). */
  framework: (year: number, lang: Lang) => get<FrameworkVersion>(`/indices/${INDEX}/frameworks/${year}${q({ lang })}`),
  rankings: (year: number, dimension: string | undefined, lang: Lang) =>
    get<Rankings>(`/indices/${INDEX}/years/${year}/rankings${q({ dimension, lang })}`),
  profile: (year: number, province: string, lang: Lang, weakRatio?: number) =>
    get<Profile>(`/indices/${INDEX}/years/${year}/provinces/${encodeURIComponent(province)}${q({ lang, weakRatio })}`),
  trend: (province: string) => get<Trend>(`/indices/${INDEX}/provinces/${encodeURIComponent(province)}/trend`),
  compare: (year: number, provinces: string[], lang: Lang) =>
    get<{ index: string; year: number; provinces: Profile[] }>(
      `/indices/${INDEX}/years/${year}/compare${q({ provinces: provinces.join(","), lang })}`,
    ),
  merged: (year: number, lang: Lang) => get<Merged>(`/indices/${INDEX}/years/${year}/merged${q({ lang })}`),
  units: (set: "vn63" | "vn34") => get<UnitAnswer[]>(`/units${q({ set, sort: "name" })}`),
  map: (set: "vn63" | "vn34") => get<GeoJSON>(`/maps/${set}`),
};

/** Download links: the same API answers as CSV or XLSX. */
export const downloads = {
  rankings: (year: number, dimension: string | undefined, lang: Lang, format: "csv" | "xlsx") =>
    `/api/v1/indices/${INDEX}/years/${year}/rankings${q({ dimension, lang, format })}`,
  profile: (year: number, province: string, lang: Lang, format: "csv" | "xlsx", weakRatio?: number) =>
    `/api/v1/indices/${INDEX}/years/${year}/provinces/${encodeURIComponent(province)}${q({ lang, format, weakRatio })}`,
  compare: (year: number, provinces: string[], lang: Lang, format: "csv" | "xlsx") =>
    `/api/v1/indices/${INDEX}/years/${year}/compare${q({ provinces: provinces.join(","), lang, format })}`,
  merged: (year: number, lang: Lang, format: "csv" | "xlsx") =>
    `/api/v1/indices/${INDEX}/years/${year}/merged${q({ lang, format })}`,
};

export interface GeoJSON {
  type: "FeatureCollection";
  features: { type: "Feature"; properties: { code: string; name: string; kind: string; parentCode?: string }; geometry: unknown }[];
}
