namespace HospitalLinen.Laundry;

public enum LinenType { Sheet = 0, PillowCase = 1, Gown = 2, Towel = 3, Blanket = 4 }

public sealed record LaundryTag(string TagId, LinenType Type, int WashCycles);

/// <summary>Summarises a laundry cart scan for the linen services dashboard.</summary>
public static class CartScanSummary
{
    private const int RetireAfterCycles = 150;

    public static (int[] CountsByType, int DueForRetirement) Summarise(IReadOnlyList<LaundryTag> tags)
    {
        var counts = new int[Enum.GetValues<LinenType>().Length];
        var retire = 0;

        Parallel.For(0, tags.Count, i =>
        {
            var tag = tags[i];
            Interlocked.Increment(ref counts[(int)tag.Type]);
            if (tag.WashCycles >= RetireAfterCycles)
                Interlocked.Increment(ref retire);
        });

        return (counts, retire);
    }

    public static string Format(int[] counts, int retire)
    {
        var parts = Enum.GetValues<LinenType>().Select(t => $"{t}={counts[(int)t]}");
        return string.Join(", ", parts) + $" (retire {retire})";
    }
}

/// <summary>Receives cart scans from the laundry dock reader and keeps the last summary for the dashboard.</summary>
public sealed class DockScanHandler
{
    private readonly object _lock = new();
    private string _lastSummary = "no carts scanned";
    private int _carts;

    public void OnCartScanned(IReadOnlyList<LaundryTag> tags)
    {
        var (counts, retire) = CartScanSummary.Summarise(tags);
        var text = CartScanSummary.Format(counts, retire);
        lock (_lock)
        {
            _lastSummary = text;
            _carts++;
        }
    }

    public (string Summary, int Carts) Current()
    {
        lock (_lock)
        {
            return (_lastSummary, _carts);
        }
    }
}
