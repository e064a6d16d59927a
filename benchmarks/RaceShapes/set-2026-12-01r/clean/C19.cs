namespace Crossword.Syndication;

public sealed record PuzzleRelease(string PartnerId, DateOnly RunDate, string PuzzleId, string Format);

/// <summary>
/// The syndication schedule: which puzzle each partner newspaper runs on which day.
/// Partner download requests read it constantly; the editor republishes it a few
/// times a day.
/// </summary>
public sealed class SyndicationSchedule
{
    private sealed class Snapshot
    {
        public Snapshot(IReadOnlyDictionary<(string, DateOnly), PuzzleRelease> releases, int version)
        {
            Releases = releases;
            Version = version;
        }

        public IReadOnlyDictionary<(string, DateOnly), PuzzleRelease> Releases { get; }
        public int Version { get; }
    }

    private readonly object _publishLock = new();
    private Snapshot _current = new(new Dictionary<(string, DateOnly), PuzzleRelease>(), 0);

    public int Version => Volatile.Read(ref _current).Version;

    public PuzzleRelease? For(string partnerId, DateOnly runDate)
    {
        var snapshot = Volatile.Read(ref _current);
        return snapshot.Releases.TryGetValue((partnerId, runDate), out var release) ? release : null;
    }

    public IReadOnlyList<PuzzleRelease> Week(string partnerId, DateOnly monday)
    {
        var snapshot = Volatile.Read(ref _current);
        var result = new List<PuzzleRelease>(7);
        for (var d = 0; d < 7; d++)
        {
            if (snapshot.Releases.TryGetValue((partnerId, monday.AddDays(d)), out var release))
            {
                result.Add(release);
            }
        }
        return result;
    }

    /// <summary>Called by the editor's publish action.</summary>
    public int Publish(IEnumerable<PuzzleRelease> releases)
    {
        var map = new Dictionary<(string, DateOnly), PuzzleRelease>();
        foreach (var release in releases)
        {
            map[(release.PartnerId, release.RunDate)] = release;
        }

        lock (_publishLock)
        {
            var next = new Snapshot(map, _current.Version + 1);
            Volatile.Write(ref _current, next);
            return next.Version;
        }
    }
}

public sealed class PartnerDownloadEndpoint
{
    private readonly SyndicationSchedule _schedule;

    public PartnerDownloadEndpoint(SyndicationSchedule schedule) => _schedule = schedule;

    public Task<string> GetAsync(string partnerId, DateOnly date) =>
        Task.Run(() => _schedule.For(partnerId, date)?.PuzzleId ?? "404");
}
