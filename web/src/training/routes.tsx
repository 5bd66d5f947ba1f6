/**
 * Training pages (scenario catalogue, drill player, score report, history), plugged into
 * the shell's router from `../routes.tsx`. Owned by the training web work.
 */
import { getSession } from "../api/session";
import type { PageRoute } from "../router";
import { CataloguePage } from "./catalogue-page";
import { DrillPlayerPage } from "./drill-player-page";
import { HistoryPage } from "./history-page";
import { ReportPage } from "./report-page";

export const trainingRoutes: PageRoute[] = [
  { pattern: "/training", title: () => "Training", render: () => <CataloguePage /> },
  {
    pattern: "/training/drills/:id",
    title: () => "Drill",
    render: (p) => <DrillPlayerPage key={p.id} drillId={p.id ?? ""} />,
  },
  {
    pattern: "/training/drills/:id/report",
    title: () => "Score report",
    render: (p) => <ReportPage key={p.id} drillId={p.id ?? ""} />,
  },
  {
    pattern: "/training/history",
    title: () => "Training record",
    render: () => <HistoryPage handle={getSession()?.handle ?? ""} />,
  },
  {
    pattern: "/training/history/:handle",
    title: (p) => `${p.handle} · training record`,
    render: (p) => <HistoryPage key={p.handle} handle={p.handle ?? ""} />,
  },
];

/** Entries for the top navigation: `{ to: "/training", label: "Training" }`. */
export const trainingNav: { to: string; label: string }[] = [{ to: "/training", label: "Training" }];
