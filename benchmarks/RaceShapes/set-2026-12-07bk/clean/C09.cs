using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace Blind63.ReindeerHerding.Corrals;

public sealed record GateEvent(string EarTag, string Corral, bool Entering, DateTimeOffset At);

/// <summary>
/// Counts reindeer in each corral during the autumn separation from the
/// RFID gate readers. Gate readers write to the channel from their own
/// threads; the reader loop applies them and publishes head counts
/// after each batch for the herders' tablets.
/// </summary>
public sealed class CorralCounter : BackgroundService
{
    private readonly Channel<GateEvent> _events = Channel.CreateUnbounded<GateEvent>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    private readonly Dictionary<string, HashSet<string>> _inCorral = new(StringComparer.OrdinalIgnoreCase);
    private IReadOnlyDictionary<string, int> _headCounts = new Dictionary<string, int>();
    private long _eventsApplied;

    public bool Post(GateEvent e) => _events.Writer.TryWrite(e);

    public void CompleteSeparation() => _events.Writer.TryComplete();

    public IReadOnlyDictionary<string, int> HeadCounts => Volatile.Read(ref _headCounts);

    public long EventsApplied => Interlocked.Read(ref _eventsApplied);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _events.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                int applied = 0;
                while (applied < 500 && reader.TryRead(out var e))
                {
                    Apply(e);
                    applied++;
                }

                Interlocked.Add(ref _eventsApplied, applied);
                var counts = _inCorral.ToDictionary(kv => kv.Key, kv => kv.Value.Count, StringComparer.OrdinalIgnoreCase);
                Volatile.Write(ref _headCounts, counts);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Apply(GateEvent e)
    {
        if (!_inCorral.TryGetValue(e.Corral, out var tags))
        {
            tags = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            _inCorral[e.Corral] = tags;
        }

        if (e.Entering)
        {
            tags.Add(e.EarTag);
        }
        else
        {
            tags.Remove(e.EarTag);
        }
    }
}
