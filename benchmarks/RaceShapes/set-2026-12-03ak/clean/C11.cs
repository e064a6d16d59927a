using System.Net.Http.Json;

namespace Blind37.Orienteering.StartLists;

public sealed record Entry(string Name, string Club, string Course, long ChipNumber);

public sealed record ClubEntries(string Club, IReadOnlyList<Entry> Entries);

/// <summary>
/// Pulls entries from each club's entry system and merges them into the event's start
/// list. A few dozen clubs are queried at once, limited so the club servers are not
/// swamped on entry-closing night.
/// </summary>
public sealed class StartListBuilder
{
    private readonly HttpClient _http;
    private readonly int _maxConcurrentRequests;

    public StartListBuilder(HttpClient http, int maxConcurrentRequests = 6)
    {
        _http = http;
        _maxConcurrentRequests = maxConcurrentRequests;
    }

    public async Task<IReadOnlyList<Entry>> BuildAsync(IEnumerable<(string Club, Uri Endpoint)> clubs, CancellationToken cancellationToken)
    {
        using var throttle = new SemaphoreSlim(_maxConcurrentRequests);

        var perClub = await Task.WhenAll(clubs.Select(async club =>
        {
            await throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var entries = await _http.GetFromJsonAsync<Entry[]>(club.Endpoint, cancellationToken).ConfigureAwait(false);
                return new ClubEntries(club.Club, entries ?? Array.Empty<Entry>());
            }
            catch (HttpRequestException)
            {
                return new ClubEntries(club.Club, Array.Empty<Entry>());
            }
            finally
            {
                throttle.Release();
            }
        })).ConfigureAwait(false);

        var merged = new List<Entry>();
        foreach (var club in perClub)
        {
            merged.AddRange(club.Entries);
        }

        return merged
            .GroupBy(e => e.ChipNumber)
            .Select(g => g.First())
            .OrderBy(e => e.Course)
            .ThenBy(e => e.Name)
            .ToArray();
    }

    public static IReadOnlyDictionary<string, IReadOnlyList<(Entry Runner, TimeSpan Start)>> AllocateStarts(
        IReadOnlyList<Entry> entries, TimeSpan firstStart, TimeSpan interval)
    {
        var byCourse = new Dictionary<string, IReadOnlyList<(Entry, TimeSpan)>>();
        foreach (var course in entries.GroupBy(e => e.Course))
        {
            var slot = firstStart;
            var starts = new List<(Entry, TimeSpan)>();
            foreach (var runner in course.OrderBy(_ => Random.Shared.Next()))
            {
                starts.Add((runner, slot));
                slot += interval;
            }
            byCourse[course.Key] = starts;
        }
        return byCourse;
    }
}
