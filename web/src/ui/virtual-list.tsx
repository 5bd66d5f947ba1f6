/**
 * A fixed-row-height virtual list: only the rows in view (plus a few) are in the DOM, so
 * 10,000 timeline entries cost what 30 do. The scroll box is focusable for keyboard
 * scrolling; rows carry their position in the whole list for screen readers.
 */
import { type ReactNode, useEffect, useLayoutEffect, useRef, useState } from "react";

interface VirtualListProps<T> {
  items: readonly T[];
  rowHeight: number;
  /** Height of the scroll box in px. */
  height: number;
  keyOf: (item: T) => string | number;
  renderRow: (item: T, index: number) => ReactNode;
  label: string;
  overscan?: number;
  id?: string;
}

export function VirtualList<T>({
  items,
  rowHeight,
  height,
  keyOf,
  renderRow,
  label,
  overscan = 8,
  id,
}: VirtualListProps<T>) {
  const box = useRef<HTMLElement>(null);
  const [scrollTop, setScrollTop] = useState(0);

  // Rows arriving at the top must not push what a scrolled reader is looking at.
  const firstKey = useRef<string | number | null>(null);
  useLayoutEffect(() => {
    const element = box.current;
    const previous = firstKey.current;
    firstKey.current = items.length > 0 ? keyOf(items[0] as T) : null;
    if (!element || previous === null || element.scrollTop === 0) return;
    let added = 0;
    while (added < items.length && added < 500 && keyOf(items[added] as T) !== previous) added++;
    if (added > 0 && added < items.length && added < 500) element.scrollTop += added * rowHeight;
  }, [items, keyOf, rowHeight]);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setScrollTop(element.scrollTop));
    };
    element.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      element.removeEventListener("scroll", onScroll);
    };
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const rows: ReactNode[] = [];
  for (let index = first; index < last; index++) {
    const item = items[index] as T;
    rows.push(
      <li
        key={keyOf(item)}
        className="vrow"
        style={{ top: index * rowHeight, height: rowHeight }}
        aria-posinset={index + 1}
        aria-setsize={items.length}
      >
        {renderRow(item, index)}
      </li>,
    );
  }

  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: the scroll box must be reachable to scroll it by keyboard
    <section ref={box} id={id} className="vlist" style={{ height }} tabIndex={0} aria-label={label}>
      <ol className="vlist-inner" style={{ height: items.length * rowHeight }}>
        {rows}
      </ol>
    </section>
  );
}
