namespace Blind48.IceFishing.Tournament;

/// <summary>
/// Leader details shown together on the tournament board.
/// </summary>
public sealed record LeaderSnapshot(string Angler, double WeightKg, int Hole, DateTimeOffset CaughtAt, int CatchesLogged);

/// <summary>
/// Live leaderboard for the ice fishing derby. Registered as a singleton; the
/// weigh-in stations post catches concurrently and the scoreboard and the
/// mobile app read the leader.
/// </summary>
public sealed class DerbyLeaderboard
{
    private LeaderSnapshot _leader = new("—", 0, 0, DateTimeOffset.MinValue, 0);
    private double _totalWeightKg;

    public LeaderSnapshot Leader => Volatile.Read(ref _leader);

    public double TotalWeightKg => Volatile.Read(ref _totalWeightKg);

    public bool RecordCatch(string angler, double weightKg, int hole)
    {
        AddToTotal(weightKg);

        var caughtAt = DateTimeOffset.UtcNow;
        while (true)
        {
            var current = Volatile.Read(ref _leader);
            var isNewLeader = weightKg > current.WeightKg;
            var next = isNewLeader
                ? new LeaderSnapshot(angler, weightKg, hole, caughtAt, current.CatchesLogged + 1)
                : current with { CatchesLogged = current.CatchesLogged + 1 };

            if (ReferenceEquals(Interlocked.CompareExchange(ref _leader, next, current), current))
            {
                return isNewLeader;
            }
        }
    }

    private void AddToTotal(double kg)
    {
        var seen = Volatile.Read(ref _totalWeightKg);
        while (true)
        {
            var observed = Interlocked.CompareExchange(ref _totalWeightKg, seen + kg, seen);
            if (observed.Equals(seen))
            {
                return;
            }

            seen = observed;
        }
    }
}

/// <summary>
/// Scoreboard text for the heated tent display.
/// </summary>
public sealed class TentScoreboard
{
    private readonly DerbyLeaderboard _board;

    public TentScoreboard(DerbyLeaderboard board) => _board = board;

    public string Render()
    {
        var leader = _board.Leader;
        return $"LEADER {leader.Angler} — {leader.WeightKg:F2} kg at hole {leader.Hole} ({leader.CaughtAt:HH:mm})\n" +
               $"{leader.CatchesLogged} catches, {_board.TotalWeightKg:F1} kg on the ice";
    }
}
