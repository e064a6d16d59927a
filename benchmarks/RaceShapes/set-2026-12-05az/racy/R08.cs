using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Blind52.Planetarium.Seating;

public sealed record SeatMap(int ShowId, IReadOnlyList<string> FreeSeats, DateTimeOffset LoadedAt);

public interface ISeatMapSource
{
    Task<SeatMap> LoadAsync(int showId, CancellationToken ct);
}

/// <summary>
/// Coalesces concurrent seat-map requests for the same planetarium show so the
/// box-office database sees one query per show no matter how many kiosks and
/// web visitors are looking at the dome layout. Registered as a singleton.
/// </summary>
public sealed class SeatMapCoalescer
{
    private readonly object _sync = new();
    private readonly Dictionary<int, Task<SeatMap>> _inflight = new();
    private readonly ISeatMapSource _source;

    public SeatMapCoalescer(ISeatMapSource source) => _source = source;

    public Task<SeatMap> GetSeatMapAsync(int showId)
    {
        if (_inflight.TryGetValue(showId, out var existing))
        {
            return existing;
        }

        TaskCompletionSource<SeatMap> tcs;
        lock (_sync)
        {
            if (_inflight.TryGetValue(showId, out existing))
            {
                return existing;
            }

            tcs = new TaskCompletionSource<SeatMap>(TaskCreationOptions.RunContinuationsAsynchronously);
            _inflight[showId] = tcs.Task;
        }

        _ = LoadIntoAsync(showId, tcs);
        return tcs.Task;
    }

    private async Task LoadIntoAsync(int showId, TaskCompletionSource<SeatMap> tcs)
    {
        try
        {
            var map = await _source.LoadAsync(showId, CancellationToken.None).ConfigureAwait(false);
            Forget(showId);
            tcs.SetResult(map);
        }
        catch (Exception ex)
        {
            Forget(showId);
            tcs.SetException(ex);
        }
    }

    private void Forget(int showId)
    {
        lock (_sync)
        {
            _inflight.Remove(showId);
        }
    }
}

/// <summary>
/// Kiosk endpoint: shows the remaining seats for tonight's shows.
/// </summary>
public sealed class DomeSeatingKiosk
{
    private readonly SeatMapCoalescer _coalescer;

    public DomeSeatingKiosk(SeatMapCoalescer coalescer) => _coalescer = coalescer;

    public async Task<string> RenderAsync(IEnumerable<int> showIds)
    {
        var tasks = new List<Task<SeatMap>>();
        foreach (var id in showIds)
        {
            tasks.Add(_coalescer.GetSeatMapAsync(id));
        }

        var maps = await Task.WhenAll(tasks).ConfigureAwait(false);
        var lines = new List<string>(maps.Length);
        foreach (var map in maps)
        {
            lines.Add($"Show {map.ShowId}: {map.FreeSeats.Count} seats free");
        }

        return string.Join(Environment.NewLine, lines);
    }
}
