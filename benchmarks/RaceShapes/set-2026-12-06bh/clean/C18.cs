using System.Collections.Concurrent;

namespace Blind60.Cobblers.Workshop;

/// <summary>A repair ticket. Mutable while the counter assistant fills it in.</summary>
public sealed class RepairTicket
{
    public int Number { get; set; }
    public string Customer { get; set; } = "";
    public List<string> Jobs { get; } = new();
    public decimal Quote { get; set; }
    public DateTime? CompletedUtc { get; set; }
}

/// <summary>
/// Moves repair tickets from the shop counter to the bench and on to the collection shelf.
/// </summary>
public sealed class CobblerWorkshop : IDisposable
{
    private readonly BlockingCollection<RepairTicket> _toBench = new(boundedCapacity: 50);
    private readonly BlockingCollection<RepairTicket> _toCollection = new();
    private readonly Thread _bench;

    public CobblerWorkshop()
    {
        _bench = new Thread(BenchLoop) { IsBackground = true, Name = "bench" };
        _bench.Start();
    }

    public void TakeIn(int number, string customer, IEnumerable<string> jobs)
    {
        var ticket = new RepairTicket { Number = number, Customer = customer };
        foreach (var job in jobs)
        {
            ticket.Jobs.Add(job);
            ticket.Quote += job.Contains("resole", StringComparison.OrdinalIgnoreCase) ? 45m : 12m;
        }
        _toBench.Add(ticket);
    }

    private void BenchLoop()
    {
        foreach (var ticket in _toBench.GetConsumingEnumerable())
        {
            foreach (var job in ticket.Jobs)
            {
                Thread.Sleep(job.Length); // stitching, gluing, heel blocks
            }
            ticket.CompletedUtc = DateTime.UtcNow;
            _toCollection.Add(ticket);
        }
        _toCollection.CompleteAdding();
    }

    /// <summary>Shelf of finished repairs; the collection desk drains it.</summary>
    public IEnumerable<RepairTicket> ReadyForCollection(CancellationToken ct) => _toCollection.GetConsumingEnumerable(ct);

    public void CloseCounter() => _toBench.CompleteAdding();

    public void Dispose()
    {
        _toBench.CompleteAdding();
        _bench.Join();
        _toBench.Dispose();
        _toCollection.Dispose();
    }
}
