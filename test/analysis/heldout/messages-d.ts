import type { HeldOut } from "./messages.js";

/**
 * Fourth held-out set, written after the last rule change (the fixes prompted by set C) and
 * measured once. The rules were not changed after this measurement.
 */
export const HELD_OUT_D: HeldOut[] = [
  // executive
  {
    id: "d-e01",
    audience: "executive",
    text: "Impact: parcel tracking pages show 'no information' for about 30% of shipments since 07:45. Plan: the tracking team is replaying the missed carrier updates; if pages are still blank at 09:00 we will email affected customers their tracking links. Next update 08:45.",
    expect: [],
  },
  {
    id: "d-e02",
    audience: "executive",
    text: "Sorry for the radio silence. Payroll runs for 40 client companies did not complete last night. We're re-running them one by one; first 10 are done. Next update 11:00.",
    expect: ["timeline.missing"],
  },
  {
    id: "d-e03",
    audience: "executive",
    text: "Smart thermostats stopped responding to the app for all users at 21:05. We suspect the certificate on the device gateway expired. Renewing it now; next update 21:40.",
    expect: ["speculation"],
  },
  {
    id: "d-e04",
    audience: "executive",
    text: "Food delivery orders in Madrid are failing for about 1 in 4 customers since 12:20. Restaurants are getting duplicate tickets. Our courier dispatch partner has confirmed a bug on their side and is deploying a fix. If it is not fixed by 13:15 we will switch Madrid to manual dispatch. Next update 13:00.",
    expect: [],
  },
  {
    id: "d-e05",
    audience: "executive",
    text: "We don't know yet. Still looking.",
    expect: ["uncertainty.no-plan", "impact.missing", "timeline.missing", "plan.missing", "next-update.missing"],
  },
  {
    id: "d-e06",
    audience: "executive",
    text: "Heads up, the student portal was down for 35 minutes this morning (08:05-08:40) right when exams started; about 1,200 students could not log in. Exams were extended by 40 minutes. It's back to normal now.",
    expect: [],
  },
  {
    id: "d-e07",
    audience: "executive",
    text: "Mobile data is not working for prepaid customers in the north region since 16:30 - roughly 80,000 lines. It was caused by an operator in our network team pushing a wrong routing change. The change is being reverted; next update 17:15.",
    expect: ["blame.person"],
  },
  {
    id: "d-e08",
    audience: "executive",
    text: "All flights' online check-in is failing since 05:00 because the seat map API from our GDS provider returns HTTP 502. Airport desks are checking people in manually. Next update 06:00.",
    expect: ["jargon"],
  },
  {
    id: "d-e09",
    audience: "executive",
    text: "Invoices emailed today show last month's amounts for every customer (about 14,000 invoices). We've stopped the invoice run and will send corrected invoices by 17:00 with an apology. Next update 15:00.",
    expect: ["eta.promise"],
  },
  {
    id: "d-e10",
    audience: "executive",
    text: "DISASTER!! The whole app is down and everyone is panicking.",
    expect: ["tone.panic", "tone.exclamation", "timeline.missing", "plan.missing", "next-update.missing"],
  },
  // customer
  {
    id: "d-c01",
    audience: "customer",
    text: "Some parcels show 'no tracking information' on our website. Your parcels are still moving as normal. We're sorry for the confusion and will update this page by 09:00.",
    expect: [],
  },
  {
    id: "d-c02",
    audience: "customer",
    text: "Our thermostat app can't reach your devices right now. Your heating schedules keep running as set. We apologise; next update at 21:45.",
    expect: [],
  },
  {
    id: "d-c03",
    audience: "customer",
    text: "Madrid customers: some orders are failing at checkout. We're sorry. Everything will be back to normal by 13:15.",
    expect: ["eta.promise", "next-update.missing"],
  },
  {
    id: "d-c04",
    audience: "customer",
    text: "We experienced an issue earlier. It's fixed now.",
    expect: ["impact.missing", "data-loss.unstated", "apology.missing"],
  },
  {
    id: "d-c05",
    audience: "customer",
    text: "Online check-in is unavailable. Please check in at the airport desk. This is due to a 502 from our GDS provider's seat map API. Sorry for the trouble; next update at 06:00.",
    expect: ["jargon"],
  },
  {
    id: "d-c06",
    audience: "customer",
    text: "The invoices we emailed today show the wrong amounts. Please ignore them; corrected invoices will follow. We're very sorry. Next update at 15:00.",
    expect: [],
  },
  {
    id: "d-c07",
    audience: "customer",
    text: "Prepaid mobile data is down in the north region because an engineer pushed a bad routing change. Sorry!! Next update 17:15.",
    expect: ["blame.person", "tone.exclamation"],
  },
  {
    id: "d-c08",
    audience: "customer",
    text: "Some students may have trouble logging in to the portal. We are looking into it and will post an update within 20 minutes. Apologies.",
    expect: [],
  },
  {
    id: "d-c09",
    audience: "customer",
    text: "Resolved: payroll for all affected companies has now been processed and employees will be paid on time. No salary data was lost or changed. We're sorry for the worry this caused.",
    expect: [],
  },
  {
    id: "d-c10",
    audience: "customer",
    text: "It's probably a problem with our cloud provider in Frankfurt. Some customers can't log in. Sorry, next update at 10:30.",
    expect: ["speculation"],
  },
  // team
  {
    id: "d-t01",
    audience: "team",
    text: "@kim: replay carrier webhooks from 07:45, 20 min box. @lou: draft the customer email. Next sync 08:30.",
    expect: [],
  },
  {
    id: "d-t02",
    audience: "team",
    text: "anyone else seeing the gateway cert expired?? idk what's renewing it",
    expect: ["uncertainty.no-plan", "plan.missing", "next-update.missing"],
  },
  {
    id: "d-t03",
    audience: "team",
    text: "Jonas messed up the routing change, reverting now. Back here 17:00.",
    expect: ["blame.person"],
  },
  {
    id: "d-t04",
    audience: "team",
    text: "Restore finished, checks green, incident resolved. Postmortem Thursday, owner Ana.",
    expect: [],
  },
  {
    id: "d-t05",
    audience: "team",
    text: "Dispatch partner says fix is deploying. Lou watching error rates, 15 min box. If not green by 13:15 we flip Madrid to manual. Update 13:00.",
    expect: [],
  },
  {
    id: "d-t06",
    audience: "team",
    text: "total chaos in here, can people PLEASE stop posting in the incident channel",
    expect: ["tone.panic", "plan.missing", "next-update.missing"],
  },
  // legal
  {
    id: "d-l01",
    audience: "legal",
    text: "Between 08:05 and 08:40 on 12 November the student portal was unavailable; no student data was accessed or altered. About 1,200 students were unable to log in during an exam window.",
    expect: [],
  },
  {
    id: "d-l02",
    audience: "legal",
    text: "Invoices sent on 20 November to 14,000 customers showed incorrect amounts (last month's). No other customer's data appeared on any invoice. Corrected invoices go out today.",
    expect: [],
  },
  {
    id: "d-l03",
    audience: "legal",
    text: "An engineer mistakenly pushed a routing change at 16:30 on 2 December, cutting mobile data for 80,000 prepaid lines until 17:20. No customer data was affected.",
    expect: ["blame.person"],
  },
  {
    id: "d-l04",
    audience: "legal",
    text: "I think the device gateway certificate was allowed to expire by our vendor. Thermostats lost contact with the app for all users on 3 December from 21:05 to 22:10. No personal data was exposed.",
    expect: ["speculation"],
  },
  {
    id: "d-l05",
    audience: "legal",
    text: "We may have a problem with some customer data. Checking.",
    expect: ["impact.missing", "timeline.missing"],
  },
];
