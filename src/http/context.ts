/** What every request carries through the Hono app. */
import type { Lang } from "../domain/format.ts";

export type AppEnv = {
  Variables: {
    requestId: string;
    lang: Lang;
  };
};
