using System.Collections.Concurrent;

namespace Blind28.CathedralOrgan.Restoration;

public sealed class RankProgress
{
    public RankProgress(string division, string rank)
    {
        Division = division;
        Rank = rank;
    }

    public string Division { get; }
    public string Rank { get; }
    public double HoursLogged { get; set; }
}

public sealed record TimesheetEntry(string Restorer, string Division, string Rank, double Hours);

/// <summary>
/// Tracks restoration hours per stop. Registered as a singleton in the workshop portal;
/// the restorers' tablets post timesheet entries to it throughout the day.
/// </summary>
public sealed class RestorationProgress
{
    private readonly ConcurrentDictionary<string, RankProgress> _ranks = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<TimesheetEntry> _entries = new();

    public void Log(TimesheetEntry entry)
    {
        if (entry.Hours <= 0 || entry.Hours > 14)
        {
            throw new ArgumentOutOfRangeException(nameof(entry), "Implausible hours on timesheet.");
        }

        _entries.Enqueue(entry);
        var key = $"{entry.Division}/{entry.Rank}";
        _ranks.AddOrUpdate(
            key,
            _ => new RankProgress(entry.Division, entry.Rank) { HoursLogged = entry.Hours },
            (_, existing) =>
            {
                existing.HoursLogged += entry.Hours;
                return existing;
            });
    }

    public IReadOnlyList<(string Rank, double Hours)> Summary()
    {
        return _ranks
            .OrderBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase)
            .Select(kv => (kv.Key, kv.Value.HoursLogged))
            .ToList();
    }

    public int EntryCount => _entries.Count;
}
