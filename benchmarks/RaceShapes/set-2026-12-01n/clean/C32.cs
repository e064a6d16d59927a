using System.Collections.Immutable;

namespace Newsroom.NationalShare;

public sealed record NationalPicture(
    ImmutableDictionary<string, long> VotesByParty,
    ImmutableHashSet<string> DeclaredConstituencies)
{
    public static readonly NationalPicture Empty =
        new(ImmutableDictionary<string, long>.Empty, ImmutableHashSet<string>.Empty);

    public long TotalVotes => VotesByParty.Values.Sum();
}

/// <summary>
/// National vote-share totals for the results-night live page. Declarations are applied by
/// the agency feed handlers concurrently; the live page, the TV graphics and the push
/// alert service read the current picture at any time.
/// </summary>
public sealed class NationalShareTracker
{
    private NationalPicture _picture = NationalPicture.Empty;

    public NationalPicture Current => Volatile.Read(ref _picture);

    /// <summary>Applies a constituency result; returns false if it had already been counted.</summary>
    public bool Apply(string constituencyId, IReadOnlyDictionary<string, int> votes)
    {
        var applied = false;
        ImmutableInterlocked.Update(ref _picture, picture =>
        {
            if (picture.DeclaredConstituencies.Contains(constituencyId))
            {
                applied = false;
                return picture;
            }

            var totals = picture.VotesByParty.ToBuilder();
            foreach (var (party, count) in votes)
            {
                totals[party] = totals.GetValueOrDefault(party) + count;
            }

            applied = true;
            return new NationalPicture(totals.ToImmutable(), picture.DeclaredConstituencies.Add(constituencyId));
        });
        return applied;
    }

    public IReadOnlyList<(string Party, double SharePercent)> Shares()
    {
        var picture = Current;
        var total = picture.TotalVotes;
        if (total == 0)
        {
            return Array.Empty<(string, double)>();
        }

        return picture.VotesByParty
            .Select(kv => (kv.Key, Math.Round(100.0 * kv.Value / total, 1)))
            .OrderByDescending(x => x.Item2)
            .ToList();
    }
}
