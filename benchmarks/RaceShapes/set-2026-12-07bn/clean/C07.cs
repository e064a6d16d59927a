using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind66.PeatCutting.Turbary;

public sealed record TurfLoad(string Bank, string Cutter, int Sods, DateTimeOffset LoggedAt);

public interface ITurbaryLedger
{
    Task AppendAsync(string bank, int sodsThisSeason, CancellationToken ct);
}

/// <summary>
/// Background queue for turf loads logged from the bog-side app. Endpoints enqueue loads;
/// a single hosted worker writes them to the turbary ledger and keeps the season totals.
/// </summary>
public sealed class TurfLoadQueue : BackgroundService
{
    private readonly Channel<TurfLoad> _channel = Channel.CreateBounded<TurfLoad>(
        new BoundedChannelOptions(1_000)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });

    private readonly ITurbaryLedger _ledger;
    private readonly ILogger<TurfLoadQueue> _logger;

    private readonly Dictionary<string, int> _seasonTotals = new(StringComparer.OrdinalIgnoreCase);

    private long _queued;
    private long _written;

    public TurfLoadQueue(ITurbaryLedger ledger, ILogger<TurfLoadQueue> logger)
    {
        _ledger = ledger;
        _logger = logger;
    }

    public long Queued => Interlocked.Read(ref _queued);

    public long Written => Interlocked.Read(ref _written);

    public async ValueTask EnqueueAsync(TurfLoad load, CancellationToken ct)
    {
        await _channel.Writer.WriteAsync(load, ct);
        Interlocked.Increment(ref _queued);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var load in _channel.Reader.ReadAllAsync(stoppingToken))
        {
            var total = _seasonTotals.GetValueOrDefault(load.Bank) + load.Sods;
            _seasonTotals[load.Bank] = total;

            try
            {
                await _ledger.AppendAsync(load.Bank, total, stoppingToken);
                Interlocked.Increment(ref _written);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogError(ex, "Could not write load for bank {Bank} by {Cutter}", load.Bank, load.Cutter);
            }
        }
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _channel.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }
}
