import type { HeldOut } from "./messages.js";

/**
 * Second held-out set, written after the general fixes prompted by the first set (which is
 * therefore no longer blind). Measured once as written; see the report in `heldout.test.ts`.
 */
export const HELD_OUT_B: HeldOut[] = [
  // executive
  {
    id: "b-e01",
    audience: "executive",
    text: "Impact: about 12% of grocery orders placed in the app since 18:05 are stuck at 'preparing'. Stores cannot see them. Plan: we are pushing the orders to stores through the backup channel; if that has not cleared the queue by 19:00 we will cancel and refund the stuck orders. Next update 18:45.",
    expect: [],
  },
  {
    id: "b-e02",
    audience: "executive",
    text: "Heads-up: our SMS provider is having an outage. Two-factor codes by SMS are not arriving for any customer since 07:20 UTC; app-based codes work. We are switching SMS to our second provider now. I'll update you at 08:00 UTC.",
    expect: [],
  },
  {
    id: "b-e03",
    audience: "executive",
    text: "Things are bad. The website has been down for everyone for 15 minutes and we still don't understand why.",
    expect: ["uncertainty.no-plan", "plan.missing", "next-update.missing"],
  },
  {
    id: "b-e04",
    audience: "executive",
    text: "Payments team here. Ledger reconciliation job OOMKilled again on node pool np-batch-2, 3rd time today. Re-running with more memory. Next update 16:00.",
    expect: ["jargon", "internal-hostname", "impact.missing", "timeline.missing"],
  },
  {
    id: "b-e05",
    audience: "executive",
    text: "Since 09:00 roughly 5,000 users have been logged out of the app unexpectedly. It's probably related to the session service change we made last night. We are reverting that change now; if users are still being logged out at 10:30 we will extend session lifetimes as a stopgap. Next update 10:30.",
    expect: ["speculation"],
  },
  {
    id: "b-e06",
    audience: "executive",
    text: "Resolved at 11:42. Card payments failed for 14% of customers for 38 minutes this morning. Nothing was charged twice. Review scheduled for Wednesday.",
    expect: [],
  },
  {
    id: "b-e07",
    audience: "executive",
    text: "We're aware. Looking into it and will come back to you.",
    expect: ["impact.missing", "timeline.missing", "next-update.missing", "plan.missing"],
  },
  {
    id: "b-e08",
    audience: "executive",
    text: "Checkout for Android users is failing since 13:10 (about 20% of all checkouts). The Android team made a mistake in yesterday's release. We are releasing a fixed build now, expected in the store by 15:00. Next update 14:00.",
    expect: ["blame.person"],
  },
  {
    id: "b-e09",
    audience: "executive",
    text: "URGENT: all EU traffic is failing!!! We have no idea what is going on.",
    expect: [
      "tone.panic",
      "tone.exclamation",
      "uncertainty.no-plan",
      "timeline.missing",
      "plan.missing",
      "next-update.missing",
    ],
  },
  {
    id: "b-e10",
    audience: "executive",
    text: "The p50 is fine but p99 has tripled since 12:00 because of lock contention in Postgres; users mostly won't notice. We're adding an index. Update at 13:00.",
    expect: ["jargon"],
  },
  {
    id: "b-e11",
    audience: "executive",
    text: "Mobile banking app: balance screen shows zero for a small number of customers (under 1%) since 06:30. Money is safe; it's a display problem. Fix is being tested and will ship by 09:00. Next update 08:30.",
    expect: ["eta.promise"],
  },
  {
    id: "b-e12",
    audience: "executive",
    text: "Update for the exec team: the incident is closed. From 02:10 to 03:05 UTC, 3 enterprise customers could not run scheduled reports. All reports have since been delivered.",
    expect: [],
  },
  {
    id: "b-e13",
    audience: "executive",
    text: "Someone deleted the wrong DNS record, so our marketing site has been unreachable for everyone since 10:15. Restoring it now; next update 10:45.",
    expect: ["blame.person", "jargon"],
  },
  {
    id: "b-e14",
    audience: "executive",
    text: "Around 300 merchants can't export invoices since 08:00. We know the cause (a full disk on the export host) and are clearing space. Back to normal within 20 minutes. Next update 08:50.",
    expect: ["eta.promise"],
  },
  {
    id: "b-e15",
    audience: "executive",
    text: "Some users saw slower search between 14:00 and 14:30 today; it is back to normal now. No action needed.",
    expect: [],
  },
  {
    id: "b-e16",
    audience: "executive",
    text: "Our cloud provider has a regional outage in Frankfurt since 05:40. 30% of our EU customers cannot log in. We are moving EU logins to Dublin; if that is not done by 06:30 we'll post a status page notice for EU customers. Next update 06:30.",
    expect: [],
  },
  {
    id: "b-e17",
    audience: "executive",
    text: "Payments down. Again. Mike's deploy. Rolling back.",
    expect: ["blame.person", "timeline.missing", "next-update.missing"],
  },
  // customer
  {
    id: "b-c01",
    audience: "customer",
    text: "We're sorry - some customers are being charged in the wrong currency at checkout. Please hold off on international orders for now. We'll post an update by 16:30 UTC.",
    expect: [],
  },
  {
    id: "b-c02",
    audience: "customer",
    text: "All systems operational. Earlier today (10:10-10:35 UTC) some customers could not reach our help centre. No data was lost. Apologies for the inconvenience.",
    expect: [],
  },
  {
    id: "b-c03",
    audience: "customer",
    text: "Our engineers are restarting the Elasticsearch cluster, so search may be slow for a bit. Sorry! Next update in 30 minutes.",
    expect: ["jargon"],
  },
  {
    id: "b-c04",
    audience: "customer",
    text: "Logins should work again within 10 minutes. We're sorry for the trouble.",
    expect: ["eta.promise", "next-update.missing", "impact.missing"],
  },
  {
    id: "b-c05",
    audience: "customer",
    text: "Some customers cannot download receipts. This was caused by a mistake from our developer, who has been spoken to. Sorry. Next update at 13:00.",
    expect: ["blame.person"],
  },
  {
    id: "b-c06",
    audience: "customer",
    text: "Investigating - Some Mac users report the desktop app freezing on launch. We're on it and sorry for the disruption. Next update in 1 hour.",
    expect: [],
  },
  {
    id: "b-c07",
    audience: "customer",
    text: "We have fixed the problem with notifications. Thanks for your patience!",
    expect: ["data-loss.unstated", "apology.missing", "impact.missing"],
  },
  {
    id: "b-c08",
    audience: "customer",
    text: "Some customers see a 'session expired' message when paying. This might be caused by a cookie change we made today. We apologise and will update you by 11:00.",
    expect: ["speculation"],
  },
  {
    id: "b-c09",
    audience: "customer",
    text: "Service degradation: uploads larger than 100 MB fail for some customers. Smaller uploads work. We're sorry; next update at 17:15 UTC.",
    expect: [],
  },
  {
    id: "b-c10",
    audience: "customer",
    text: "We will restore access for all affected accounts by end of day. We're sorry for the disruption. Some customers are locked out of their accounts.",
    expect: ["eta.promise", "next-update.missing"],
  },
  {
    id: "b-c11",
    audience: "customer",
    text: "Heads up: the EU API endpoint eu.api.internal is responding slowly. Sorry, update soon.",
    expect: ["internal-hostname", "next-update.missing"],
  },
  {
    id: "b-c12",
    audience: "customer",
    text: "Resolved - The issue affecting some customers' ability to book appointments between 08:00 and 08:45 UTC has been resolved. Any appointments you booked during that time were saved. We're sorry for the inconvenience.",
    expect: [],
  },
  {
    id: "b-c13",
    audience: "customer",
    text: "OMG we are so sorry!!! Our whole site went down. We're working super hard to fix it!",
    expect: ["tone.panic", "tone.exclamation", "next-update.missing"],
  },
  {
    id: "b-c14",
    audience: "customer",
    text: "We believe the outage was caused by a third-party provider. Some customers cannot stream videos. We apologise. Next update at 21:00.",
    expect: ["speculation"],
  },
  {
    id: "b-c15",
    audience: "customer",
    text: "Update: Card payments are working for most customers again, but about 5% still fail. We're sorry. We'll update this page at 12:30.",
    expect: [],
  },
  // team
  {
    id: "b-t01",
    audience: "team",
    text: "@nina take the DB failover, @omar own customer comms. Box: 20 min. Sync at 09:40.",
    expect: [],
  },
  {
    id: "b-t02",
    audience: "team",
    text: "Idk why the pods keep restarting",
    expect: ["uncertainty.no-plan", "plan.missing", "next-update.missing"],
  },
  {
    id: "b-t03",
    audience: "team",
    text: "Lisa, you should have checked the migration before running it in prod.",
    expect: ["blame.person", "plan.missing", "next-update.missing"],
  },
  {
    id: "b-t04",
    audience: "team",
    text: "Rollback done, error rate back to baseline, closing the incident. Thanks all.",
    expect: [],
  },
  {
    id: "b-t05",
    audience: "team",
    text: "FIRE FIRE FIRE prod is down",
    expect: ["tone.panic", "plan.missing", "next-update.missing"],
  },
  {
    id: "b-t06",
    audience: "team",
    text: "Current status: Raj is restoring the snapshot (ETA 25 min), Mei is drafting the customer post. Next check-in 22:15.",
    expect: [],
  },
  {
    id: "b-t07",
    audience: "team",
    text: "Not sure yet if it's the LB or the app. Kai is checking the LB logs now, back in 10.",
    expect: [],
  },
  {
    id: "b-t08",
    audience: "team",
    text: "someone on the platform team broke the CI again, can't deploy",
    expect: ["blame.person", "plan.missing", "next-update.missing"],
  },
  // legal
  {
    id: "b-l01",
    audience: "legal",
    text: "On 21 March between 07:05 and 07:50 UTC, a caching error showed 61 logged-in customers the order confirmation page of another customer, including name and delivery address. No payment data was shown. The error was fixed at 07:50 UTC.",
    expect: [],
  },
  {
    id: "b-l02",
    audience: "legal",
    text: "Probably no personal data was involved, but we can't be sure yet.",
    expect: ["uncertainty.no-plan", "impact.missing", "timeline.missing"],
  },
  {
    id: "b-l03",
    audience: "legal",
    text: "Between 4 and 6 May, an export bug sent 12 customers' monthly statements to an old email address on file. Data involved: account name, balance, statement period. We have contacted all 12 customers.",
    expect: [],
  },
  {
    id: "b-l04",
    audience: "legal",
    text: "The intern ran a script that wiped 300 customer notes at 15:00 yesterday.",
    expect: ["blame.person"],
  },
  {
    id: "b-l05",
    audience: "legal",
    text: "Summary: for about 40 minutes on 2 July (13:20-14:00 UTC) our login page was unavailable to all users. No data was accessed or changed.",
    expect: [],
  },
  {
    id: "b-l06",
    audience: "legal",
    text: "It looks like an attacker may have used a leaked API token on 9 June. We are still investigating what they accessed.",
    expect: ["speculation", "uncertainty.no-plan", "impact.missing", "data.unstated"],
  },
];
