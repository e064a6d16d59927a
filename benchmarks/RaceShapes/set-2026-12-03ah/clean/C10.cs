using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace Blind34.TramDepot.Movements;

public sealed record Movement(string Tram, string FromRoad, string ToRoad, DateTimeOffset At);

public sealed record RoadOccupancy(IReadOnlyDictionary<string, string> TramToRoad, int MovementsApplied, DateTimeOffset? LastMovement);

/// <summary>
/// Applies tram shunting movements reported by the yard staff and keeps the
/// yard board's view of which road each tram stands on.
/// </summary>
public sealed class DepotMovementService : BackgroundService
{
    private readonly Channel<Movement> _movements = Channel.CreateBounded<Movement>(
        new BoundedChannelOptions(500) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private RoadOccupancy _published = new(new Dictionary<string, string>(), 0, null);

    public ValueTask ReportAsync(Movement movement, CancellationToken ct) =>
        _movements.Writer.WriteAsync(movement, ct);

    public RoadOccupancy Current => Volatile.Read(ref _published);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var working = new Dictionary<string, string>(StringComparer.Ordinal);
        var applied = 0;
        DateTimeOffset? last = null;

        await foreach (var move in _movements.Reader.ReadAllAsync(stoppingToken))
        {
            working[move.Tram] = move.ToRoad;
            applied++;
            last = move.At;

            if (_movements.Reader.Count == 0)
            {
                var copy = new Dictionary<string, string>(working, StringComparer.Ordinal);
                Volatile.Write(ref _published, new RoadOccupancy(copy, applied, last));
            }
        }
    }
}

public sealed class YardBoardEndpoint
{
    private readonly DepotMovementService _service;

    public YardBoardEndpoint(DepotMovementService service) => _service = service;

    public IEnumerable<string> TramsOnRoad(string road)
    {
        var snapshot = _service.Current;
        return snapshot.TramToRoad.Where(kv => kv.Value == road).Select(kv => kv.Key).OrderBy(t => t);
    }

    public string Footer()
    {
        var snapshot = _service.Current;
        return $"{snapshot.MovementsApplied} movements, last at {snapshot.LastMovement:HH:mm}";
    }
}
