namespace Blind38.Regatta.Results;

public interface IFinishLineTiming
{
    Task<TimeSpan?> GetFinishTimeAsync(string heatId, string crew, CancellationToken ct);
}

public sealed record HeatResult(string HeatId, string? Winner, TimeSpan? WinningTime, int Finishers);

/// <summary>
/// Collates a heat's result from the finish-line timing system once every lane has
/// crossed. Each crew's time is fetched independently since the timing API is per lane.
/// </summary>
public sealed class HeatResultCollator
{
    private readonly IFinishLineTiming _timing;

    public HeatResultCollator(IFinishLineTiming timing)
    {
        _timing = timing;
    }

    public async Task<HeatResult> CollateAsync(string heatId, IReadOnlyList<string> crews, CancellationToken ct)
    {
        TimeSpan? best = null;
        string? bestCrew = null;
        var finishers = 0;

        var lookups = crews.Select(async crew =>
        {
            var time = await _timing.GetFinishTimeAsync(heatId, crew, ct).ConfigureAwait(false);
            if (time is null)
            {
                return;
            }

            Interlocked.Increment(ref finishers);
            if (best is null || time < best)
            {
                best = time;
                bestCrew = crew;
            }
        });

        await Task.WhenAll(lookups).ConfigureAwait(false);
        return new HeatResult(heatId, bestCrew, best, finishers);
    }

    public async Task<IReadOnlyList<HeatResult>> CollateSessionAsync(
        IReadOnlyDictionary<string, IReadOnlyList<string>> heats, CancellationToken ct)
    {
        var results = new List<HeatResult>(heats.Count);
        foreach (var (heatId, crews) in heats.OrderBy(h => h.Key))
        {
            results.Add(await CollateAsync(heatId, crews, ct).ConfigureAwait(false));
        }

        return results;
    }

    public static string FormatTime(TimeSpan? time) =>
        time is { } t ? $"{(int)t.TotalMinutes}:{t.Seconds:00}.{t.Milliseconds / 10:00}" : "DNF";

    public static IEnumerable<string> FormatBoard(IEnumerable<HeatResult> results)
    {
        foreach (var r in results)
        {
            yield return $"{r.HeatId,-8} {r.Winner ?? "-",-20} {FormatTime(r.WinningTime),9} ({r.Finishers} finished)";
        }
    }
}
