using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind45.Regatta.Finishes;

public sealed record FinishSignal(string RaceId, string SailNumber, DateTimeOffset CrossedAt, string Observer);

public sealed record ElapsedResult(string RaceId, string SailNumber, TimeSpan Elapsed, int Position);

/// <summary>
/// Collects finish signals from the committee boat's spotters and turns them into
/// positions. Spotter apps post signals as boats cross; a background loop assigns the
/// positions and publishes them.
/// </summary>
public sealed class FinishLineRecorder : BackgroundService
{
    private readonly Channel<FinishSignal> _signals = Channel.CreateBounded<FinishSignal>(
        new BoundedChannelOptions(1000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly Func<string, DateTimeOffset> _startTimeOf;
    private readonly Func<ElapsedResult, CancellationToken, Task> _publish;
    private readonly ILogger<FinishLineRecorder> _logger;

    // Sail numbers already across the line, per race.
    private readonly Dictionary<string, HashSet<string>> _finishedByRace = new();

    private int _recorded;
    private int _duplicates;

    public FinishLineRecorder(
        Func<string, DateTimeOffset> startTimeOf,
        Func<ElapsedResult, CancellationToken, Task> publish,
        ILogger<FinishLineRecorder> logger)
    {
        _startTimeOf = startTimeOf;
        _publish = publish;
        _logger = logger;
    }

    public ValueTask PostAsync(FinishSignal signal, CancellationToken ct) => _signals.Writer.WriteAsync(signal, ct);

    public int Recorded => Volatile.Read(ref _recorded);

    public int Duplicates => Volatile.Read(ref _duplicates);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var signal in _signals.Reader.ReadAllAsync(stoppingToken))
        {
            if (!_finishedByRace.TryGetValue(signal.RaceId, out var finished))
            {
                finished = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                _finishedByRace[signal.RaceId] = finished;
            }

            if (!finished.Add(signal.SailNumber))
            {
                Interlocked.Increment(ref _duplicates);
                _logger.LogDebug("Second sighting of {Sail} in {Race} from {Observer}", signal.SailNumber, signal.RaceId, signal.Observer);
                continue;
            }

            var result = new ElapsedResult(
                signal.RaceId,
                signal.SailNumber,
                signal.CrossedAt - _startTimeOf(signal.RaceId),
                finished.Count);

            try
            {
                await _publish(result, stoppingToken);
                Interlocked.Increment(ref _recorded);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogError(ex, "Could not publish finish of {Sail}", signal.SailNumber);
            }
        }
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _signals.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }
}
