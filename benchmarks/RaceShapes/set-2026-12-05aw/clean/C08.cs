using System.Collections.Concurrent;

namespace LibraryReturns.Sorting;

public sealed record ReturnScan(string Barcode, string DropBox, DateTime ScannedUtc);

public sealed record SortingSummary(int Processed, int Overdue, IReadOnlyDictionary<string, int> PerBranch);

/// <summary>
/// Sorts returned books from the after-hours drop boxes. Scanner threads add scans; a single
/// sorter thread assigns each book to a branch trolley and keeps the tallies.
/// </summary>
public sealed class ReturnSorter : IDisposable
{
    private readonly BlockingCollection<ReturnScan> _scans = new(boundedCapacity: 500);
    private readonly Func<string, (string Branch, DateTime DueUtc)> _lookup;
    private readonly Thread _sorter;

    // Tallies for the morning report.
    private readonly Dictionary<string, int> _perBranch = new();
    private int _processed;
    private int _overdue;

    public ReturnSorter(Func<string, (string Branch, DateTime DueUtc)> lookup)
    {
        _lookup = lookup;
        _sorter = new Thread(SortLoop) { IsBackground = true, Name = "return-sorter" };
        _sorter.Start();
    }

    public bool TryAdd(ReturnScan scan, TimeSpan timeout) => _scans.TryAdd(scan, timeout);

    private void SortLoop()
    {
        foreach (var scan in _scans.GetConsumingEnumerable())
        {
            var (branch, due) = _lookup(scan.Barcode);
            _perBranch[branch] = _perBranch.TryGetValue(branch, out int n) ? n + 1 : 1;
            if (scan.ScannedUtc > due)
            {
                _overdue++;
            }
            _processed++;
        }
    }

    /// <summary>Stops accepting scans, waits for the sorter to drain and returns the tallies.</summary>
    public SortingSummary Finish()
    {
        _scans.CompleteAdding();
        _sorter.Join();
        return new SortingSummary(_processed, _overdue, new Dictionary<string, int>(_perBranch));
    }

    public void Dispose()
    {
        _scans.CompleteAdding();
        _sorter.Join();
        _scans.Dispose();
    }
}

/// <summary>Simulates the overnight run: each drop box has its own scanner thread.</summary>
public static class OvernightRun
{
    public static SortingSummary Process(IReadOnlyDictionary<string, IReadOnlyList<string>> barcodesPerBox,
        Func<string, (string Branch, DateTime DueUtc)> lookup)
    {
        using var sorter = new ReturnSorter(lookup);
        var scanners = barcodesPerBox.Select(box => new Thread(() =>
        {
            foreach (var code in box.Value)
            {
                while (!sorter.TryAdd(new ReturnScan(code, box.Key, DateTime.UtcNow), TimeSpan.FromSeconds(1)))
                {
                }
            }
        })).ToList();

        scanners.ForEach(t => t.Start());
        scanners.ForEach(t => t.Join());
        return sorter.Finish();
    }
}
