namespace Blind48.Carnival.Games;

public sealed class PrizeWonEventArgs : EventArgs
{
    public PrizeWonEventArgs(string booth, string prize, int tier)
    {
        Booth = booth;
        Prize = prize;
        Tier = tier;
    }

    public string Booth { get; }
    public string Prize { get; }
    public int Tier { get; }
}

/// <summary>
/// A ring-toss or balloon-dart game stall. Each stall's sensor loop runs on a
/// worker thread and calls <see cref="ReportWin"/>.
/// </summary>
public sealed class GameStall
{
    private int _wins;

    public GameStall(string name) => Name = name;

    public string Name { get; }

    public event EventHandler<PrizeWonEventArgs>? PrizeWon;

    public int Wins => Volatile.Read(ref _wins);

    public void ReportWin(string prize, int tier)
    {
        Interlocked.Increment(ref _wins);
        PrizeWon?.Invoke(this, new PrizeWonEventArgs(Name, prize, tier));
    }
}

/// <summary>
/// Tracks which prizes are running low. Stalls are attached when they open and
/// detached when they close, while wins keep arriving from other stalls.
/// </summary>
public sealed class PrizeStockWatcher
{
    private readonly object _sync = new();
    private readonly Dictionary<string, int> _remaining;
    private readonly List<string> _lowStock = new();

    public PrizeStockWatcher(IDictionary<string, int> initialStock) =>
        _remaining = new Dictionary<string, int>(initialStock, StringComparer.Ordinal);

    public void Attach(GameStall stall) => stall.PrizeWon += OnPrizeWon;

    public void Detach(GameStall stall) => stall.PrizeWon -= OnPrizeWon;

    private void OnPrizeWon(object? sender, PrizeWonEventArgs e)
    {
        lock (_sync)
        {
            if (!_remaining.TryGetValue(e.Prize, out var left))
            {
                return;
            }

            left = Math.Max(0, left - 1);
            _remaining[e.Prize] = left;
            if (left < 5 && !_lowStock.Contains(e.Prize))
            {
                _lowStock.Add(e.Prize);
            }
        }
    }

    public IReadOnlyList<string> LowStock()
    {
        lock (_sync)
        {
            return _lowStock.ToArray();
        }
    }
}
