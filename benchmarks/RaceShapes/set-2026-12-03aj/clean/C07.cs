namespace Blind36.CheeseRolling.Timing;

public sealed record RunnerTime(string Runner, int Heat, TimeSpan Time, bool Finished);

public interface ITimingGate
{
    Task<IReadOnlyList<RunnerTime>> ReadHeatAsync(int heat, CancellationToken ct);
}

public sealed record RaceResults(IReadOnlyList<RunnerTime> Podium, int Finishers, int NonFinishers);

/// <summary>
/// Pulls results off the timing gate at the bottom of the hill for every heat and
/// works out the podium.
/// </summary>
public sealed class HillResults
{
    private readonly ITimingGate _gate;

    public HillResults(ITimingGate gate) => _gate = gate;

    public async Task<RaceResults> CollectAsync(int heats, CancellationToken ct)
    {
        var reads = new List<Task<IReadOnlyList<RunnerTime>>>(heats);
        for (int heat = 1; heat <= heats; heat++)
        {
            int h = heat;
            reads.Add(Task.Run(() => ReadWithRetryAsync(h, ct), ct));
        }

        IReadOnlyList<RunnerTime>[] perHeat = await Task.WhenAll(reads).ConfigureAwait(false);

        var all = perHeat.SelectMany(x => x).ToList();
        var finishers = all.Where(r => r.Finished).OrderBy(r => r.Time).ToList();

        return new RaceResults(
            finishers.Take(3).ToList(),
            finishers.Count,
            all.Count - finishers.Count);
    }

    private async Task<IReadOnlyList<RunnerTime>> ReadWithRetryAsync(int heat, CancellationToken ct)
    {
        int attempts = 0;
        while (true)
        {
            try
            {
                return await _gate.ReadHeatAsync(heat, ct).ConfigureAwait(false);
            }
            catch (IOException) when (++attempts < 3)
            {
                // The gate's radio link drops out when spectators crowd the fence.
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempts), ct).ConfigureAwait(false);
            }
        }
    }
}
