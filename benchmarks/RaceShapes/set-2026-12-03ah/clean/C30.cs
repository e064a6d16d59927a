using System.Collections.Concurrent;
using System.Text;

namespace Blind34.TramDepot.SignalLink;

public interface IDuplexPipe
{
    Task SendAsync(string frame, CancellationToken ct);
    IAsyncEnumerable<string> ReceiveAllAsync(CancellationToken ct);
}

/// <summary>
/// Multiplexes requests to the depot's points-and-signals controller over one
/// connection. Each request gets an id; replies come back in any order on the
/// receive loop and complete the matching pending request.
/// </summary>
public sealed class SignalControllerMux : IAsyncDisposable
{
    private readonly IDuplexPipe _pipe;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly StringBuilder _frame = new(64);
    private readonly ConcurrentDictionary<int, TaskCompletionSource<string>> _pending = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Task _receiveLoop;
    private int _nextId;

    public SignalControllerMux(IDuplexPipe pipe)
    {
        _pipe = pipe;
        _receiveLoop = Task.Run(ReceiveLoopAsync);
    }

    public async Task<string> RequestAsync(string command, CancellationToken ct)
    {
        var id = Interlocked.Increment(ref _nextId);
        var tcs = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = tcs;
        using var reg = ct.Register(() =>
        {
            if (_pending.TryRemove(id, out var abandoned))
            {
                abandoned.TrySetCanceled(ct);
            }
        });

        await _sendLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _frame.Clear().Append(id).Append(':').Append(command);
            await _pipe.SendAsync(_frame.ToString(), ct).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }

        return await tcs.Task.ConfigureAwait(false);
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            await foreach (var frame in _pipe.ReceiveAllAsync(_shutdown.Token).ConfigureAwait(false))
            {
                var colon = frame.IndexOf(':');
                if (colon > 0 && int.TryParse(frame.AsSpan(0, colon), out var id) && _pending.TryRemove(id, out var tcs))
                {
                    tcs.TrySetResult(frame[(colon + 1)..]);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            foreach (var key in _pending.Keys)
            {
                if (_pending.TryRemove(key, out var orphan))
                {
                    orphan.TrySetException(new IOException("Signal controller link closed."));
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _shutdown.Cancel();
        await _receiveLoop.ConfigureAwait(false);
        _shutdown.Dispose();
        _sendLock.Dispose();
    }
}
