/** Sets the browser tab's title for the page shown (useful with many tabs of provinces open). */
import { useEffect } from "react";

export function useTitle(title: string | undefined): void {
  useEffect(() => {
    if (title) document.title = `${title} — Chỉ Số`;
  }, [title]);
}
