namespace Orchestra.Availability;

public sealed record AvailabilityReply(string MusicianId, DateOnly Date, bool Available);

public interface IAvailabilityClient
{
    Task<IReadOnlyList<AvailabilityReply>> FetchSectionAsync(string section, DateOnly from, DateOnly to, CancellationToken ct);
}

/// <summary>Builds the rehearsal availability grid by querying each section's portal in parallel.</summary>
public sealed class AvailabilityGridBuilder
{
    private readonly IAvailabilityClient _client;

    public AvailabilityGridBuilder(IAvailabilityClient client) => _client = client;

    public async Task<IReadOnlyDictionary<DateOnly, int>> BuildAsync(IEnumerable<string> sections, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var perSection = sections
            .Select(section => Task.Run(async () =>
            {
                var replies = await _client.FetchSectionAsync(section, from, to, ct).ConfigureAwait(false);
                var counts = new Dictionary<DateOnly, int>();
                foreach (var reply in replies)
                {
                    if (!reply.Available) continue;
                    counts[reply.Date] = counts.TryGetValue(reply.Date, out var n) ? n + 1 : 1;
                }
                return counts;
            }, ct))
            .ToList();

        var results = await Task.WhenAll(perSection).ConfigureAwait(false);

        var grid = new Dictionary<DateOnly, int>();
        foreach (var counts in results)
        {
            foreach (var (date, n) in counts)
                grid[date] = grid.TryGetValue(date, out var total) ? total + n : n;
        }
        return grid;
    }
}

public static class AvailabilityGridFormatting
{
    public static IEnumerable<string> BestDates(IReadOnlyDictionary<DateOnly, int> grid, int take) =>
        grid.OrderByDescending(kv => kv.Value)
            .ThenBy(kv => kv.Key)
            .Take(take)
            .Select(kv => $"{kv.Key:ddd dd MMM}: {kv.Value} available");
}
