/** Workstreams and time-boxed tasks, each with its clock; acknowledge, finish, cancel, close. */
import { type FormEvent, useState } from "react";
import type { IncidentDetail, Task, Workstream } from "../api/types";
import { formatDuration, useNow } from "../ui/clock";
import { ErrorBox, Section } from "../ui/parts";
import { compact, useCommand } from "./use-command";

function TimeBox({ dueAt, open }: { dueAt: string; open: boolean }) {
  const now = useNow();
  if (!open) return null;
  const left = (Date.parse(dueAt) - now) / 1000;
  return left < 0 ? (
    <span className="overdue">EXPIRED {formatDuration(-left)}</span>
  ) : (
    <span className={left < 120 ? "due-soon mono" : "mono"}>{formatDuration(left)} left</span>
  );
}

export function WorkPanel({ incident, onChange }: { incident: IncidentDetail; onChange: () => void }) {
  const act = useCommand(incident.id, onChange);
  const resolved = incident.status === "resolved";
  const openTasks = incident.tasks.filter((t) => t.status === "assigned" || t.status === "acknowledged");
  const closedTasks = incident.tasks.length - openTasks.length;
  return (
    <Section title="Workstreams and tasks">
      {incident.workstreams.length > 0 && (
        <ul className="items">
          {incident.workstreams.map((w) => (
            <WorkstreamItem
              key={w.id}
              workstream={w}
              onClose={() => void act.run({ type: "close-workstream", workstreamId: w.id })}
            />
          ))}
        </ul>
      )}
      <ul className="items">
        {openTasks.map((task) => (
          <TaskItem key={task.id} task={task} run={act.run} />
        ))}
      </ul>
      {openTasks.length === 0 && <p className="muted">No open tasks{closedTasks ? ` (${closedTasks} closed)` : ""}.</p>}
      <ErrorBox error={act.error} />
      {!resolved && <TaskForm incident={incident} onChange={onChange} />}
      {!resolved && <WorkstreamForm incident={incident} onChange={onChange} />}
    </Section>
  );
}

function WorkstreamItem({ workstream: w, onClose }: { workstream: Workstream; onClose: () => void }) {
  const open = w.status === "open";
  return (
    <li className={open ? "item" : "item closed"}>
      <div>
        <strong>
          {w.id} {w.name}
        </strong>{" "}
        <span className="muted">led by @{w.lead}</span> <TimeBox dueAt={w.dueAt} open={open} />
      </div>
      <div className="muted">{open ? w.goal : `closed${w.outcome ? `: ${w.outcome}` : ""}`}</div>
      {open && (
        <button type="button" className="link" onClick={onClose}>
          Close workstream
        </button>
      )}
    </li>
  );
}

function TaskItem({
  task,
  run,
}: {
  task: Task;
  run: (c: { type: string } & Record<string, unknown>) => Promise<boolean>;
}) {
  return (
    <li className="item" data-task={task.id}>
      <div>
        <strong>{task.id}</strong> {task.title} <span className="muted">→ @{task.assignee}</span>{" "}
        <TimeBox dueAt={task.dueAt} open />
      </div>
      <div className="row-actions">
        <span className="muted">{task.status}</span>
        {task.status === "assigned" && (
          <button
            type="button"
            className="link"
            onClick={() => void run({ type: "acknowledge-task", taskId: task.id })}
          >
            Acknowledge
          </button>
        )}
        <button type="button" className="link" onClick={() => void run({ type: "complete-task", taskId: task.id })}>
          Done
        </button>
        <button type="button" className="link" onClick={() => void run({ type: "cancel-task", taskId: task.id })}>
          Cancel
        </button>
      </div>
    </li>
  );
}

function TaskForm({ incident, onChange }: { incident: IncidentDetail; onChange: () => void }) {
  const assign = useCommand(incident.id, onChange);
  const [title, setTitle] = useState("");
  const [assignee, setAssignee] = useState("");
  const [minutes, setMinutes] = useState("");
  const [workstreamId, setWorkstreamId] = useState("");
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const command = compact({
      type: "assign-task",
      title,
      assignee,
      timeboxMinutes: minutes === "" ? undefined : Number(minutes),
      workstreamId,
    }) as { type: string };
    if (await assign.run(command)) {
      setTitle("");
      setAssignee("");
      setMinutes("");
    }
  };
  return (
    <form className="form-row" onSubmit={submit} aria-label="Assign a task">
      <label className="wide">
        Task
        <input id="task-title" value={title} onChange={(e) => setTitle(e.target.value)} required />
      </label>
      <label>
        Assignee
        <input value={assignee} onChange={(e) => setAssignee(e.target.value)} placeholder="handle" required />
      </label>
      <label>
        Minutes
        <input type="number" min={1} value={minutes} onChange={(e) => setMinutes(e.target.value)} placeholder="15" />
      </label>
      {incident.workstreams.some((w) => w.status === "open") && (
        <label>
          Workstream
          <select value={workstreamId} onChange={(e) => setWorkstreamId(e.target.value)}>
            <option value="">none</option>
            {incident.workstreams
              .filter((w) => w.status === "open")
              .map((w) => (
                <option key={w.id} value={w.id}>
                  {w.id} {w.name}
                </option>
              ))}
          </select>
        </label>
      )}
      <button type="submit" disabled={assign.busy}>
        Assign task
      </button>
      <ErrorBox error={assign.error} />
    </form>
  );
}

function WorkstreamForm({ incident, onChange }: { incident: IncidentDetail; onChange: () => void }) {
  const start = useCommand(incident.id, onChange);
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [lead, setLead] = useState("");
  const [goal, setGoal] = useState("");
  const [minutes, setMinutes] = useState("");
  if (!open) {
    return (
      <button type="button" className="link" onClick={() => setOpen(true)}>
        Start a workstream…
      </button>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const command = compact({
      type: "start-workstream",
      name,
      lead,
      goal,
      timeboxMinutes: minutes === "" ? undefined : Number(minutes),
    }) as { type: string };
    if (await start.run(command)) setOpen(false);
  };
  return (
    <form className="form-row" onSubmit={submit} aria-label="Start a workstream">
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} required />
      </label>
      <label>
        Lead
        <input value={lead} onChange={(e) => setLead(e.target.value)} placeholder="handle" required />
      </label>
      <label className="wide">
        Goal
        <input value={goal} onChange={(e) => setGoal(e.target.value)} required />
      </label>
      <label>
        Minutes
        <input type="number" min={1} value={minutes} onChange={(e) => setMinutes(e.target.value)} placeholder="30" />
      </label>
      <button type="submit" disabled={start.busy}>
        Start
      </button>
      <ErrorBox error={start.error} />
    </form>
  );
}
