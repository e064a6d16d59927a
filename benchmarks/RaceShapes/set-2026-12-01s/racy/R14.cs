using System.Collections.Concurrent;

namespace ReefSurvey.Logging;

public sealed record DiveLog(string DiverId, string TransectId, DateTimeOffset Entry, TimeSpan BottomTime,
    double MaxDepthMetres, int CoralCoverPercent);

public sealed record SurveyProgress(int Dives, double BottomHours, IReadOnlyDictionary<string, int> DivesPerTransect);

/// <summary>
/// Collects dive logs uploaded from the survey boats' tablets. Registered as a
/// singleton; the upload endpoint calls <see cref="Submit"/> whenever a boat comes
/// back into mobile coverage, so several boats' uploads are processed at once.
/// </summary>
public sealed class DiveLogCollector
{
    private readonly ConcurrentDictionary<string, int> _transectCounts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<DiveLog> _pendingExport = new();
    private int _diveCount;
    private double _totalBottomMinutes;

    public bool Submit(DiveLog log)
    {
        if (log.BottomTime <= TimeSpan.Zero || log.BottomTime > TimeSpan.FromHours(3))
            return false;
        if (log.CoralCoverPercent is < 0 or > 100)
            return false;

        Interlocked.Increment(ref _diveCount);
        _totalBottomMinutes += log.BottomTime.TotalMinutes;
        _transectCounts.AddOrUpdate(log.TransectId, 1, (_, n) => n + 1);
        _pendingExport.Enqueue(log);
        return true;
    }

    public SurveyProgress GetProgress()
    {
        int dives = Volatile.Read(ref _diveCount);
        double minutes = Volatile.Read(ref _totalBottomMinutes);
        var perTransect = _transectCounts.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase);
        return new SurveyProgress(dives, minutes / 60.0, perTransect);
    }

    /// <summary>Drains logs for the nightly export to the reef monitoring database.</summary>
    public IReadOnlyList<DiveLog> DrainForExport(int max)
    {
        var batch = new List<DiveLog>(max);
        while (batch.Count < max && _pendingExport.TryDequeue(out var log))
            batch.Add(log);
        return batch;
    }
}
