namespace Blind51.OrganBuilders.Voicing;

public sealed record VoicedPipe(string Rank, int Note, double CutUpMm, double WindPressureMm, string Voicer);

/// <summary>
/// One voicer's session at a voicing bench. Each bench in the workshop runs its own
/// session on its own thread, fed by the pipe-scanning rig attached to that bench.
/// The per-rank tallies are shared across all benches so the workshop foreman can see
/// how far each rank of the organ has progressed.
/// </summary>
public sealed class VoicingSession
{
    private static readonly Dictionary<string, int> s_pipesVoicedPerRank = new(StringComparer.OrdinalIgnoreCase);

    private readonly object _sessionLock = new();
    private readonly List<VoicedPipe> _pipes = new();
    private readonly string _voicer;

    public VoicingSession(string voicer) => _voicer = voicer;

    public void RecordPipe(string rank, int note, double cutUpMm, double windPressureMm)
    {
        var pipe = new VoicedPipe(rank, note, cutUpMm, windPressureMm, _voicer);
        lock (_sessionLock)
        {
            _pipes.Add(pipe);
            s_pipesVoicedPerRank[rank] = s_pipesVoicedPerRank.GetValueOrDefault(rank) + 1;
        }
    }

    public IReadOnlyList<VoicedPipe> PipesThisSession()
    {
        lock (_sessionLock)
        {
            return _pipes.ToArray();
        }
    }

    public static int PipesVoiced(string rank)
    {
        lock (s_pipesVoicedPerRank)
        {
            return s_pipesVoicedPerRank.GetValueOrDefault(rank);
        }
    }
}

/// <summary>
/// Runs every bench in the workshop for a day, each on a dedicated thread that drains the
/// readings coming from its scanning rig.
/// </summary>
public sealed class VoicingWorkshop
{
    private readonly IReadOnlyDictionary<string, IEnumerable<(string Rank, int Note, double CutUp, double Wind)>> _benchFeeds;

    public VoicingWorkshop(IReadOnlyDictionary<string, IEnumerable<(string Rank, int Note, double CutUp, double Wind)>> benchFeeds)
    {
        _benchFeeds = benchFeeds;
    }

    public IReadOnlyList<VoicingSession> RunDay()
    {
        var sessions = new List<VoicingSession>();
        var threads = new List<Thread>();

        foreach (var (voicer, feed) in _benchFeeds)
        {
            var session = new VoicingSession(voicer);
            sessions.Add(session);

            var thread = new Thread(() =>
            {
                foreach (var reading in feed)
                    session.RecordPipe(reading.Rank, reading.Note, reading.CutUp, reading.Wind);
            })
            {
                Name = $"bench-{voicer}",
                IsBackground = true,
            };
            threads.Add(thread);
        }

        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return sessions;
    }
}
