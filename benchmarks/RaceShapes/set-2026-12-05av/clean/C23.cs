namespace Blind48.EscapeRooms.Lobby;

public sealed record Team(string TeamId, int Players);

public sealed record RoomAssignment(string Room, IReadOnlyList<Team> Teams);

/// <summary>
/// Matches walk-in teams into shared escape room sessions. Registered as a
/// singleton; each walk-in request awaits <see cref="JoinAsync"/> until a room
/// fills up or the wait times out.
/// </summary>
public sealed class EscapeRoomMatchmaker
{
    private sealed class Ticket
    {
        public Ticket(Team team) => Team = team;
        public Team Team { get; }
        public TaskCompletionSource<RoomAssignment> Matched { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly object _sync = new();
    private readonly List<Ticket> _waiting = new();
    private readonly string _room;
    private readonly int _capacity;
    private int _sessionsStarted;

    public EscapeRoomMatchmaker(string room, int capacity)
    {
        _room = room;
        _capacity = capacity;
    }

    public async Task<RoomAssignment?> JoinAsync(Team team, TimeSpan maxWait, CancellationToken ct)
    {
        var ticket = new Ticket(team);
        List<Ticket>? filled = null;

        lock (_sync)
        {
            _waiting.Add(ticket);
            var players = _waiting.Sum(t => t.Team.Players);
            if (players >= _capacity)
            {
                filled = new List<Ticket>(_waiting);
                _waiting.Clear();
                _sessionsStarted++;
            }
        }

        if (filled is not null)
        {
            var assignment = new RoomAssignment($"{_room}-{DateTime.UtcNow:HHmm}", filled.Select(t => t.Team).ToArray());
            foreach (var t in filled)
            {
                t.Matched.TrySetResult(assignment);
            }
        }

        var timeout = Task.Delay(maxWait, ct);
        var winner = await Task.WhenAny(ticket.Matched.Task, timeout).ConfigureAwait(false);
        if (winner == ticket.Matched.Task)
        {
            return await ticket.Matched.Task.ConfigureAwait(false);
        }

        lock (_sync)
        {
            if (_waiting.Remove(ticket))
            {
                return null;
            }
        }

        // The room filled up just as the wait ran out.
        return await ticket.Matched.Task.ConfigureAwait(false);
    }

    public (int WaitingTeams, int SessionsStarted) Status()
    {
        lock (_sync)
        {
            return (_waiting.Count, _sessionsStarted);
        }
    }
}
