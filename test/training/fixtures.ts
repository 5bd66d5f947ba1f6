/** A small valid scenario, as YAML, for the schema, loader and runner tests. */
export const TINY_SCENARIO = `id: tiny-drill
title: A tiny drill
difficulty: beginner
objectives:
  - Take command
briefing: |
  The cache is down. You are the Incident Commander.
startsAt: "02:00"
duration: 20m
cast:
  - handle: sam-db
    role: database engineer
    knows: The cache restart takes ten minutes.
    behaviour:
      patience: 3m
      pushback:
        - Still waiting on an answer here.
  - handle: vic-vp
    role: vice president
    knows: Wants numbers.
    audience: executive
facts:
  - id: restart-time
    from: sam-db
    match: [[restart, reboot], [how long, time, minutes]]
    answer: A restart takes about ten minutes.
    option: A
injects:
  - id: opening
    at: 1m
    lines:
      - from: sam-db
        text: The cache is refusing connections.
      - from: vic-vp
        text: What is the plan, and when do we know more?
        asks: true
  - id: nobody-in-charge
    when: { by: 5m, condition: { kind: not-declared } }
    lines:
      - from: vic-vp
        text: Is anyone running this?
  - id: after-decision
    after: { do: record-decision, delay: 1m }
    lines:
      - from: sam-db
        text: Restart under way.
options:
  - id: A
    title: Restart the cache
    owner: sam-db
    attributes: { timeToCompleteMinutes: 10, dataLoss: none, risk: low }
    match: [[restart, reboot]]
  - id: B
    title: Bypass the cache
    owner: sam-db
    attributes: { timeToCompleteMinutes: 2, dataLoss: none, risk: high }
    match: [[bypass, skip, without]]
decision:
  question: Restart or bypass?
  by: 10m
rubric:
  groups:
    - name: Command
      points: 10
      items:
        - { id: clear-roles, evaluator: roles-assigned, points: 5, competency: leadership, params: { min: 1 } }
        - { id: timely, evaluator: timely-decision, points: 5, competency: leadership }
`;
