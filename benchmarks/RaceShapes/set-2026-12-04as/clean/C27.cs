namespace Blind45.SandSculpture.PublicVote;

public sealed record Standing(string SculptureId, string Title, int Votes, int Rank);

/// <summary>
/// People's-choice vote for the sand sculpture festival. Phones vote through the web API
/// (many concurrent requests); the big screen on the beach and the press page read the
/// standings. Registered as a singleton.
/// </summary>
public sealed class PeoplesChoiceVote
{
    private readonly object _lock = new();
    private readonly Dictionary<string, string> _titles = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _votes = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _voters = new(StringComparer.Ordinal);
    private bool _closed;

    public void Register(string sculptureId, string title)
    {
        lock (_lock)
        {
            _titles[sculptureId] = title;
            _votes.TryAdd(sculptureId, 0);
        }
    }

    public bool Vote(string voterToken, string sculptureId)
    {
        lock (_lock)
        {
            if (_closed || !_votes.ContainsKey(sculptureId) || !_voters.Add(voterToken))
            {
                return false;
            }

            _votes[sculptureId]++;
            return true;
        }
    }

    /// <summary>Returns a copy; callers may sort, page or keep it as long as they like.</summary>
    public IReadOnlyList<Standing> Standings()
    {
        KeyValuePair<string, int>[] counts;
        Dictionary<string, string> titles;
        lock (_lock)
        {
            counts = _votes.ToArray();
            titles = new Dictionary<string, string>(_titles, StringComparer.OrdinalIgnoreCase);
        }

        var ordered = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        var standings = new List<Standing>(ordered.Count);
        var rank = 0;
        var previousVotes = -1;
        for (var i = 0; i < ordered.Count; i++)
        {
            if (ordered[i].Value != previousVotes)
            {
                rank = i + 1;
                previousVotes = ordered[i].Value;
            }

            standings.Add(new Standing(ordered[i].Key, titles[ordered[i].Key], ordered[i].Value, rank));
        }

        return standings;
    }

    public int TotalVoters
    {
        get
        {
            lock (_lock)
            {
                return _voters.Count;
            }
        }
    }

    public IReadOnlyList<Standing> Close()
    {
        lock (_lock)
        {
            _closed = true;
        }

        return Standings();
    }
}
