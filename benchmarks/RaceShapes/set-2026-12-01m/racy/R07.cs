namespace Proctoring.Sessions;

public sealed record SuspiciousActivity(string Kind, int Severity, TimeSpan Offset);

public interface IFrameAnalyzer
{
    string Name { get; }
    SuspiciousActivity? Inspect(CancellationToken token);
}

/// <summary>
/// Runs the webcam, screen and audio analyzers for one candidate's exam attempt.
/// Each analyzer runs on its own pool task and reports findings through <see cref="ActivityDetected"/>.
/// </summary>
public sealed class ProctorSession
{
    public event EventHandler<SuspiciousActivity>? ActivityDetected;

    public Task RunAsync(IEnumerable<IFrameAnalyzer> analyzers, CancellationToken token)
    {
        var loops = analyzers.Select(a => Task.Run(() => AnalyzeLoop(a, token), token)).ToArray();
        return Task.WhenAll(loops);
    }

    private void AnalyzeLoop(IFrameAnalyzer analyzer, CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            var finding = analyzer.Inspect(token);
            if (finding is not null)
            {
                ActivityDetected?.Invoke(this, finding);
            }
        }
    }
}

/// <summary>
/// Accumulates penalty points for the integrity report reviewed by the exam board.
/// </summary>
public sealed class IntegrityReport
{
    private readonly int _reviewThreshold;
    private int _penaltyPoints;

    public IntegrityReport(ProctorSession session, int reviewThreshold)
    {
        _reviewThreshold = reviewThreshold;
        session.ActivityDetected += OnActivity;
    }

    public int PenaltyPoints => Volatile.Read(ref _penaltyPoints);

    public bool NeedsHumanReview => PenaltyPoints >= _reviewThreshold;

    private void OnActivity(object? sender, SuspiciousActivity activity)
    {
        var weight = activity.Kind switch
        {
            "second-face" => 3,
            "tab-switch" => 2,
            _ => 1,
        };

        _penaltyPoints += weight * activity.Severity;
    }
}
