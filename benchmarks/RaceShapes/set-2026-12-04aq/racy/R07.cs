using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind43.ChoirFestival.Registration;

public sealed record ChoirRegistration(string ChoirName, string Category, int Singers);

public interface IRegistrationStore
{
    Task SaveAsync(ChoirRegistration registration, CancellationToken ct);
}

/// <summary>
/// Hosted service that persists choir registrations queued by the sign-up endpoint and
/// logs a throughput line every minute for the festival office.
/// </summary>
public sealed class RegistrationWriter : BackgroundService
{
    private readonly Channel<ChoirRegistration> _queue = Channel.CreateBounded<ChoirRegistration>(
        new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    private readonly IRegistrationStore _store;
    private readonly ILogger<RegistrationWriter> _logger;
    private int _processedSinceLastReport;

    public RegistrationWriter(IRegistrationStore store, ILogger<RegistrationWriter> logger)
    {
        _store = store;
        _logger = logger;
    }

    public ValueTask EnqueueAsync(ChoirRegistration registration, CancellationToken ct) =>
        _queue.Writer.WriteAsync(registration, ct);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(
            Task.Run(() => WriteLoopAsync(stoppingToken), stoppingToken),
            Task.Run(() => ReportLoopAsync(stoppingToken), stoppingToken));

    private async Task WriteLoopAsync(CancellationToken ct)
    {
        await foreach (var registration in _queue.Reader.ReadAllAsync(ct))
        {
            var attempt = 0;
            while (true)
            {
                try
                {
                    await _store.SaveAsync(registration, ct);
                    break;
                }
                catch (IOException ex) when (attempt < 3)
                {
                    attempt++;
                    _logger.LogWarning(ex, "Retrying save for {Choir}", registration.ChoirName);
                    await Task.Delay(TimeSpan.FromMilliseconds(200 * (1 << attempt)), ct);
                }
            }

            _processedSinceLastReport++;
        }
    }

    private async Task ReportLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        while (await timer.WaitForNextTickAsync(ct))
        {
            var processed = _processedSinceLastReport;
            _processedSinceLastReport = 0;
            _logger.LogInformation("Saved {Count} registrations in the last minute", processed);
        }
    }
}
