/** The `?` overlay: every shortcut active on this page. A native dialog, so focus and Escape work. */
import { useEffect, useRef } from "react";
import { useRegisteredShortcuts } from "./shortcuts";

export function HelpOverlay({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const shortcuts = useRegisteredShortcuts();
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog ref={dialog} className="help" aria-labelledby="help-title" onClose={onClose}>
      <h2 id="help-title">Keyboard shortcuts</h2>
      <table>
        <tbody>
          {shortcuts.map((s) => (
            <tr key={`${s.key}:${s.description}`}>
              <td>
                <kbd>{s.key}</kbd>
              </td>
              <td>{s.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">Shortcuts do nothing while you type in a field; Escape leaves the field.</p>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}
