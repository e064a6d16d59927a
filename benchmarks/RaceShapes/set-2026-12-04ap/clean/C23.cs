using System.Threading.Channels;

namespace Blind42.FountainPens.Notifications;

public sealed record RepairReadySms(string PhoneNumber, string PenModel, string TicketId);

public interface ISmsGateway
{
    Task SendAsync(string phoneNumber, string text, CancellationToken cancellationToken);
}

/// <summary>
/// Sends "your pen is ready" text messages for the repair counter. A singleton used by the
/// workshop controllers; the gateway allows at most three concurrent submissions, and failed
/// messages are put back on a retry queue drained by a background loop.
/// </summary>
public sealed class RepairSmsSender : IAsyncDisposable
{
    private readonly ISmsGateway _gateway;
    private readonly SemaphoreSlim _gatewaySlots = new(3, 3);
    private readonly Channel<(RepairReadySms Message, int Attempt)> _retries = Channel.CreateUnbounded<(RepairReadySms, int)>();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Task _retryLoop;
    private long _sent;
    private long _failed;

    public RepairSmsSender(ISmsGateway gateway)
    {
        _gateway = gateway;
        _retryLoop = Task.Run(RetryLoopAsync);
    }

    public long Sent => Interlocked.Read(ref _sent);
    public long Failed => Interlocked.Read(ref _failed);

    public Task<bool> SendAsync(RepairReadySms message) => TrySendAsync(message, attempt: 1);

    private async Task<bool> TrySendAsync(RepairReadySms message, int attempt)
    {
        await _gatewaySlots.WaitAsync(_shutdown.Token).ConfigureAwait(false);
        try
        {
            var text = $"Your {message.PenModel} (ticket {message.TicketId}) is ready for collection.";
            await _gateway.SendAsync(message.PhoneNumber, text, _shutdown.Token).ConfigureAwait(false);
            Interlocked.Increment(ref _sent);
            return true;
        }
        catch (HttpRequestException)
        {
            if (attempt < 5)
            {
                _retries.Writer.TryWrite((message, attempt + 1));
            }
            else
            {
                Interlocked.Increment(ref _failed);
            }
            return false;
        }
        finally
        {
            _gatewaySlots.Release();
        }
    }

    private async Task RetryLoopAsync()
    {
        try
        {
            await foreach (var (message, attempt) in _retries.Reader.ReadAllAsync(_shutdown.Token).ConfigureAwait(false))
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)), _shutdown.Token).ConfigureAwait(false);
                _ = TrySendAsync(message, attempt);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _retries.Writer.TryComplete();
        _shutdown.Cancel();
        await _retryLoop.ConfigureAwait(false);
    }
}
