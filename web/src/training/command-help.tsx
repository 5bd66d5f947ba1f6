/** What the trainee can type: the CLI's incident commands without the incident id, plus say, ask and wait. */
const COMMANDS: [string, string][] = [
  ['declare "Title" --sev 1 --impact "…"', "take command: open the drill incident"],
  ["assign tech-lead sarah-db", "give a role to a named person (release <role> to take it back)"],
  ['task add "Size the restore" --to sarah-db --timebox 5m', "a time-boxed task for one person"],
  ['option add "Fail over" --time 10m --data-loss "2h of writes" --risk low', "put an option on the table"],
  ['decide --choose C --choose A --rationale "…" --fallback "…" --consulted sarah-db', "record the decision"],
  ['update --audience executive "…" --next 02:30', "publish an update (team, executive, customer, legal)"],
  ["note --channel tech …", "a note on the record (tech keeps detail off the command channel)"],
  ['workstream add "Restore" --lead sarah-db --goal "…"', "a sub-team with its lead"],
  ['deadline "Restore or fail over?" --by 02:20', "a decision deadline"],
  ['trigger --if "no root cause" --by +15m --then "fail over"', "if X by T, do Y"],
  ["sev 2 --reason …  ·  status mitigating  ·  resolve --summary …", "severity, status, resolution"],
  ["handover riley-ic --briefing …", "hand command over explicitly"],
  ["say …", "talk to the room (@handle or a name puts a question to that person)"],
  ["ask lisa-sre how long would a failover take?", "ask one person; they answer from what they know"],
  ["task add … --incident payments", "with several incidents at once: the one a command is for (a front, or INC-2)"],
  ["wait 2m", "let virtual time pass"],
  ["end", "finish and get scored"],
];

export function CommandHelp({ open, onToggle }: { open: boolean; onToggle: (open: boolean) => void }) {
  return (
    <details className="panel" open={open} onToggle={(e) => onToggle((e.target as HTMLDetailsElement).open)}>
      <summary>Commands</summary>
      <dl className="command-help">
        {COMMANDS.map(([example, what]) => (
          <div key={example}>
            <dt>
              <code>{example}</code>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
