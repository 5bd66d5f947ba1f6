export function PostmortemPage({ incidentId }: { incidentId: string }) {
  return <p>Postmortem for {incidentId}</p>;
}
