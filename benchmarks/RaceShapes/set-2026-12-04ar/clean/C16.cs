namespace Blind44.TruffleHunters.Sweeps;

public sealed record Indication(string Dog, string Grid, double GramsEstimate);

public interface IHuntingDog
{
    string Name { get; }
    Task<IReadOnlyList<Indication>> WorkGroundAsync(string woodland, CancellationToken ct);
}

/// <summary>
/// Sends all dogs over a woodland for a limited time. Dogs that are still working when the time
/// runs out are called back; whatever each dog indicated before being called back is kept.
/// </summary>
public sealed class TimedSweep
{
    private readonly IReadOnlyList<IHuntingDog> _dogs;

    public TimedSweep(IReadOnlyList<IHuntingDog> dogs) => _dogs = dogs;

    public async Task<IReadOnlyList<Indication>> RunAsync(string woodland, TimeSpan budget, CancellationToken ct)
    {
        var perDog = new IReadOnlyList<Indication>[_dogs.Count];

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(budget);

        var work = new Task[_dogs.Count];
        for (int i = 0; i < _dogs.Count; i++)
        {
            int slot = i;
            work[slot] = Task.Run(async () =>
            {
                try
                {
                    perDog[slot] = await _dogs[slot].WorkGroundAsync(woodland, cts.Token);
                }
                catch (OperationCanceledException) when (cts.IsCancellationRequested)
                {
                    perDog[slot] = Array.Empty<Indication>();
                }
            });
        }

        await Task.WhenAll(work);
        ct.ThrowIfCancellationRequested();

        return perDog
            .SelectMany(list => list)
            .OrderByDescending(x => x.GramsEstimate)
            .ToList();
    }

    /// <summary>First dog to indicate anything wins the right to dig first; the others are recalled.</summary>
    public async Task<Indication?> FirstIndicationAsync(string woodland, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pending = _dogs.Select(d => d.WorkGroundAsync(woodland, cts.Token)).ToList();

        Indication? first = null;
        while (pending.Count > 0 && first is null)
        {
            var done = await Task.WhenAny(pending);
            pending.Remove(done);
            if (done.IsCompletedSuccessfully && done.Result.Count > 0)
                first = done.Result[0];
        }

        cts.Cancel();
        try
        {
            await Task.WhenAll(pending);
        }
        catch (OperationCanceledException)
        {
        }
        return first;
    }
}
