using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind45.Herbarium.LoanInbox;

public sealed record LoanRequestMessage(Guid MessageId, string Institution, IReadOnlyList<string> Barcodes, DateTimeOffset SentAt);

public interface IInboxTransport
{
    IAsyncEnumerable<LoanRequestMessage> ReceiveAsync(CancellationToken ct);
}

public interface ILoanDesk
{
    Task RegisterAsync(LoanRequestMessage request, CancellationToken ct);
}

/// <summary>
/// Inbox for specimen loan requests from partner herbaria. Partners' systems retry
/// aggressively, so the same message may arrive several times and on different
/// receiving workers; each message id is handled once.
/// </summary>
public sealed class LoanRequestInbox : BackgroundService
{
    private readonly IInboxTransport _transport;
    private readonly ILoanDesk _desk;
    private readonly ILogger<LoanRequestInbox> _logger;
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _seen = new();
    private long _handled;
    private long _duplicates;

    public LoanRequestInbox(IInboxTransport transport, ILoanDesk desk, ILogger<LoanRequestInbox> logger)
    {
        _transport = transport;
        _desk = desk;
        _logger = logger;
    }

    public (long Handled, long Duplicates) Counters => (Interlocked.Read(ref _handled), Interlocked.Read(ref _duplicates));

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = Enumerable.Range(0, 3).Select(_ => Task.Run(() => ReceiveLoopAsync(stoppingToken), stoppingToken));
        var pruning = PruneLoopAsync(stoppingToken);
        return Task.WhenAll(workers.Append(pruning));
    }

    private async Task ReceiveLoopAsync(CancellationToken ct)
    {
        await foreach (var message in _transport.ReceiveAsync(ct).ConfigureAwait(false))
        {
            if (!_seen.TryAdd(message.MessageId, DateTimeOffset.UtcNow))
            {
                Interlocked.Increment(ref _duplicates);
                continue;
            }

            try
            {
                await _desk.RegisterAsync(message, ct).ConfigureAwait(false);
                Interlocked.Increment(ref _handled);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Let a later redelivery try again.
                _seen.TryRemove(message.MessageId, out _);
                _logger.LogWarning(ex, "Loan request {Id} from {Institution} failed", message.MessageId, message.Institution);
            }
        }
    }

    private async Task PruneLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(10));
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                var cutoff = DateTimeOffset.UtcNow.AddDays(-2);
                foreach (var (id, firstSeen) in _seen)
                {
                    if (firstSeen < cutoff)
                    {
                        _seen.TryRemove(new KeyValuePair<Guid, DateTimeOffset>(id, firstSeen));
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
