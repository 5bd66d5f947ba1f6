/** Postmortems written for these tests; the handbook's blame-focused one is in test/analysis/fixtures. */

/** Our own good one: every section, numbers in the impact, causes in the system, owned and dated actions. */
export const OWN_GOOD_POSTMORTEM = `# Postmortem: INC-12, nightly invoices sent twice

## Summary
On 4 May the invoicing job ran twice after a scheduler failover, and 3,100 customers got a second invoice email.
No card was charged twice. We stopped the second run after 22 minutes.

## Impact
- Duration: 22 minutes (02:10 to 02:32 UTC)
- Customers affected: 3,100 (about 4% of active accounts)
- Support tickets: 260
- Revenue impact: none; no duplicate charges

## Timeline
- 02:00 The primary scheduler node restarts for patching; the standby takes over
- 02:10 The standby starts the invoicing job a second time
- 02:14 The duplicate-email alert fires; Noor takes the Incident Commander role
- 02:20 First customer update on the status page
- 02:32 Second run stopped; Lars confirms no duplicate charges

## Contributing causes (five whys)
1. Why did customers get two invoices? The invoicing job ran twice.
2. Why did it run twice? The standby scheduler did not know the primary had already started it.
3. Why not? Job state lives in the node's memory, not in the shared database.
4. Why was that not caught? Our failover test restarts idle nodes only.
5. Why only idle nodes? The test plan predates the scheduler's job state.

## What went well
- The duplicate-email alert fired within 4 minutes.
- The first customer update went out 10 minutes after the start.

## What went poorly
- The job has no idempotency key, so the second run was not refused.
- Stopping the job needed a manual database change.

## Action items
| Action | Owner | Due |
|---|---|---|
| Store scheduler job state in the shared database | @lars | 2026-05-20 |
| Give the invoicing job an idempotency key per billing period | @noor | 2026-05-27 |
| Add a busy-node restart to the failover test | @ines | 2026-06-10 |

## Lessons learned
Failover moved the work but not the knowledge of what was running. Job state belongs where every node can see it.
`;
