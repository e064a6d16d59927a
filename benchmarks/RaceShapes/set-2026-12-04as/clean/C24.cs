namespace Blind45.HarbourPilots.Paging;

public interface ISmsGateway
{
    Task SendAsync(string phoneNumber, string text, CancellationToken ct);
}

public sealed record PilotPage(string PilotId, string PhoneNumber, string Vessel, string BoardingPoint, DateTimeOffset BoardAt);

/// <summary>
/// Sends boarding pages to harbour pilots. The gateway contract allows at most four
/// concurrent submissions and sixty messages per rolling minute. The sender is a singleton
/// used by the dispatch board, the tide-window planner and the on-call escalation job.
/// </summary>
public sealed class PilotPager
{
    private const int PerMinute = 60;

    private readonly ISmsGateway _gateway;
    private readonly SemaphoreSlim _concurrency = new(4, 4);
    private readonly object _windowLock = new();
    private readonly Queue<DateTimeOffset> _sentTimes = new();
    private readonly TimeProvider _time;
    private long _sent;
    private long _failed;

    public PilotPager(ISmsGateway gateway, TimeProvider? time = null)
    {
        _gateway = gateway;
        _time = time ?? TimeProvider.System;
    }

    public long Sent => Interlocked.Read(ref _sent);

    public long Failed => Interlocked.Read(ref _failed);

    public async Task<bool> PageAsync(PilotPage page, CancellationToken ct)
    {
        await WaitForWindowSlotAsync(ct).ConfigureAwait(false);

        await _concurrency.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var text = $"Pilot {page.PilotId}: board {page.Vessel} at {page.BoardingPoint} {page.BoardAt:HH:mm}";
            await _gateway.SendAsync(page.PhoneNumber, text, ct).ConfigureAwait(false);
            Interlocked.Increment(ref _sent);
            return true;
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref _failed);
            return false;
        }
        finally
        {
            _concurrency.Release();
        }
    }

    private async Task WaitForWindowSlotAsync(CancellationToken ct)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_windowLock)
            {
                var now = _time.GetUtcNow();
                while (_sentTimes.Count > 0 && now - _sentTimes.Peek() >= TimeSpan.FromMinutes(1))
                {
                    _sentTimes.Dequeue();
                }

                if (_sentTimes.Count < PerMinute)
                {
                    _sentTimes.Enqueue(now);
                    return;
                }

                wait = _sentTimes.Peek() + TimeSpan.FromMinutes(1) - now;
            }

            await Task.Delay(wait < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : wait, _time, ct).ConfigureAwait(false);
        }
    }
}
