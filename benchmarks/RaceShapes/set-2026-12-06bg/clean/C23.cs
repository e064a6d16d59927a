using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind59.Allotments.Notices;

public sealed record PlotNotice(string PlotNumber, string TenantEmail, string Subject, string Body);

/// <summary>
/// Queue of notices (rent due, plot inspection, water turned off for winter) waiting
/// to be emailed to tenants. Controllers enqueue; <see cref="NoticeSender"/> drains.
/// </summary>
public sealed class NoticeQueue
{
    private readonly Channel<PlotNotice> _channel = Channel.CreateBounded<PlotNotice>(new BoundedChannelOptions(500)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    public ValueTask EnqueueAsync(PlotNotice notice, CancellationToken ct) => _channel.Writer.WriteAsync(notice, ct);

    public IAsyncEnumerable<PlotNotice> ReadAllAsync(CancellationToken ct) => _channel.Reader.ReadAllAsync(ct);

    public int Pending => _channel.Reader.Count;
}

/// <summary>
/// Sends queued notices one at a time, respecting the mail provider's rate limit.
/// </summary>
public sealed class NoticeSender : BackgroundService
{
    private readonly NoticeQueue _queue;
    private readonly Func<PlotNotice, CancellationToken, Task> _send;
    private readonly ILogger<NoticeSender> _logger;
    private long _sent;
    private long _failed;

    public NoticeSender(NoticeQueue queue, Func<PlotNotice, CancellationToken, Task> send, ILogger<NoticeSender> logger)
    {
        _queue = queue;
        _send = send;
        _logger = logger;
    }

    public (long Sent, long Failed) Totals => (Interlocked.Read(ref _sent), Interlocked.Read(ref _failed));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastSentTo = new Dictionary<string, DateTime>(StringComparer.OrdinalIgnoreCase);

        await foreach (var notice in _queue.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            if (lastSentTo.TryGetValue(notice.TenantEmail, out var last) && DateTime.UtcNow - last < TimeSpan.FromMinutes(1))
            {
                await Task.Delay(TimeSpan.FromMinutes(1) - (DateTime.UtcNow - last), stoppingToken).ConfigureAwait(false);
            }

            try
            {
                await _send(notice, stoppingToken).ConfigureAwait(false);
                lastSentTo[notice.TenantEmail] = DateTime.UtcNow;
                Interlocked.Increment(ref _sent);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Interlocked.Increment(ref _failed);
                _logger.LogWarning(ex, "Could not send notice for plot {Plot}", notice.PlotNumber);
            }

            await Task.Delay(200, stoppingToken).ConfigureAwait(false);
        }
    }
}

public static class RentReminderEndpoint
{
    public static async Task<int> SendRemindersAsync(NoticeQueue queue, IEnumerable<(string Plot, string Email, decimal Due)> arrears, CancellationToken ct)
    {
        int queued = 0;
        foreach (var (plot, email, due) in arrears)
        {
            await queue.EnqueueAsync(new PlotNotice(plot, email, $"Plot {plot}: rent due",
                $"Our records show {due:C} outstanding on plot {plot}. Please pay by the AGM."), ct);
            queued++;
        }
        return queued;
    }
}
