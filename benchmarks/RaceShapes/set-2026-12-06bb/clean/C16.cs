using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace Blind54.Recycling.DepositOutbox;

public sealed class DepositRefundMessage
{
    public DepositRefundMessage(Guid id, string accountId, decimal amount)
    {
        Id = id;
        AccountId = accountId;
        Amount = amount;
    }

    public Guid Id { get; }
    public string AccountId { get; }
    public decimal Amount { get; }
    public int Attempts { get; set; }
    public DateTime? SentUtc { get; set; }
}

public interface IRefundGateway
{
    Task<bool> PayAsync(string accountId, decimal amount, CancellationToken ct);
}

/// <summary>
/// Pays out bottle-deposit refunds recorded by the reverse vending machines. Messages travel
/// through a channel to a single delivery loop; failed messages go back into the channel
/// after an exponential delay.
/// </summary>
public sealed class DepositRefundOutbox : BackgroundService
{
    private readonly Channel<DepositRefundMessage> _queue =
        Channel.CreateUnbounded<DepositRefundMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IRefundGateway _gateway;

    public DepositRefundOutbox(IRefundGateway gateway) => _gateway = gateway;

    public bool Enqueue(string accountId, decimal amount) =>
        _queue.Writer.TryWrite(new DepositRefundMessage(Guid.NewGuid(), accountId, amount));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            message.Attempts++;
            bool paid;
            try
            {
                paid = await _gateway.PayAsync(message.AccountId, message.Amount, stoppingToken);
            }
            catch (HttpRequestException)
            {
                paid = false;
            }

            if (paid)
            {
                message.SentUtc = DateTime.UtcNow;
                continue;
            }

            if (message.Attempts < 8)
            {
                _ = RequeueLaterAsync(message, TimeSpan.FromSeconds(Math.Pow(2, message.Attempts)), stoppingToken);
            }
        }
    }

    private async Task RequeueLaterAsync(DepositRefundMessage message, TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, ct);
            await _queue.Writer.WriteAsync(message, ct);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            // Shutting down; the row is still unsent in the database and will be reloaded.
        }
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }
}
