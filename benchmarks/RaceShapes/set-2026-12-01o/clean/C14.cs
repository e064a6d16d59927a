namespace Stadium.Turnstiles.Reconciliation;

public sealed record GateScan(string GateId, string Barcode, DateTime ScannedAt, bool Accepted);

public sealed record GateSummary(string GateId, int Accepted, int Rejected, int DuplicateAttempts, DateTime? PeakMinute);

public interface IGateLogReader
{
    IEnumerable<GateScan> ReadAll(string gateId);
}

/// <summary>
/// Post-match reconciliation: reads each turnstile's local log and summarises it.
/// Gate logs are read in parallel because they come from slow SD-card exports.
/// </summary>
public sealed class PostMatchReconciliation
{
    private readonly IGateLogReader _reader;

    public PostMatchReconciliation(IGateLogReader reader) => _reader = reader;

    public async Task<IReadOnlyList<GateSummary>> SummariseAsync(IEnumerable<string> gateIds)
    {
        var work = gateIds
            .Select(gateId => Task.Factory.StartNew(
                () => SummariseGate(gateId),
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default))
            .ToList();

        var summaries = await Task.WhenAll(work);
        return summaries.OrderBy(s => s.GateId, StringComparer.Ordinal).ToList();
    }

    private GateSummary SummariseGate(string gateId)
    {
        var seenBarcodes = new HashSet<string>(StringComparer.Ordinal);
        var perMinute = new Dictionary<DateTime, int>();
        int accepted = 0, rejected = 0, duplicates = 0;

        foreach (var scan in _reader.ReadAll(gateId))
        {
            if (!seenBarcodes.Add(scan.Barcode))
            {
                duplicates++;
            }

            if (scan.Accepted)
            {
                accepted++;
                var minute = new DateTime(scan.ScannedAt.Ticks - scan.ScannedAt.Ticks % TimeSpan.TicksPerMinute, scan.ScannedAt.Kind);
                perMinute[minute] = perMinute.GetValueOrDefault(minute) + 1;
            }
            else
            {
                rejected++;
            }
        }

        DateTime? peak = perMinute.Count == 0 ? null : perMinute.MaxBy(kv => kv.Value).Key;
        return new GateSummary(gateId, accepted, rejected, duplicates, peak);
    }
}
