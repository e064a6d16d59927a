using System.Collections.Generic;
using System.Net.Http.Json;

namespace Blind47.Ferries.Timetable;

public sealed record Sailing(string Route, TimeOnly Departs, TimeOnly Arrives, string Vessel);

/// <summary>
/// Holds the current ferry timetable. Lookups made before the first download
/// completes wait for it (up to a timeout) instead of failing.
/// </summary>
public sealed class TimetableStore
{
    private readonly TaskCompletionSource<IReadOnlyList<Sailing>> _firstLoad =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private IReadOnlyList<Sailing> _sailings = Array.Empty<Sailing>();

    public void Publish(IReadOnlyList<Sailing> sailings)
    {
        var copy = sailings.ToArray();
        Volatile.Write(ref _sailings, copy);
        _firstLoad.TrySetResult(copy);
    }

    public void FailFirstLoad(Exception error) => _firstLoad.TrySetException(error);

    public async Task<IReadOnlyList<Sailing>> NextSailingsAsync(string route, TimeOnly after, TimeSpan wait, CancellationToken ct)
    {
        if (!_firstLoad.Task.IsCompleted)
        {
            var timeout = Task.Delay(wait, ct);
            var winner = await Task.WhenAny(_firstLoad.Task, timeout);
            if (winner == timeout)
            {
                ct.ThrowIfCancellationRequested();
                throw new TimeoutException("The timetable has not been downloaded yet.");
            }
        }

        await _firstLoad.Task;
        var sailings = Volatile.Read(ref _sailings);
        return sailings
            .Where(s => string.Equals(s.Route, route, StringComparison.OrdinalIgnoreCase) && s.Departs > after)
            .OrderBy(s => s.Departs)
            .Take(5)
            .ToList();
    }
}

public sealed class TimetableDownloader
{
    private readonly HttpClient _http;
    private readonly TimetableStore _store;

    public TimetableDownloader(HttpClient http, TimetableStore store)
    {
        _http = http;
        _store = store;
    }

    public async Task RunAsync(CancellationToken ct)
    {
        var first = true;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var sailings = await _http.GetFromJsonAsync<List<Sailing>>("timetable/current", ct) ?? new List<Sailing>();
                _store.Publish(sailings);
            }
            catch (HttpRequestException ex) when (first)
            {
                _store.FailFirstLoad(ex);
            }
            catch (HttpRequestException)
            {
                // Keep the timetable we already have.
            }

            first = false;
            await Task.Delay(TimeSpan.FromMinutes(15), ct);
        }
    }
}
