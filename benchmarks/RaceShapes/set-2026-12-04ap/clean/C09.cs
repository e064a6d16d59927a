using System.Collections.Immutable;
using System.Text;

namespace Blind42.Chocolatiers.Enrobing;

public sealed record EnrobingOrder(Guid Id, string Centre, int Pieces, DateTime DueUtc);

/// <summary>
/// Open orders for the enrobing line. Shared by the shop tablets, the enrober's completion
/// callback and the report job. Readers get an immutable snapshot.
/// </summary>
public sealed class EnrobingOrderBook
{
    private ImmutableList<EnrobingOrder> _open = ImmutableList<EnrobingOrder>.Empty;

    public void Place(EnrobingOrder order) =>
        ImmutableInterlocked.Update(ref _open, (list, o) => list.Add(o), order);

    public bool Complete(Guid orderId)
    {
        var removed = false;
        ImmutableInterlocked.Update(ref _open, list =>
        {
            var index = list.FindIndex(o => o.Id == orderId);
            removed = index >= 0;
            return removed ? list.RemoveAt(index) : list;
        });
        return removed;
    }

    public IReadOnlyList<EnrobingOrder> OpenOrders => Volatile.Read(ref _open);
}

/// <summary>Tracks pieces coated per centre, for the line supervisor.</summary>
public sealed class EnrobingTally
{
    private readonly object _lock = new();
    private readonly Dictionary<string, int> _pieces = new();

    public void Add(string centre, int pieces)
    {
        lock (_lock)
        {
            _pieces[centre] = _pieces.GetValueOrDefault(centre) + pieces;
        }
    }

    public IReadOnlyDictionary<string, int> Snapshot()
    {
        lock (_lock)
        {
            return new Dictionary<string, int>(_pieces);
        }
    }
}

/// <summary>Night-shift report.</summary>
public sealed class EnrobingShiftReport
{
    private readonly EnrobingOrderBook _book;
    private readonly EnrobingTally _tally;

    public EnrobingShiftReport(EnrobingOrderBook book, EnrobingTally tally)
    {
        _book = book;
        _tally = tally;
    }

    public string Build(DateTime nowUtc)
    {
        var sb = new StringBuilder();
        foreach (var order in _book.OpenOrders)
        {
            var late = order.DueUtc < nowUtc ? " LATE" : string.Empty;
            sb.AppendLine($"{order.Centre,-20} {order.Pieces,6}{late}");
        }

        foreach (var (centre, pieces) in _tally.Snapshot().OrderBy(p => p.Key))
        {
            sb.AppendLine($"coated {centre}: {pieces}");
        }
        return sb.ToString();
    }

    public Task<string> BuildInBackgroundAsync() => Task.Run(() => Build(DateTime.UtcNow));
}
