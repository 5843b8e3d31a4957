/** A short confirmation ("Đã lưu «Sở Nội vụ».") in the corner of the screen, gone after a few seconds. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { Notification, Portal } from "@mantine/core";

interface Toast {
  id: number;
  message: string;
  color: string;
}
const Context = createContext<((message: string, color?: string) => void) | null>(null);
let nextId = 1;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const show = useCallback((message: string, color = "teal") => {
    const toast = { id: nextId++, message, color };
    setToasts((list) => [...list.slice(-2), toast]);
  }, []);
  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((t) => t.id !== id)), []);
  const value = useMemo(() => show, [show]);
  return (
    <Context.Provider value={value}>
      {children}
      <Portal>
        <div style={{ position: "fixed", right: 16, bottom: 16, zIndex: 1000, display: "flex", flexDirection: "column", gap: 8, maxWidth: "calc(100vw - 32px)", width: 380 }}>
          {toasts.map((toast) => (
            <ToastItem key={toast.id} toast={toast} onClose={() => dismiss(toast.id)} />
          ))}
        </div>
      </Portal>
    </Context.Provider>
  );
}

function ToastItem({ toast, onClose }: { toast: Toast; onClose: () => void }) {
  useEffect(() => {
    const timer = setTimeout(onClose, 6000);
    return () => clearTimeout(timer);
  }, [onClose]);
  return (
    <Notification color={toast.color} onClose={onClose} withBorder role="status" data-testid="toast">
      {toast.message}
    </Notification>
  );
}

export function useToast(): (message: string, color?: string) => void {
  const value = useContext(Context);
  if (!value) throw new Error("useToast outside ToastProvider");
  return value;
}
