using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind47.ChimneySweeps.Reminders;

public sealed record ReminderJob(Guid Id, string CustomerPhone, string Address, DateOnly LastSweep, int Attempt = 0);

/// <summary>
/// Background queue that texts customers when their annual chimney sweep is
/// due. Failed sends are retried with back-off; each retry is a new job value
/// carrying its attempt count.
/// </summary>
public sealed class ReminderQueue
{
    private readonly Channel<ReminderJob> _channel = Channel.CreateUnbounded<ReminderJob>();

    public ValueTask EnqueueAsync(ReminderJob job, CancellationToken ct = default) => _channel.Writer.WriteAsync(job, ct);

    public IAsyncEnumerable<ReminderJob> ReadAllAsync(CancellationToken ct) => _channel.Reader.ReadAllAsync(ct);
}

public interface ISmsSender
{
    Task SendAsync(string phone, string text, CancellationToken ct);
}

public sealed class ReminderWorker : BackgroundService
{
    private const int MaxAttempts = 5;
    private readonly ReminderQueue _queue;
    private readonly ISmsSender _sms;
    private readonly ILogger<ReminderWorker> _logger;
    private long _sent;
    private long _abandoned;

    public ReminderWorker(ReminderQueue queue, ISmsSender sms, ILogger<ReminderWorker> logger)
    {
        _queue = queue;
        _sms = sms;
        _logger = logger;
    }

    public long Sent => Interlocked.Read(ref _sent);

    public long Abandoned => Interlocked.Read(ref _abandoned);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var consumers = Enumerable.Range(0, 4).Select(_ => ConsumeAsync(stoppingToken));
        return Task.WhenAll(consumers);
    }

    private async Task ConsumeAsync(CancellationToken ct)
    {
        await foreach (var job in _queue.ReadAllAsync(ct))
        {
            try
            {
                var due = job.LastSweep.AddYears(1);
                await _sms.SendAsync(job.CustomerPhone, $"Your chimney at {job.Address} is due for sweeping from {due:d}.", ct);
                Interlocked.Increment(ref _sent);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var retry = job with { Attempt = job.Attempt + 1 };
                if (retry.Attempt >= MaxAttempts)
                {
                    Interlocked.Increment(ref _abandoned);
                    _logger.LogWarning(ex, "Giving up on reminder {Id} after {Attempts} attempts", job.Id, retry.Attempt);
                    continue;
                }

                _ = RequeueLaterAsync(retry, TimeSpan.FromSeconds(Math.Pow(2, retry.Attempt)), ct);
            }
        }
    }

    private async Task RequeueLaterAsync(ReminderJob job, TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, ct);
            await _queue.EnqueueAsync(job, ct);
        }
        catch (OperationCanceledException)
        {
            // Shutting down; the job will be regenerated from the customer list tomorrow.
        }
    }
}
