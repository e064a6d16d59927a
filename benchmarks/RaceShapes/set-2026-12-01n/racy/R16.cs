namespace Newsroom.ElectionNight;

public sealed class ConstituencyTally
{
    public ConstituencyTally(string id, string name)
    {
        Id = id;
        Name = name;
    }

    public string Id { get; }
    public string Name { get; }
    public Dictionary<string, int> VotesByParty { get; } = new(StringComparer.Ordinal);
    public bool Declared { get; set; }
    public int Lookups { get; set; }
}

public sealed record TallySnapshot(string Id, string Name, bool Declared, IReadOnlyDictionary<string, int> Votes);

/// <summary>
/// Running tallies for every constituency on results night. One instance is shared by the
/// wire-feed ingesters (one per news agency) and by the graphics and live-blog endpoints,
/// which read results continuously from many request threads.
/// </summary>
public sealed class ResultsDesk : IDisposable
{
    private readonly ReaderWriterLockSlim _rw = new();
    private readonly Dictionary<string, ConstituencyTally> _tallies;

    public ResultsDesk(IEnumerable<ConstituencyTally> constituencies)
    {
        _tallies = constituencies.ToDictionary(c => c.Id, StringComparer.Ordinal);
    }

    public void ApplyDeclaration(string constituencyId, IReadOnlyDictionary<string, int> votes)
    {
        _rw.EnterWriteLock();
        try
        {
            var tally = _tallies[constituencyId];
            tally.VotesByParty.Clear();
            foreach (var (party, count) in votes)
            {
                tally.VotesByParty[party] = count;
            }
            tally.Declared = true;
        }
        finally
        {
            _rw.ExitWriteLock();
        }
    }

    public TallySnapshot GetConstituency(string constituencyId)
    {
        _rw.EnterReadLock();
        try
        {
            var tally = _tallies[constituencyId];
            tally.Lookups++;
            return new TallySnapshot(tally.Id, tally.Name, tally.Declared, new Dictionary<string, int>(tally.VotesByParty));
        }
        finally
        {
            _rw.ExitReadLock();
        }
    }

    /// <summary>Most-viewed constituencies, for the "trending" strip on the homepage.</summary>
    public IReadOnlyList<string> Trending(int count)
    {
        _rw.EnterReadLock();
        try
        {
            return _tallies.Values.OrderByDescending(t => t.Lookups).Take(count).Select(t => t.Name).ToList();
        }
        finally
        {
            _rw.ExitReadLock();
        }
    }

    public void Dispose() => _rw.Dispose();
}
