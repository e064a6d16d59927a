namespace ClimbingGym.Belay;

public enum BelayCheckResult { Passed, Failed, Expired }

public sealed record BelayCertification(string MemberId, string CheckedBy, BelayCheckResult Result, DateTime CheckedAtUtc);

/// <summary>
/// Belay certification log for the front desk. One instance is shared by the
/// check-in kiosks and the staff tablets, which call it concurrently.
/// </summary>
public sealed class BelayLog
{
    private readonly object _gate = new();
    private readonly List<BelayCertification> _entries = new();
    private readonly Dictionary<string, BelayCertification> _latestByMember = new(StringComparer.OrdinalIgnoreCase);
    private int _failedToday;

    public void Record(BelayCertification cert)
    {
        lock (_gate)
        {
            _entries.Add(cert);
            _latestByMember[cert.MemberId] = cert;
            if (cert.Result == BelayCheckResult.Failed && cert.CheckedAtUtc.Date == DateTime.UtcNow.Date)
            {
                _failedToday++;
            }
        }
    }

    public bool MayLeadClimb(string memberId, TimeSpan validity)
    {
        lock (_gate)
        {
            return _latestByMember.TryGetValue(memberId, out var cert)
                && cert.Result == BelayCheckResult.Passed
                && DateTime.UtcNow - cert.CheckedAtUtc < validity;
        }
    }

    public int FailedToday
    {
        get
        {
            lock (_gate)
            {
                return _failedToday;
            }
        }
    }

    public BelayCertification[] Snapshot()
    {
        lock (_gate)
        {
            return _entries.ToArray();
        }
    }

    public void StartNewDay()
    {
        lock (_gate)
        {
            _failedToday = 0;
        }
    }
}

/// <summary>
/// Exports the log to CSV for the insurer.
/// </summary>
public static class BelayLogExporter
{
    public static async Task ExportAsync(BelayLog log, TextWriter writer)
    {
        var entries = log.Snapshot();
        await writer.WriteLineAsync("member,checked_by,result,checked_at");
        foreach (var e in entries.OrderBy(e => e.CheckedAtUtc))
        {
            await writer.WriteLineAsync($"{e.MemberId},{e.CheckedBy},{e.Result},{e.CheckedAtUtc:O}");
        }
    }
}
