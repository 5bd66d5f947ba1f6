/**
 * The tamper-evident hash chain, shared by every adapter. Each stored event carries the
 * hash of its predecessor in global-position order (`prevHash`) and its own `hash`, a
 * SHA-256 over the predecessor's hash and everything stored about the event (position,
 * stream, version, type, the stored JSON text of its data, recordedAt). The store also
 * keeps the chain's head (last position and hash) in a one-row table written in the same
 * transaction, so removing events from the end shows too.
 *
 * The chain shows changes made outside Warroom that did not rewrite every later hash and
 * the head; someone who can rewrite the whole database can recompute it. Keep a copy of
 * the head hash (`warroom audit verify` prints it) somewhere else to catch that as well.
 */
import { hash } from "node:crypto";

/** The predecessor of the first event. */
export const GENESIS_HASH = "0".repeat(64);

export interface ChainHead {
  position: number;
  hash: string;
}

export const EMPTY_HEAD: ChainHead = { position: 0, hash: GENESIS_HASH };

/** One stored row as the chain sees it: data as the JSON text the store keeps. */
export interface ChainRow {
  position: number;
  streamId: string;
  version: number;
  type: string;
  dataJson: string;
  recordedAt: string;
  prevHash: string;
  hash: string;
}

/**
 * The text each hash covers: the fields joined by `|`, each free-text field prefixed with
 * its length in UTF-8 bytes so no two different events give the same text. Simple enough
 * to build identically in SQL (`chainTextSql`), where PostgreSQL computes it at append.
 */
export function chainText(
  prevHash: string,
  position: number,
  streamId: string,
  version: number,
  type: string,
  dataJson: string,
  recordedAt: string,
): string {
  const sized = (text: string) => `${Buffer.byteLength(text)}:${text}`;
  return `${prevHash}|${position}|${sized(streamId)}|${version}|${sized(type)}|${sized(dataJson)}|${recordedAt}`;
}

export function chainHash(
  prevHash: string,
  position: number,
  streamId: string,
  version: number,
  type: string,
  dataJson: string,
  recordedAt: string,
): string {
  // One-shot `hash` (Node ≥ 20.12): a third of createHash's cost, on every append.
  return hash("sha256", chainText(prevHash, position, streamId, version, type, dataJson, recordedAt), "hex");
}

export type ChainBreak = "edited" | "removed" | "reordered" | "inserted";

export interface ChainReport {
  ok: boolean;
  /** Events whose links were checked before the walk stopped. */
  checked: number;
  /** The head the store recorded (position and hash): keep it elsewhere to anchor the chain. */
  head: ChainHead;
  /** The first position where the log differs from what was stored. */
  firstBadPosition?: number;
  reason?: ChainBreak;
  message?: string;
}

/**
 * Walks the log page by page, in position order. The caller reads each page once and
 * passes the page after it as lookahead (a moved event's predecessor shows up later in
 * the log); the walk stops at the first break.
 */
export class ChainWalker {
  private prev: ChainHead = EMPTY_HEAD;
  private checked = 0;

  constructor(private readonly head: ChainHead) {}

  /** The last position checked so far: read the next page after it. */
  get position(): number {
    return this.prev.position;
  }

  /** Checks one page; `ahead` is the page after it (empty at the end). A report when the chain broke. */
  step(page: readonly ChainRow[], ahead: readonly ChainRow[]): ChainReport | null {
    for (let i = 0; i < page.length; i++) {
      const row = page[i] as ChainRow;
      const at = this.prev.position + 1;
      if (row.position > at) {
        return this.broken(at, "removed", `position ${at} is missing: the event stored there was removed`);
      }
      if (row.position > this.head.position) {
        return this.broken(at, "inserted", `events from position ${at} on were added outside Warroom`);
      }
      const selfOk =
        chainHash(row.prevHash, row.position, row.streamId, row.version, row.type, row.dataJson, row.recordedAt) ===
        row.hash;
      const linkOk = row.prevHash === this.prev.hash;
      if (!selfOk || !linkOk) return this.explain(row, at, selfOk, page.slice(i + 1), ahead);
      this.prev = { position: row.position, hash: row.hash };
      this.checked++;
    }
    return null;
  }

  /** After the last page: the log must end where the recorded head says. */
  finish(): ChainReport {
    const last = this.prev;
    if (this.head.position > last.position) {
      const at = last.position + 1;
      return this.broken(
        at,
        "removed",
        `the log ends at position ${last.position} but ${this.head.position} events were stored: ` +
          `the events from position ${at} on were removed`,
      );
    }
    if (this.head.position < last.position) {
      const at = this.head.position + 1;
      return this.broken(at, "inserted", `events from position ${at} on were added outside Warroom`);
    }
    if (this.head.hash !== last.hash) {
      return this.broken(last.position, "edited", `the event at position ${last.position} was changed`);
    }
    return { ok: true, checked: this.checked, head: this.head };
  }

  private explain(
    row: ChainRow,
    at: number,
    selfOk: boolean,
    rest: readonly ChainRow[],
    ahead: readonly ChainRow[],
  ): ChainReport {
    const later = [...rest, ...ahead].find((r) => r.hash === row.prevHash);
    if (later !== undefined) {
      return this.broken(
        at,
        "reordered",
        `the event at position ${at} was stored after the one now at position ${later.position}: events were reordered`,
      );
    }
    if (selfOk && this.prev.position > 0) {
      // This event is intact, so the one before it was rewritten (its own hash recomputed).
      const before = this.prev.position;
      return this.broken(before, "edited", `the event at position ${before} was changed (its hash was rewritten)`);
    }
    return this.broken(at, "edited", `the event at position ${at} was changed`);
  }

  private broken(position: number, reason: ChainBreak, message: string): ChainReport {
    return { ok: false, checked: this.checked, head: this.head, firstBadPosition: position, reason, message };
  }
}

/** Rows per page when walking the chain. */
export const CHAIN_PAGE_SIZE = 1000;

/** Walks a whole log with a synchronous page reader (SQLite, inside one read transaction). */
export function walkChainSync(
  head: ChainHead,
  readPage: (afterPosition: number, limit: number) => ChainRow[],
): ChainReport {
  const walker = new ChainWalker(head);
  let page = readPage(0, CHAIN_PAGE_SIZE);
  while (page.length > 0) {
    const last = (page[page.length - 1] as ChainRow).position;
    const ahead = readPage(last, CHAIN_PAGE_SIZE);
    const report = walker.step(page, ahead);
    if (report !== null) return report;
    page = ahead;
  }
  return walker.finish();
}

/** The same walk with an asynchronous page reader (PostgreSQL, inside one snapshot). */
export async function walkChain(
  head: ChainHead,
  readPage: (afterPosition: number, limit: number) => Promise<ChainRow[]>,
): Promise<ChainReport> {
  const walker = new ChainWalker(head);
  let page = await readPage(0, CHAIN_PAGE_SIZE);
  while (page.length > 0) {
    const last = (page[page.length - 1] as ChainRow).position;
    const ahead = await readPage(last, CHAIN_PAGE_SIZE);
    const report = walker.step(page, ahead);
    if (report !== null) return report;
    page = ahead;
  }
  return walker.finish();
}
