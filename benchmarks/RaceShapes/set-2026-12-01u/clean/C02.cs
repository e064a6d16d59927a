namespace DerbyScoring.Penalties;

public sealed record PenaltyCall(string SkaterNumber, string Team, string Code, int Jam);

/// <summary>
/// Penalty box tracker for a bout. Penalty-box officials enter calls from their tablets
/// while the scoreboard and announcer screens read the current state.
/// </summary>
public sealed class PenaltyTracker
{
    private const int FoulOutLimit = 7;
    private readonly object _sync = new();
    private readonly Dictionary<string, List<PenaltyCall>> _bySkater = new();
    private readonly HashSet<string> _fouledOut = new();

    public event EventHandler<string>? SkaterFouledOut;

    public void Record(PenaltyCall call)
    {
        string key = $"{call.Team}#{call.SkaterNumber}";
        bool fouledOutNow = false;

        lock (_sync)
        {
            if (!_bySkater.TryGetValue(key, out var calls))
            {
                calls = new List<PenaltyCall>();
                _bySkater.Add(key, calls);
            }
            calls.Add(call);

            if (calls.Count >= FoulOutLimit && _fouledOut.Add(key))
                fouledOutNow = true;
        }

        if (fouledOutNow)
            SkaterFouledOut?.Invoke(this, key);
    }

    public int CountFor(string team, string skaterNumber)
    {
        lock (_sync)
        {
            return _bySkater.TryGetValue($"{team}#{skaterNumber}", out var calls) ? calls.Count : 0;
        }
    }

    public IReadOnlyList<PenaltyCall> CallsInJam(int jam)
    {
        lock (_sync)
        {
            return _bySkater.Values.SelectMany(c => c).Where(c => c.Jam == jam).ToList();
        }
    }

    public bool IsFouledOut(string team, string skaterNumber)
    {
        lock (_sync)
        {
            return _fouledOut.Contains($"{team}#{skaterNumber}");
        }
    }
}
