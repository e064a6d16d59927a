namespace SkiResort.Lifts;

public enum ScanResult
{
    Allowed,
    UnknownPass,
    DailyLimitReached,
}

public sealed record OfflineScan(string PassId, string LiftId, DateTime ScannedAt);

public sealed class PassUsage
{
    public int RidesToday { get; set; }
    public string? LastLift { get; set; }
    public DateTime LastScan { get; set; }
}

/// <summary>
/// Validates lift passes at the turnstiles. Registered as a singleton in the gate service;
/// every turnstile reader calls <see cref="ScanPass"/> from its own reader thread, and the
/// handheld scanners used on the T-bars upload their offline scans when they regain signal.
/// </summary>
public sealed class LiftPassValidator
{
    private readonly object _lock = new();
    private readonly Dictionary<string, int> _dailyRideLimit;
    private readonly Dictionary<string, PassUsage> _usage = new(StringComparer.Ordinal);

    public LiftPassValidator(Dictionary<string, int> dailyRideLimitByPass)
    {
        _dailyRideLimit = dailyRideLimitByPass;
    }

    public ScanResult ScanPass(string passId, string liftId, DateTime at)
    {
        if (!_dailyRideLimit.TryGetValue(passId, out var limit))
        {
            return ScanResult.UnknownPass;
        }

        lock (_lock)
        {
            if (_usage.TryGetValue(passId, out var usage) && usage.RidesToday >= limit)
            {
                return ScanResult.DailyLimitReached;
            }

            RecordRide(passId, liftId, at);
            return ScanResult.Allowed;
        }
    }

    public void ImportOfflineScans(IEnumerable<OfflineScan> scans)
    {
        foreach (var scan in scans.OrderBy(s => s.ScannedAt))
        {
            RecordRide(scan.PassId, scan.LiftId, scan.ScannedAt);
        }
    }

    public int RidesToday(string passId)
    {
        lock (_lock)
        {
            return _usage.TryGetValue(passId, out var usage) ? usage.RidesToday : 0;
        }
    }

    private void RecordRide(string passId, string liftId, DateTime at)
    {
        if (!_usage.TryGetValue(passId, out var usage))
        {
            usage = new PassUsage();
            _usage[passId] = usage;
        }

        usage.RidesToday++;
        usage.LastLift = liftId;
        usage.LastScan = at;
    }
}
