/**
 * Training pages (scenario catalogue, drill player, score report, history), plugged into
 * the shell's router from `../routes.tsx`. Owned by the training web work.
 */
import type { PageRoute } from "../router";

export const trainingRoutes: PageRoute[] = [];

/** Entries for the top navigation: `{ to: "/training", label: "Training" }`. */
export const trainingNav: { to: string; label: string }[] = [];
