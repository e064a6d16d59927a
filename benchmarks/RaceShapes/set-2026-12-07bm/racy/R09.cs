using System.Collections.Generic;

namespace Blind65.SalmonLadders.Counting;

public interface IFishCounterSensor
{
    ValueTask<FishPassage?> WaitForPassageAsync(CancellationToken token);
}

public sealed record FishPassage(DateTimeOffset At, string Species, double LengthCm);

/// <summary>
/// A counting session at one pool of the salmon ladder. The session collects
/// passages until stopped, and on stop hands the partial batch to the uploader.
/// </summary>
public sealed class LadderCountingSession
{
    private readonly IFishCounterSensor _sensor;
    private readonly Action<IReadOnlyList<FishPassage>> _upload;
    private readonly List<FishPassage> _batch = new();
    private const int BatchSize = 50;

    public LadderCountingSession(IFishCounterSensor sensor, Action<IReadOnlyList<FishPassage>> upload)
    {
        _sensor = sensor;
        _upload = upload;
    }

    public async Task RunAsync(CancellationToken stopToken)
    {
        using var registration = stopToken.Register(FlushPartialBatch);

        while (!stopToken.IsCancellationRequested)
        {
            FishPassage? passage;
            try
            {
                passage = await _sensor.WaitForPassageAsync(stopToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (passage is null)
            {
                continue;
            }

            _batch.Add(passage);
            if (_batch.Count >= BatchSize)
            {
                _upload(_batch.ToArray());
                _batch.Clear();
            }
        }
    }

    private void FlushPartialBatch()
    {
        if (_batch.Count == 0)
        {
            return;
        }
        _upload(_batch.ToArray());
        _batch.Clear();
    }
}

public sealed class LadderStation : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _sessions = new();

    public void Start(IEnumerable<LadderCountingSession> sessions)
    {
        foreach (var session in sessions)
        {
            _sessions.Add(Task.Run(() => session.RunAsync(_stop.Token)));
        }
    }

    /// <summary>Called from the operator console when the ladder gates close for the night.</summary>
    public async Task StopAsync()
    {
        _stop.Cancel();
        await Task.WhenAll(_sessions).ConfigureAwait(false);
    }

    public void Dispose() => _stop.Dispose();
}
