using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Apiary.Swarming;

public interface IHiveAcoustics
{
    string HiveId { get; }
    Task<double> ReadPipingHzAsync(CancellationToken ct);
}

/// <summary>
/// Listens for queen piping in each hive and counts swarm warnings. Registered as a
/// singleton hosted service; the dashboard controller reads and resets the counter.
/// </summary>
public sealed class SwarmWarningMonitor : BackgroundService
{
    private readonly IReadOnlyList<IHiveAcoustics> _hives;
    private readonly ILogger<SwarmWarningMonitor> _logger;
    private long _warningsToday;
    private long _lastWarningTicks;

    public SwarmWarningMonitor(IEnumerable<IHiveAcoustics> hives, ILogger<SwarmWarningMonitor> logger)
    {
        _hives = hives.ToList();
        _logger = logger;
    }

    public long WarningsToday => Interlocked.Read(ref _warningsToday);

    public DateTime? LastWarningUtc
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastWarningTicks);
            return ticks == 0 ? null : new DateTime(ticks, DateTimeKind.Utc);
        }
    }

    /// <summary>Called by the dashboard at dawn.</summary>
    public long StartNewDay()
    {
        var yesterday = Interlocked.Exchange(ref _warningsToday, 0);
        _logger.LogInformation("{Count} swarm warnings yesterday", yesterday);
        return yesterday;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var hive in _hives)
            {
                double hz;
                try
                {
                    hz = await hive.ReadPipingHzAsync(stoppingToken);
                }
                catch (IOException ex)
                {
                    _logger.LogDebug(ex, "No audio from {Hive}", hive.HiveId);
                    continue;
                }

                // Queen tooting sits around 400-500 Hz.
                if (hz is >= 380 and <= 520)
                {
                    Interlocked.Increment(ref _warningsToday);
                    Interlocked.Exchange(ref _lastWarningTicks, DateTime.UtcNow.Ticks);
                    _logger.LogWarning("Possible swarm prep in {Hive}", hive.HiveId);
                }
            }
        }
    }
}
