using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind24.VineyardFans;

public sealed record FanStatus(string Block, double AirTempC, int Rpm, bool Running, DateTimeOffset SampledAt);

public interface IFanTelemetrySource
{
    Task<(double AirTempC, int Rpm)> SampleAsync(string block, CancellationToken ct);
}

/// <summary>
/// Background service that polls every fan in the vineyard. The latest status is
/// published as an immutable record so the status API can read it at any time.
/// </summary>
public sealed class FanFleetPoller : BackgroundService
{
    private readonly IFanTelemetrySource _source;
    private readonly ILogger<FanFleetPoller> _logger;
    private readonly IReadOnlyList<string> _blocks;
    private readonly object _statusLock = new();
    private Dictionary<string, FanStatus> _status = new();

    public FanFleetPoller(IFanTelemetrySource source, ILogger<FanFleetPoller> logger, IReadOnlyList<string> blocks)
    {
        _source = source;
        _logger = logger;
        _blocks = blocks;
    }

    public FanStatus? Get(string block)
    {
        lock (_statusLock)
        {
            return _status.TryGetValue(block, out var s) ? s : null;
        }
    }

    public IReadOnlyList<FanStatus> All()
    {
        lock (_statusLock)
        {
            return _status.Values.ToList();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        do
        {
            var next = new Dictionary<string, FanStatus>();
            foreach (var block in _blocks)
            {
                try
                {
                    var (temp, rpm) = await _source.SampleAsync(block, stoppingToken);
                    next[block] = new FanStatus(block, temp, rpm, rpm > 50, DateTimeOffset.UtcNow);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _logger.LogWarning(ex, "Could not sample fan in block {Block}", block);
                }
            }

            lock (_statusLock)
            {
                _status = next;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
