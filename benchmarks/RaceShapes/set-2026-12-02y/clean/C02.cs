using System.Collections.Immutable;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace Glaciology.FieldCamp;

public sealed record IceCore(string Borehole, int Section, double TopDepthMetres, double LengthMetres);

/// <summary>
/// Logs core sections as they come off the drill. Registered as a singleton and
/// as a hosted service; the camp status page reads the recent list on request
/// threads while sections keep arriving.
/// </summary>
public sealed class CoreLoggingService : BackgroundService
{
    private const int Keep = 500;

    private readonly Channel<IceCore> _incoming = Channel.CreateUnbounded<IceCore>(
        new UnboundedChannelOptions { SingleReader = true });

    private ImmutableQueue<IceCore> _recent = ImmutableQueue<IceCore>.Empty;
    private int _recentCount;
    private ImmutableDictionary<string, double> _deepestByHole = ImmutableDictionary<string, double>.Empty;

    public bool TryPost(IceCore core) => _incoming.Writer.TryWrite(core);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _incoming.Reader;
        while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out var core))
            {
                var queue = Volatile.Read(ref _recent).Enqueue(core);
                if (_recentCount == Keep)
                {
                    queue = queue.Dequeue();
                }
                else
                {
                    _recentCount++;
                }
                Volatile.Write(ref _recent, queue);

                var bottom = core.TopDepthMetres + core.LengthMetres;
                ImmutableInterlocked.AddOrUpdate(ref _deepestByHole, core.Borehole, bottom,
                    (_, existing) => Math.Max(existing, bottom));
            }
        }
    }

    public IReadOnlyList<IceCore> RecentFor(string borehole) =>
        Volatile.Read(ref _recent).Where(c => c.Borehole == borehole).ToList();

    public double? DeepestFor(string borehole) =>
        Volatile.Read(ref _deepestByHole).TryGetValue(borehole, out var d) ? d : null;
}
