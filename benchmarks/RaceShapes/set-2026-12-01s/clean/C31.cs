using System.Collections.Immutable;
using System.Threading.Channels;

namespace SchoolBus.Arrivals;

public sealed record StopPing(string BusId, string StopId, DateTimeOffset At);

public sealed record StopEta(string StopId, string BusId, DateTimeOffset ExpectedAt);

/// <summary>
/// Predicts arrival times at school stops for the parents' app. Modem handlers on many
/// threads call <see cref="Report"/>; one estimator task consumes the pings and
/// publishes an immutable ETA list that the app's endpoint reads.
/// </summary>
public sealed class ArrivalEstimator
{
    private readonly Channel<StopPing> _pings = Channel.CreateUnbounded<StopPing>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
    private readonly IReadOnlyDictionary<string, IReadOnlyList<(string StopId, TimeSpan FromPrevious)>> _routes;
    private ImmutableList<StopEta> _etas = ImmutableList<StopEta>.Empty;

    public ArrivalEstimator(IReadOnlyDictionary<string, IReadOnlyList<(string StopId, TimeSpan FromPrevious)>> routes)
    {
        _routes = routes;
    }

    public bool Report(StopPing ping) => _pings.Writer.TryWrite(ping);

    public ImmutableList<StopEta> Current => Volatile.Read(ref _etas);

    public void Complete() => _pings.Writer.TryComplete();

    public async Task RunAsync(CancellationToken ct)
    {
        // Last stop reached by each bus.
        var lastStop = new Dictionary<string, StopPing>(StringComparer.Ordinal);

        await foreach (var ping in _pings.Reader.ReadAllAsync(ct))
        {
            lastStop[ping.BusId] = ping;

            var etas = ImmutableList.CreateBuilder<StopEta>();
            foreach (var (busId, last) in lastStop)
            {
                if (!_routes.TryGetValue(busId, out var route))
                    continue;

                int index = -1;
                for (int i = 0; i < route.Count; i++)
                {
                    if (route[i].StopId == last.StopId) { index = i; break; }
                }

                var expected = last.At;
                for (int i = index + 1; i < route.Count; i++)
                {
                    expected += route[i].FromPrevious;
                    etas.Add(new StopEta(route[i].StopId, busId, expected));
                }
            }

            Volatile.Write(ref _etas, etas.ToImmutable());
        }
    }
}
