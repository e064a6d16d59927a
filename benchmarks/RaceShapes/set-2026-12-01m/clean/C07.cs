namespace Proctoring.Integrity;

public sealed record Finding(string Kind, int Severity);

public interface IBehaviourProbe
{
    Finding? Poll(CancellationToken token);
}

/// <summary>
/// Runs behaviour probes (gaze, clipboard, window focus) for one exam attempt on pool tasks
/// and raises <see cref="FindingRaised"/> from those tasks.
/// </summary>
public sealed class AttemptMonitor
{
    public event EventHandler<Finding>? FindingRaised;

    public Task RunAsync(IEnumerable<IBehaviourProbe> probes, CancellationToken token)
        => Task.WhenAll(probes.Select(p => Task.Run(() => Loop(p, token), token)));

    private void Loop(IBehaviourProbe probe, CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            var finding = probe.Poll(token);
            if (finding is not null)
            {
                FindingRaised?.Invoke(this, finding);
            }
        }
    }
}

/// <summary>Totals shown to the invigilator while the exam is in progress.</summary>
public sealed class InvigilatorTally
{
    private int _findings;
    private int _penaltyPoints;
    private long _lastFindingTicks;

    public InvigilatorTally(AttemptMonitor monitor) => monitor.FindingRaised += OnFinding;

    public int Findings => Volatile.Read(ref _findings);

    public int PenaltyPoints => Volatile.Read(ref _penaltyPoints);

    public DateTime? LastFindingUtc
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastFindingTicks);
            return ticks == 0 ? null : new DateTime(ticks, DateTimeKind.Utc);
        }
    }

    private void OnFinding(object? sender, Finding finding)
    {
        var weight = finding.Kind == "second-person" ? 3 : 1;
        Interlocked.Increment(ref _findings);
        Interlocked.Add(ref _penaltyPoints, weight * finding.Severity);
        Interlocked.Exchange(ref _lastFindingTicks, DateTime.UtcNow.Ticks);
    }
}
