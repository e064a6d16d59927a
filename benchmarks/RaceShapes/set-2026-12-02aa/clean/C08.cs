using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind27.TidalPower.Sluices;

/// <summary>Immutable snapshot of the sluice gate positions.</summary>
public sealed record SluiceSnapshot(DateTime TakenAtUtc, IReadOnlyList<double> GateOpeningPercent, double BasinLevelMetres);

public interface ISluiceGateway
{
    Task<(double[] Openings, double BasinLevel)> ReadGatesAsync(CancellationToken ct);
}

/// <summary>
/// Hosted service polling the sluice gates of the tidal basin. The operator dashboard
/// reads <see cref="Current"/> from request threads.
/// </summary>
public sealed class SluiceGatePoller : BackgroundService
{
    private readonly ISluiceGateway _gateway;
    private readonly ILogger<SluiceGatePoller> _logger;
    private SluiceSnapshot? _current;

    public SluiceGatePoller(ISluiceGateway gateway, ILogger<SluiceGatePoller> logger)
    {
        _gateway = gateway;
        _logger = logger;
    }

    public SluiceSnapshot? Current => Volatile.Read(ref _current);

    public double? MeanOpening()
    {
        var snapshot = Current;
        return snapshot is null || snapshot.GateOpeningPercent.Count == 0
            ? null
            : snapshot.GateOpeningPercent.Average();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        do
        {
            try
            {
                var (openings, level) = await _gateway.ReadGatesAsync(stoppingToken);
                var snapshot = new SluiceSnapshot(DateTime.UtcNow, Array.AsReadOnly((double[])openings.Clone()), level);
                Volatile.Write(ref _current, snapshot);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogError(ex, "Failed to read sluice gates");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
