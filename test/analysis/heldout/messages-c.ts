import type { HeldOut } from "./messages.js";

/**
 * Third held-out set, written after the fixes prompted by set B; measured once against the final
 * rules and not used to change them. Its numbers are the headline estimate.
 */
export const HELD_OUT_C: HeldOut[] = [
  // executive
  {
    id: "c-e01",
    audience: "executive",
    text: "Riders in Lisbon can't request cars since 17:55 (about 2,000 ride requests failed). Our maps supplier has an outage; we are switching Lisbon to the backup maps supplier now. If rides are not flowing by 18:40 we'll offer discount codes to affected riders. Next update 18:30.",
    expect: [],
  },
  {
    id: "c-e02",
    audience: "executive",
    text: "FYI: the warehouse label printers stopped working at 06:00, so no parcels have shipped from Leeds today. Ops is printing labels by hand. Next update noon.",
    expect: [],
  },
  {
    id: "c-e03",
    audience: "executive",
    text: "It's a mess. People are shouting in three channels and I can't get a straight answer from anyone about what broke.",
    expect: ["impact.missing", "timeline.missing", "plan.missing", "next-update.missing", "uncertainty.no-plan"],
  },
  {
    id: "c-e04",
    audience: "executive",
    text: "Appointment booking is unavailable for all clinics since 08:15. The database migration that ran overnight left a lock on the bookings table. The DBA is killing the blocking session; booking should return by 08:45. Next update 08:45.",
    expect: ["jargon"],
  },
  {
    id: "c-e05",
    audience: "executive",
    text: "Good morning. Overnight, from 01:10 to 02:00 UTC, about 9% of card transactions in Spain were declined in error. It is resolved; affected customers can retry. Nothing to do on your side.",
    expect: [],
  },
  {
    id: "c-e06",
    audience: "executive",
    text: "Streaming is buffering for a lot of viewers right now. Could be our CDN, could be the ISP in Brazil. Checking.",
    expect: ["uncertainty.no-plan", "speculation", "timeline.missing", "plan.missing", "next-update.missing"],
  },
  {
    id: "c-e07",
    audience: "executive",
    text: "Customer exports are failing for 3 of our largest accounts since 14:00 because our engineer Paul forgot to renew the signing certificate. Renewing now; next update 14:40.",
    expect: ["blame.person"],
  },
  {
    id: "c-e08",
    audience: "executive",
    text: "Since 10:30, in-game purchases fail for roughly 15% of players. We have paused the store promotion that triggered the load. If purchases still fail at 11:15 we will close the store temporarily. Next update 11:15.",
    expect: [],
  },
  {
    id: "c-e09",
    audience: "executive",
    text: "A quick note: everything is stable again after the slowdown this morning (09:20-09:50) that affected report loading for around a quarter of customers. No data was affected.",
    expect: [],
  },
  {
    id: "c-e10",
    audience: "executive",
    text: "Our email platform is sending duplicate receipts to customers since 12:05 (about 8,000 so far). We have paused receipt sending; a clean-up email will go out by 15:00. Next update 13:30.",
    expect: [],
  },
  {
    id: "c-e11",
    audience: "executive",
    text: "Checkout conversion dropped 40% at 19:00. I think it's the new payment page. Reverting it. Next update 19:40.",
    expect: ["speculation"],
  },
  {
    id: "c-e12",
    audience: "executive",
    text: "We have a SEV-1. Details to follow.",
    expect: ["impact.missing", "timeline.missing", "plan.missing", "next-update.missing"],
  },
  // customer
  {
    id: "c-c01",
    audience: "customer",
    text: "Some riders in Lisbon cannot request a car right now. We're sorry. We're working with our maps partner and will update this page by 18:45.",
    expect: [],
  },
  {
    id: "c-c02",
    audience: "customer",
    text: "Resolved: Shipping labels are printing again and parcels from our Leeds warehouse are on their way. Orders placed today will arrive one day later than usual. We apologise for the delay.",
    expect: [],
  },
  {
    id: "c-c03",
    audience: "customer",
    text: "Our booking system is down because of a lock on the bookings table left by last night's migration. Sorry! Next update in 30 minutes.",
    expect: ["jargon"],
  },
  {
    id: "c-c04",
    audience: "customer",
    text: "Card payments in Spain are failing for some customers. It will be fixed within 2 hours. Sorry for the inconvenience.",
    expect: ["eta.promise", "next-update.missing"],
  },
  {
    id: "c-c05",
    audience: "customer",
    text: "Some customers are receiving duplicate receipt emails. You have only been charged once. We're sorry for the confusion and will post an update at 13:30.",
    expect: [],
  },
  {
    id: "c-c06",
    audience: "customer",
    text: "Video streams keep buffering for some viewers in Brazil. Possibly an issue with a local internet provider. Sorry, next update in 45 minutes.",
    expect: ["speculation"],
  },
  {
    id: "c-c07",
    audience: "customer",
    text: "We're investigating.",
    expect: ["impact.missing", "next-update.missing", "apology.missing"],
  },
  {
    id: "c-c08",
    audience: "customer",
    text: "The in-game store is closed for maintenance until 12:00 UTC. Purchases you made before the closure are safe. Sorry for the interruption!",
    expect: ["eta.promise", "next-update.missing"],
  },
  {
    id: "c-c09",
    audience: "customer",
    text: "Some clinics can't take online bookings. The problem is that db-bookings-01 has a stuck transaction. Sorry, next update 09:00.",
    expect: ["internal-hostname", "jargon"],
  },
  {
    id: "c-c10",
    audience: "customer",
    text: "Payments are working again. Between 14:00 and 14:25 some customers couldn't pay; no payments were taken twice and nothing was lost. Sorry about that.",
    expect: [],
  },
  {
    id: "c-c11",
    audience: "customer",
    text: "Our developer Tom accidentally turned off notifications for some accounts. They're back on now. Sorry!",
    expect: ["blame.person", "data-loss.unstated"],
  },
  {
    id: "c-c12",
    audience: "customer",
    text: "Update - we've found the cause of the login problems some of you have had this morning and are rolling out a fix now. We're sorry. Next update by 11:15.",
    expect: [],
  },
  // team
  {
    id: "c-t01",
    audience: "team",
    text: "@ivy: revert PR 4412, 15 min box. @sam: watch the error graph. Back here 16:20.",
    expect: [],
  },
  {
    id: "c-t02",
    audience: "team",
    text: "wtf is going on with the payments queue",
    expect: ["tone.panic", "plan.missing", "next-update.missing"],
  },
  {
    id: "c-t03",
    audience: "team",
    text: "Paul forgot to renew the cert. Again.",
    expect: ["blame.person", "plan.missing", "next-update.missing"],
  },
  {
    id: "c-t04",
    audience: "team",
    text: "Kill switch flipped, store closed, error rate zero. Reopening at 11:30 if the fix deploys clean. Next update 11:20.",
    expect: [],
  },
  {
    id: "c-t05",
    audience: "team",
    text: "No idea why the replica keeps falling behind. Digging.",
    expect: ["uncertainty.no-plan", "plan.missing", "next-update.missing"],
  },
  {
    id: "c-t06",
    audience: "team",
    text: "Summary: SEV-2, exports failing for 3 accounts, cause is the expired cert, Ana is renewing (box 20 min), support has been told. Next sync 14:40.",
    expect: [],
  },
  {
    id: "c-t07",
    audience: "team",
    text: "THIS IS NOT A DRILL. Everyone on the bridge now.",
    expect: ["tone.panic", "plan.missing", "next-update.missing"],
  },
  // legal
  {
    id: "c-l01",
    audience: "legal",
    text: "On 3 October from 10:12 to 10:58 UTC, 1,930 patients received appointment reminders containing another patient's first name. No medical details were included. The template error was corrected at 10:58 UTC.",
    expect: [],
  },
  {
    id: "c-l02",
    audience: "legal",
    text: "Someone in support shared a customer export file with the wrong client on 5 October. We don't know yet whether it was opened.",
    expect: ["blame.person", "uncertainty.no-plan"],
  },
  {
    id: "c-l03",
    audience: "legal",
    text: "The leak probably came from a former contractor's laptop. 4 merchants' bank details may have been exposed between 1 and 3 October.",
    expect: ["speculation"],
  },
  {
    id: "c-l04",
    audience: "legal",
    text: "Facts so far: no customer data was involved; the outage affected internal dashboards only, from 22:00 to 23:10 UTC on 7 October.",
    expect: [],
  },
  {
    id: "c-l05",
    audience: "legal",
    text: "Counsel - quick flag. Something happened with customer records last night. Will send more when I have it.",
    expect: ["impact.missing", "timeline.missing"],
  },
];
