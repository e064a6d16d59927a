using System.Text;

namespace Blind42.Chocolatiers.Tempering;

public sealed record TemperingOrder(Guid Id, string Couverture, double Kilograms, DateTime DueUtc);

/// <summary>
/// Open tempering orders for the shop floor. The same book is shared by the order tablets,
/// the tempering machines' completion callbacks and the end-of-day report job.
/// </summary>
public sealed class TemperingOrderBook
{
    private readonly object _gate = new();
    private readonly List<TemperingOrder> _open = new();

    public void Place(TemperingOrder order)
    {
        lock (_gate)
        {
            _open.Add(order);
        }
    }

    public bool Complete(Guid orderId)
    {
        lock (_gate)
        {
            return _open.RemoveAll(o => o.Id == orderId) > 0;
        }
    }

    public IReadOnlyList<TemperingOrder> OpenOrders
    {
        get
        {
            lock (_gate)
            {
                return _open;
            }
        }
    }

    public int OpenCount
    {
        get { lock (_gate) return _open.Count; }
    }
}

/// <summary>Builds the report printed for the night shift.</summary>
public sealed class TemperingShiftReport
{
    private readonly TemperingOrderBook _book;

    public TemperingShiftReport(TemperingOrderBook book) => _book = book;

    public string Build(DateTime nowUtc)
    {
        var sb = new StringBuilder();
        var totalKg = 0.0;
        var overdue = 0;

        foreach (var order in _book.OpenOrders)
        {
            totalKg += order.Kilograms;
            if (order.DueUtc < nowUtc)
            {
                overdue++;
            }
            sb.AppendLine($"{order.Couverture,-20} {order.Kilograms,6:F1} kg  due {order.DueUtc:t}");
        }

        sb.AppendLine($"Total {totalKg:F1} kg, {overdue} overdue");
        return sb.ToString();
    }

    public Task<string> BuildInBackgroundAsync() => Task.Run(() => Build(DateTime.UtcNow));
}
