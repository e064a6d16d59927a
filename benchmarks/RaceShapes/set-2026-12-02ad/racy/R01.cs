namespace Blind30.OrganVoicing;

/// <summary>
/// Tracks the voicing of individual pipes while an organ is being restored.
/// Registered as a singleton in the workshop service; the voicers' tablets call
/// <see cref="Begin"/>, <see cref="TryGet"/> and <see cref="Complete"/> concurrently.
/// </summary>
public sealed class VoicingSessionRegistry
{
    private readonly object _voicingLock = new();
    private readonly Dictionary<string, VoicingSession> _active = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<VoicingSession> _completed = new();

    public VoicingSession Begin(string rank, int pipeNumber, string voicer)
    {
        var key = Key(rank, pipeNumber);
        lock (_voicingLock)
        {
            if (_active.TryGetValue(key, out var existing))
            {
                return existing;
            }

            var session = new VoicingSession(rank, pipeNumber, voicer, DateTime.UtcNow);
            _active.Add(key, session);
            return session;
        }
    }

    public bool TryGet(string rank, int pipeNumber, out VoicingSession? session)
    {
        lock (_voicingLock)
        {
            return _active.TryGetValue(Key(rank, pipeNumber), out session);
        }
    }

    public int ActiveCount
    {
        get
        {
            lock (_voicingLock)
            {
                return _active.Count;
            }
        }
    }

    /// <summary>Closes the session for a pipe and records the final cut-up and pitch.</summary>
    public bool Complete(string rank, int pipeNumber, double cutUpMillimetres, double finalPitchHz)
    {
        lock (_completed)
        {
            if (!_active.Remove(Key(rank, pipeNumber), out var session))
            {
                return false;
            }

            _completed.Add(session with
            {
                CutUpMillimetres = cutUpMillimetres,
                FinalPitchHz = finalPitchHz,
                FinishedUtc = DateTime.UtcNow,
            });
            return true;
        }
    }

    public IReadOnlyList<VoicingSession> CompletedSessions()
    {
        lock (_completed)
        {
            return _completed.ToArray();
        }
    }

    private static string Key(string rank, int pipeNumber) => $"{rank}:{pipeNumber}";
}

public sealed record VoicingSession(string Rank, int PipeNumber, string Voicer, DateTime StartedUtc)
{
    public double? CutUpMillimetres { get; init; }
    public double? FinalPitchHz { get; init; }
    public DateTime? FinishedUtc { get; init; }
}

/// <summary>Summarises a finished rank for the restoration report.</summary>
public static class RankReport
{
    public static string Describe(VoicingSessionRegistry registry, string rank)
    {
        var pipes = registry.CompletedSessions()
            .Where(s => string.Equals(s.Rank, rank, StringComparison.OrdinalIgnoreCase))
            .OrderBy(s => s.PipeNumber)
            .ToList();

        if (pipes.Count == 0)
        {
            return $"{rank}: no pipes voiced yet";
        }

        var meanCutUp = pipes.Average(p => p.CutUpMillimetres ?? 0);
        return $"{rank}: {pipes.Count} pipes, mean cut-up {meanCutUp:F2} mm";
    }
}
