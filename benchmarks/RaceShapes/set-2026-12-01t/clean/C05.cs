using System.Collections.Immutable;

namespace Newsroom.WireFeeds;

public sealed record WireStory(string Agency, string Slug, string Headline, DateTimeOffset FiledAt, int Priority);

/// <summary>
/// The live wire desk: a rolling list of the most recent stories from all
/// agencies. Feed readers for each agency call <see cref="Ingest"/> from their
/// own threads; the editors' web dashboard reads <see cref="Latest"/>.
/// </summary>
public sealed class WireDesk
{
    private const int Capacity = 500;
    private ImmutableList<WireStory> _stories = ImmutableList<WireStory>.Empty;
    private ImmutableHashSet<string> _seenSlugs = ImmutableHashSet<string>.Empty;

    public IReadOnlyList<WireStory> Latest => Volatile.Read(ref _stories);

    public bool Ingest(WireStory story)
    {
        var key = story.Agency + "/" + story.Slug;
        if (!ImmutableInterlocked.Update(ref _seenSlugs, set => set.Add(key)))
        {
            return false;
        }

        ImmutableInterlocked.Update(ref _stories, list =>
        {
            var updated = list.Insert(0, story);
            return updated.Count > Capacity ? updated.RemoveAt(updated.Count - 1) : updated;
        });
        return true;
    }

    public IReadOnlyList<WireStory> Flash(int minPriority) =>
        Volatile.Read(ref _stories).Where(s => s.Priority >= minPriority).ToList();
}

/// <summary>
/// Reads one agency's feed and pushes stories onto the desk.
/// </summary>
public sealed class AgencyFeedReader
{
    private readonly string _agency;
    private readonly WireDesk _desk;

    public AgencyFeedReader(string agency, WireDesk desk)
    {
        _agency = agency;
        _desk = desk;
    }

    public Task RunAsync(Func<CancellationToken, Task<string?>> readLine, CancellationToken ct) => Task.Run(async () =>
    {
        while (await readLine(ct) is { } line)
        {
            var parts = line.Split('|', 3);
            if (parts.Length == 3 && int.TryParse(parts[0], out var priority))
            {
                _desk.Ingest(new WireStory(_agency, parts[1], parts[2], DateTimeOffset.UtcNow, priority));
            }
        }
    }, ct);
}
