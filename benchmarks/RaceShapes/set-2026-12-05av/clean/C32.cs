using System.Collections.Concurrent;

namespace Blind48.Carnival.PrizeImport;

public sealed record PrizeItem(string Sku, string Name, int Tier, int Quantity);

/// <summary>
/// Reusable CSV row parser with a scratch field buffer.
/// </summary>
public sealed class PrizeRowParser
{
    private readonly List<string> _fields = new(8);

    public PrizeItem? Parse(string line)
    {
        _fields.Clear();
        _fields.AddRange(line.Split(',', StringSplitOptions.TrimEntries));
        if (_fields.Count < 4 || !int.TryParse(_fields[2], out var tier) || !int.TryParse(_fields[3], out var qty))
        {
            return null;
        }

        return new PrizeItem(_fields[0], _fields[1], tier, qty);
    }
}

/// <summary>
/// Imports the prize supplier's inventory file into the midway stock system,
/// parsing and validating rows in parallel and reporting progress to the
/// operator's console.
/// </summary>
public sealed class PrizeInventoryImporter
{
    private readonly ConcurrentBag<PrizeRowParser> _parsers = new();
    private readonly Action<PrizeItem> _upsert;

    public PrizeInventoryImporter(Action<PrizeItem> upsert) => _upsert = upsert;

    public int Imported { get; private set; }
    public int Rejected { get; private set; }
    public TimeSpan LastDuration { get; private set; }

    public void Import(IReadOnlyList<string> lines, IProgress<int>? progress)
    {
        var started = DateTime.UtcNow;
        var imported = 0;
        var rejected = 0;
        var done = 0;
        var lastReportedPercent = -1;
        var reportLock = new object();

        Parallel.ForEach(lines.Skip(1), line =>
        {
            var parser = _parsers.TryTake(out var p) ? p : new PrizeRowParser();
            try
            {
                var item = parser.Parse(line);
                if (item is null || item.Quantity < 0)
                {
                    Interlocked.Increment(ref rejected);
                }
                else
                {
                    _upsert(item);
                    Interlocked.Increment(ref imported);
                }
            }
            finally
            {
                _parsers.Add(parser);
            }

            var completed = Interlocked.Increment(ref done);
            var percent = completed * 100 / Math.Max(1, lines.Count - 1);
            lock (reportLock)
            {
                if (percent > lastReportedPercent)
                {
                    lastReportedPercent = percent;
                    progress?.Report(percent);
                }
            }
        });

        Imported = imported;
        Rejected = rejected;
        LastDuration = DateTime.UtcNow - started;
    }
}
