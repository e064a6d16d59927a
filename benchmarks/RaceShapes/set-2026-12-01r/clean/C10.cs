using Microsoft.Extensions.Logging;

namespace Bakery.Proofing;

public sealed record ProofStage(string Name, TimeSpan Duration, double TargetCelsius);

public interface IProofingCabinet
{
    Task SetTemperatureAsync(double celsius, CancellationToken ct);
    Task WaitAsync(TimeSpan duration, CancellationToken ct);
}

/// <summary>
/// Runs a dough through its proofing stages. The baker can abort from the floor
/// terminal, which leaves the cabinet back at room temperature.
/// </summary>
public sealed class ProofingRun
{
    private readonly IProofingCabinet _cabinet;
    private readonly ILogger _logger;
    private readonly List<string> _completedStages = new();

    public ProofingRun(IProofingCabinet cabinet, ILogger logger)
    {
        _cabinet = cabinet;
        _logger = logger;
    }

    public async Task<IReadOnlyList<string>> RunAsync(IReadOnlyList<ProofStage> stages, CancellationToken abortToken)
    {
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = abortToken.Register(static state => ((TaskCompletionSource)state!).TrySetResult(), aborted);

        foreach (var stage in stages)
        {
            await _cabinet.SetTemperatureAsync(stage.TargetCelsius, CancellationToken.None);
            var wait = _cabinet.WaitAsync(stage.Duration, CancellationToken.None);
            var finished = await Task.WhenAny(wait, aborted.Task);
            if (finished == aborted.Task)
            {
                _logger.LogWarning("Proof aborted during {Stage}", stage.Name);
                break;
            }

            await wait;
            _completedStages.Add(stage.Name);
        }

        await _cabinet.SetTemperatureAsync(24.0, CancellationToken.None);
        return _completedStages.ToArray();
    }
}

public sealed class ProofingTerminal
{
    private readonly CancellationTokenSource _abort = new();

    public Task<IReadOnlyList<string>> Start(ProofingRun run, IReadOnlyList<ProofStage> stages) =>
        run.RunAsync(stages, _abort.Token);

    public void Abort() => _abort.Cancel();
}
