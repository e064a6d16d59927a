using System.Collections.Concurrent;
using System.Text;

namespace Blind54.IceCream.Tickets;

public sealed record ScoopOrder(int TicketNumber, string[] Flavours, bool Cone);

/// <summary>
/// Small pool of string builders reused by the ticket printers. Used from several printer
/// threads at once.
/// </summary>
public sealed class BuilderPool
{
    private readonly ConcurrentBag<StringBuilder> _items = new();

    public StringBuilder Rent() => _items.TryTake(out var sb) ? sb : new StringBuilder(256);

    public void Return(StringBuilder sb)
    {
        sb.Clear();
        _items.Add(sb);
    }
}

/// <summary>
/// Order tickets flow from the tills to two printer threads at the serving counter. Each
/// printer keeps its own flavour tallies, which are combined after the shift is closed.
/// </summary>
public sealed class CounterPrinters
{
    private readonly BlockingCollection<ScoopOrder> _orders = new(boundedCapacity: 100);
    private readonly BuilderPool _builders = new();
    private readonly Dictionary<string, int>[] _tallies;
    private readonly Thread[] _printers;
    private readonly Action<string> _print;

    public CounterPrinters(Action<string> print, int printerCount = 2)
    {
        _print = print;
        _tallies = new Dictionary<string, int>[printerCount];
        _printers = new Thread[printerCount];
        for (var i = 0; i < printerCount; i++)
        {
            var index = i;
            _tallies[index] = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            _printers[index] = new Thread(() => PrintLoop(index)) { IsBackground = true, Name = $"printer-{index}" };
            _printers[index].Start();
        }
    }

    /// <summary>Called by the tills.</summary>
    public void Submit(ScoopOrder order) => _orders.Add(order);

    private void PrintLoop(int index)
    {
        var tally = _tallies[index];
        foreach (var order in _orders.GetConsumingEnumerable())
        {
            var sb = _builders.Rent();
            try
            {
                sb.Append('#').Append(order.TicketNumber).Append(order.Cone ? " cone: " : " cup: ");
                sb.AppendJoin(", ", order.Flavours);
                _print(sb.ToString());
            }
            finally
            {
                _builders.Return(sb);
            }

            foreach (var flavour in order.Flavours)
            {
                tally[flavour] = tally.GetValueOrDefault(flavour) + 1;
            }
        }
    }

    /// <summary>Stops accepting orders, waits for the printers, and returns the day's flavour counts.</summary>
    public IReadOnlyDictionary<string, int> CloseShift()
    {
        _orders.CompleteAdding();
        foreach (var printer in _printers)
        {
            printer.Join();
        }

        var combined = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var tally in _tallies)
        {
            foreach (var (flavour, count) in tally)
            {
                combined[flavour] = combined.GetValueOrDefault(flavour) + count;
            }
        }

        return combined;
    }
}
