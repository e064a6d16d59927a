using System.Threading.Channels;

namespace Blind27.WildfireLookouts.Sightings;

public sealed record SmokeSighting(string TowerId, double BearingDegrees, DateTime ObservedAtUtc, string Description);

/// <summary>
/// Receives smoke sightings radioed in from the lookout towers and keeps the time of the
/// latest sighting per tower for the dispatch map. Three consumers drain the queue so a
/// burst of reports during a lightning storm does not back up.
/// </summary>
public sealed class SightingIntake
{
    private readonly Channel<SmokeSighting> _queue = Channel.CreateBounded<SmokeSighting>(
        new BoundedChannelOptions(500) { FullMode = BoundedChannelFullMode.Wait });

    private readonly Dictionary<string, DateTime> _lastSightingByTower = new(StringComparer.OrdinalIgnoreCase);
    private readonly Func<SmokeSighting, Task> _notifyDispatcher;
    private Task[] _consumers = Array.Empty<Task>();

    public SightingIntake(Func<SmokeSighting, Task> notifyDispatcher) => _notifyDispatcher = notifyDispatcher;

    public void Start(int consumerCount = 3)
    {
        _consumers = Enumerable.Range(0, consumerCount)
            .Select(_ => Task.Run(ConsumeAsync))
            .ToArray();
    }

    public ValueTask ReportAsync(SmokeSighting sighting, CancellationToken ct = default) =>
        _queue.Writer.WriteAsync(sighting, ct);

    private async Task ConsumeAsync()
    {
        await foreach (var sighting in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (!_lastSightingByTower.TryGetValue(sighting.TowerId, out var previous)
                || sighting.ObservedAtUtc > previous)
            {
                _lastSightingByTower[sighting.TowerId] = sighting.ObservedAtUtc;
            }

            await _notifyDispatcher(sighting).ConfigureAwait(false);
        }
    }

    /// <summary>Stops accepting reports and returns the final per-tower summary.</summary>
    public async Task<IReadOnlyDictionary<string, DateTime>> CompleteAsync()
    {
        _queue.Writer.Complete();
        await Task.WhenAll(_consumers).ConfigureAwait(false);
        return new Dictionary<string, DateTime>(_lastSightingByTower, StringComparer.OrdinalIgnoreCase);
    }
}
