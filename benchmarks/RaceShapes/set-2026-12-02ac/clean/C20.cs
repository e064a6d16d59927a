namespace Blind29.CircusTours.Logistics;

public sealed record Wagon(string Id, string Contents, double Tonnes);

public interface IRailYard
{
    Task<bool> LoadAsync(Wagon wagon, string trainId, CancellationToken ct);
}

/// <summary>
/// Loads the touring circus train for the next town. The result object is filled
/// in as wagons are loaded and handed back to the tour manager when loading ends.
/// </summary>
public sealed class TrainLoader
{
    private readonly IRailYard _yard;

    public TrainLoader(IRailYard yard) => _yard = yard;

    public async Task<LoadingResult> LoadAsync(string trainId, IReadOnlyList<Wagon> wagons, TimeSpan deadline, CancellationToken ct)
    {
        var result = new LoadingResult(trainId);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(deadline);

        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = cts.Token.Register(() => cancelled.TrySetResult());

        foreach (var wagon in wagons.OrderByDescending(w => w.Tonnes))
        {
            var load = _yard.LoadAsync(wagon, trainId, cts.Token);
            var finished = await Task.WhenAny(load, cancelled.Task).ConfigureAwait(false);
            if (finished != load)
            {
                var remaining = wagons.Where(w => !result.Loaded.Contains(w) && !result.LeftBehind.Contains(w)).ToList();
                result.LeftBehind.AddRange(remaining);
                result.TimedOut = true;
                break;
            }

            if (await load.ConfigureAwait(false))
            {
                result.Loaded.Add(wagon);
                result.Tonnes += wagon.Tonnes;
            }
            else
            {
                result.LeftBehind.Add(wagon);
            }
        }

        return result;
    }
}

public sealed class LoadingResult
{
    public LoadingResult(string trainId) => TrainId = trainId;

    public string TrainId { get; }
    public List<Wagon> Loaded { get; } = new();
    public List<Wagon> LeftBehind { get; } = new();
    public double Tonnes { get; set; }
    public bool TimedOut { get; set; }

    public override string ToString() =>
        $"{TrainId}: {Loaded.Count} wagons ({Tonnes:0.0} t) loaded, {LeftBehind.Count} left behind{(TimedOut ? " (deadline)" : "")}";
}
