using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace CourtFiling.Numbering;

public sealed record CourtInfo(string Code, string Division, string Region);

/// <summary>
/// Issues case numbers such as "MAN-CIV-2025-000123". Shared by every filing channel
/// (portal, counter, bulk transfers), which request numbers concurrently.
/// </summary>
public sealed class CaseNumberIssuer
{
    private readonly IReadOnlyDictionary<string, CourtInfo> _courts;
    private readonly ConcurrentDictionary<(string Court, int Year), string> _prefixes = new();
    private readonly ConcurrentDictionary<(string Court, int Year), StrongBox<int>> _sequences = new();

    public CaseNumberIssuer(IEnumerable<CourtInfo> courts)
    {
        _courts = courts.ToDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);
    }

    public string Issue(string courtCode, DateTime filedUtc)
    {
        var key = (courtCode.ToUpperInvariant(), filedUtc.Year);
        var prefix = _prefixes.GetOrAdd(key, BuildPrefix);
        var counter = _sequences.GetOrAdd(key, _ => new StrongBox<int>(0));
        var next = Interlocked.Increment(ref counter.Value);
        return $"{prefix}-{next:D6}";
    }

    public int IssuedSoFar(string courtCode, int year) =>
        _sequences.TryGetValue((courtCode.ToUpperInvariant(), year), out var counter)
            ? Volatile.Read(ref counter.Value)
            : 0;

    private string BuildPrefix((string Court, int Year) key)
    {
        if (!_courts.TryGetValue(key.Court, out var court))
        {
            throw new ArgumentException($"Unknown court {key.Court}.");
        }

        var division = court.Division switch
        {
            "Civil" => "CIV",
            "Criminal" => "CRI",
            "Family" => "FAM",
            _ => court.Division.ToUpperInvariant()[..3],
        };
        return $"{court.Code}-{division}-{key.Year}";
    }
}
