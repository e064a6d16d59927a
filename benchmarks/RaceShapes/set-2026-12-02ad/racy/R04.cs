namespace Blind30.Carillon;

public interface IBellStriker
{
    void Strike(int bell);
}

/// <summary>
/// Drives the clocktower carillon: quarter chimes on a timer and peals on demand
/// from the ringing-master's console.
/// </summary>
public sealed class CarillonScheduler : IDisposable
{
    private static readonly int[] QuarterBells = { 4, 3, 2, 1, 3, 4, 2, 1 };

    private readonly List<string> _history = new();
    private readonly IBellStriker _striker;
    private readonly Timer _quarterTimer;

    public CarillonScheduler(IBellStriker striker, TimeSpan firstQuarter)
    {
        _striker = striker;
        _quarterTimer = new Timer(OnQuarter, null, firstQuarter, TimeSpan.FromMinutes(15));
    }

    /// <summary>Rings a named peal; called from the console's request threads.</summary>
    public void RingPeal(string name, IReadOnlyList<int> bells)
    {
        foreach (var bell in bells)
        {
            _striker.Strike(bell);
        }

        lock (_history)
        {
            _history.Add($"{DateTime.Now:HH:mm} peal '{name}' ({bells.Count} strikes)");
        }
    }

    public string[] GetHistory()
    {
        lock (_history)
        {
            return _history.ToArray();
        }
    }

    private void OnQuarter(object? state)
    {
        var now = DateTime.Now;
        int quarter = now.Minute / 15;
        int strikes = quarter == 0 ? QuarterBells.Length : quarter * 2;

        for (int i = 0; i < strikes; i++)
        {
            _striker.Strike(QuarterBells[i % QuarterBells.Length]);
        }

        if (quarter == 0)
        {
            int hour = now.Hour % 12 == 0 ? 12 : now.Hour % 12;
            for (int i = 0; i < hour; i++)
            {
                _striker.Strike(0);
            }
        }

        _history.Add($"{now:HH:mm} quarter {quarter}");
    }

    public void Dispose()
    {
        _quarterTimer.Dispose();
    }
}
