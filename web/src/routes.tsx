/** Every page of the app. Add a page: one entry here (or in `training/routes.tsx`). */
import { IncidentListPage } from "./incidents/incident-list-page";
import { PostmortemPage } from "./postmortem/postmortem-page";
import type { PageRoute } from "./router";
import { SearchPage } from "./search/search-page";
import { currentSearch } from "./search/search-path";
import { trainingNav, trainingRoutes } from "./training/routes";
import { WarRoomPage } from "./warroom/war-room-page";

export const routes: PageRoute[] = [
  { pattern: "/", title: () => "Incidents", render: () => <IncidentListPage /> },
  { pattern: "/incidents", title: () => "Incidents", render: () => <IncidentListPage /> },
  {
    pattern: "/incidents/:id",
    title: (p) => `${p.id} · war room`,
    render: (p) => <WarRoomPage key={p.id} incidentId={p.id ?? ""} />,
  },
  {
    pattern: "/incidents/:id/postmortem",
    title: (p) => `${p.id} · postmortem`,
    render: (p) => <PostmortemPage key={p.id} incidentId={p.id ?? ""} />,
  },
  {
    pattern: "/search",
    title: () => (currentSearch().q ? `Search: ${currentSearch().q}` : "Search"),
    render: () => <SearchPage />,
  },
  ...trainingRoutes,
];

export const nav: { to: string; label: string }[] = [{ to: "/incidents", label: "Incidents" }, ...trainingNav];
