using System.Collections.Immutable;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace FerryLine.Gates.Live;

public readonly record struct TurnstileEvent(int GateNumber, string TicketCode, bool Accepted);

/// <summary>
/// Receives turnstile events from all boarding gates and maintains per-gate counts.
/// The gates publish from their own connections; a single background loop applies
/// the events and publishes a read-only snapshot for the harbour master's screen.
/// </summary>
public sealed class GateCountService : BackgroundService
{
    private readonly Channel<TurnstileEvent> _events = Channel.CreateUnbounded<TurnstileEvent>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    private ImmutableDictionary<int, int> _snapshot = ImmutableDictionary<int, int>.Empty;
    private long _rejected;

    public bool Publish(TurnstileEvent e) => _events.Writer.TryWrite(e);

    public IReadOnlyDictionary<int, int> CurrentCounts => Volatile.Read(ref _snapshot);

    public long Rejected => Interlocked.Read(ref _rejected);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var counts = new Dictionary<int, int>();

        while (await _events.Reader.WaitToReadAsync(stoppingToken))
        {
            bool changed = false;
            while (_events.Reader.TryRead(out var e))
            {
                if (!e.Accepted)
                {
                    Interlocked.Increment(ref _rejected);
                    continue;
                }

                counts.TryGetValue(e.GateNumber, out var c);
                counts[e.GateNumber] = c + 1;
                changed = true;
            }

            if (changed)
            {
                Volatile.Write(ref _snapshot, counts.ToImmutableDictionary());
            }
        }
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _events.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }
}
