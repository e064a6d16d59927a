namespace Blind28.OstrichFarm.Incubation;

public sealed record EggReading(string EggId, double TemperatureC, double WeightLossPercent, DateTime At);

public sealed record IncubationOutcome(bool Completed, IReadOnlyList<EggReading> Alerts);

/// <summary>
/// Watches one incubator cabinet until the eggs are moved to the hatcher, collecting
/// any readings that need the stockman's attention.
/// </summary>
public sealed class IncubatorWatch
{
    private readonly Func<CancellationToken, Task<EggReading>> _nextReading;
    private readonly TaskCompletionSource<bool> _movedToHatcher = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IncubatorWatch(Func<CancellationToken, Task<EggReading>> nextReading)
    {
        _nextReading = nextReading;
    }

    /// <summary>Called from the barn controller when the cabinet is emptied.</summary>
    public void MarkMovedToHatcher() => _movedToHatcher.TrySetResult(true);

    public async Task<IncubationOutcome> WatchAsync(CancellationToken shutdown)
    {
        using var registration = shutdown.Register(static state =>
        {
            ((TaskCompletionSource<bool>)state!).TrySetResult(false);
        }, _movedToHatcher);

        var alerts = new List<EggReading>();
        using var readingCts = CancellationTokenSource.CreateLinkedTokenSource(shutdown);

        var readingLoop = Task.Run(async () =>
        {
            var found = new List<EggReading>();
            try
            {
                while (true)
                {
                    var reading = await _nextReading(readingCts.Token);
                    if (reading.TemperatureC is < 35.5 or > 36.8 || reading.WeightLossPercent > 16)
                    {
                        found.Add(reading);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }

            return found;
        });

        var completed = await _movedToHatcher.Task;
        readingCts.Cancel();
        alerts.AddRange(await readingLoop);
        return new IncubationOutcome(completed, alerts);
    }
}
