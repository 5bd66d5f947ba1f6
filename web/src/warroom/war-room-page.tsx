export function WarRoomPage({ incidentId }: { incidentId: string }) {
  return <p>War room for {incidentId}</p>;
}
