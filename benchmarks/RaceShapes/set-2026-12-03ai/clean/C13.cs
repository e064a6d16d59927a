namespace Blind35.ShipwreckDiving.Dives;

public sealed record DepthSample(DateTime At, double DepthMetres, int TankBar);

public sealed record DiveLog(string Diver, IReadOnlyList<DepthSample> Samples, string EndReason);

public interface IDiveComputerLink
{
    Task<DepthSample> NextSampleAsync(CancellationToken ct);
}

/// <summary>
/// Records one diver's descent to the wreck. The surface supervisor can recall the diver at any
/// time by cancelling the recall token; the recording stops at the next sample boundary.
/// </summary>
public sealed class WreckDiveRecorder
{
    private readonly IDiveComputerLink _link;

    public WreckDiveRecorder(IDiveComputerLink link) => _link = link;

    public async Task<DiveLog> RecordAsync(string diver, int reserveBar, CancellationToken recall)
    {
        var samples = new List<DepthSample>();
        var recalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = recall.Register(static state => ((TaskCompletionSource)state!).TrySetResult(), recalled);

        while (true)
        {
            var next = _link.NextSampleAsync(CancellationToken.None);
            var finished = await Task.WhenAny(next, recalled.Task).ConfigureAwait(false);
            if (finished == recalled.Task)
            {
                return new DiveLog(diver, samples, "recalled by surface");
            }

            var sample = await next.ConfigureAwait(false);
            samples.Add(sample);

            if (sample.TankBar <= reserveBar)
            {
                return new DiveLog(diver, samples, "reserve pressure reached");
            }

            if (sample.DepthMetres < 0.5 && samples.Count > 10)
            {
                return new DiveLog(diver, samples, "surfaced");
            }
        }
    }
}

/// <summary>Runs the buddy pair's recorders and lets the supervisor recall both.</summary>
public sealed class BuddyPairDive : IDisposable
{
    private readonly CancellationTokenSource _recall = new();

    public void Recall() => _recall.Cancel();

    public async Task<IReadOnlyList<DiveLog>> RunAsync(IDiveComputerLink first, IDiveComputerLink second, int reserveBar)
    {
        var logs = await Task.WhenAll(
            new WreckDiveRecorder(first).RecordAsync("diver-1", reserveBar, _recall.Token),
            new WreckDiveRecorder(second).RecordAsync("diver-2", reserveBar, _recall.Token));
        return logs;
    }

    public void Dispose() => _recall.Dispose();
}
