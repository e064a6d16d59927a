namespace Blind44.OperaCostumes.Inventory;

public sealed record RackItem(string Barcode, string Production, string Garment, string Rack);

public sealed record ConditionReport(string Barcode, bool NeedsCleaning, bool NeedsRepair, string? Notes);

public interface IConditionScanner
{
    Task<ConditionReport> InspectAsync(RackItem item, CancellationToken ct);
}

/// <summary>
/// End-of-season stocktake of the opera's costume store. The rack list is built on a worker thread,
/// then every garment is inspected in parallel and the results are gathered for the wardrobe mistress.
/// </summary>
public sealed class CostumeStocktake
{
    private readonly IConditionScanner _scanner;

    public CostumeStocktake(IConditionScanner scanner) => _scanner = scanner;

    public async Task<StocktakeResult> RunAsync(IEnumerable<string> rackExportLines, IProgress<string>? progress, CancellationToken ct)
    {
        // Parsing the store's export is slow, so keep it off the caller's thread.
        List<RackItem> items = await Task.Run(() =>
        {
            var list = new List<RackItem>();
            foreach (var line in rackExportLines)
            {
                var parts = line.Split(';');
                if (parts.Length == 4)
                    list.Add(new RackItem(parts[0], parts[1], parts[2], parts[3]));
            }
            list.Sort((a, b) => string.CompareOrdinal(a.Rack, b.Rack));
            return list;
        }, ct);

        var reports = new ConditionReport[items.Count];
        var indices = Enumerable.Range(0, items.Count);
        int inspected = 0;

        await Parallel.ForEachAsync(indices, new ParallelOptions { MaxDegreeOfParallelism = 6, CancellationToken = ct },
            async (i, token) =>
            {
                reports[i] = await _scanner.InspectAsync(items[i], token);
                var done = Interlocked.Increment(ref inspected);
                if (done % 100 == 0)
                    progress?.Report($"{done} of {items.Count} garments inspected");
            });

        var cleaning = new List<RackItem>();
        var repairs = new List<RackItem>();
        for (int i = 0; i < items.Count; i++)
        {
            if (reports[i].NeedsCleaning) cleaning.Add(items[i]);
            if (reports[i].NeedsRepair) repairs.Add(items[i]);
        }

        return new StocktakeResult(items.Count, cleaning, repairs);
    }
}

public sealed record StocktakeResult(int Total, IReadOnlyList<RackItem> ForCleaning, IReadOnlyList<RackItem> ForRepair);

/// <summary>Collects progress messages for the stocktake screen; reports can arrive on several threads.</summary>
public sealed class StocktakeLog : IProgress<string>
{
    private readonly object _gate = new();
    private readonly List<string> _messages = new();

    public void Report(string value)
    {
        lock (_gate)
        {
            _messages.Add($"{DateTime.Now:HH:mm:ss} {value}");
            if (_messages.Count > 500)
                _messages.RemoveRange(0, _messages.Count - 500);
        }
    }

    public IReadOnlyList<string> Recent(int count)
    {
        lock (_gate)
            return _messages.Skip(Math.Max(0, _messages.Count - count)).ToArray();
    }
}
