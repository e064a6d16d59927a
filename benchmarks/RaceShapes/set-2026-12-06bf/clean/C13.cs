using System.Collections.Concurrent;

namespace Blind58.HamRadioLookup;

public interface IFrameTransport : IDisposable
{
    Task SendAsync(int requestId, string callsign, CancellationToken cancellationToken);
    Task<(int RequestId, string Payload)> ReceiveAsync(CancellationToken cancellationToken);
}

/// <summary>
/// One long-lived connection to the national callsign database, shared by every lookup the
/// ham radio club's logging app makes. Requests are tagged with an id and matched to
/// responses by a single receive loop.
/// </summary>
public sealed class CallsignConnection : IDisposable
{
    private readonly IFrameTransport _transport;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ConcurrentDictionary<int, TaskCompletionSource<string>> _pending = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Task _receiveLoop;
    private int _nextId;

    public CallsignConnection(IFrameTransport transport)
    {
        _transport = transport;
        _receiveLoop = Task.Run(ReceiveLoopAsync);
    }

    public async Task<string> LookupAsync(string callsign, CancellationToken cancellationToken)
    {
        int id = Interlocked.Increment(ref _nextId);
        var tcs = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = tcs;
        using var registration = cancellationToken.Register(() =>
        {
            if (_pending.TryRemove(id, out var cancelled)) cancelled.TrySetCanceled(cancellationToken);
        });

        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _transport.SendAsync(id, callsign, cancellationToken).ConfigureAwait(false);
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
            while (!_shutdown.IsCancellationRequested)
            {
                var (id, payload) = await _transport.ReceiveAsync(_shutdown.Token).ConfigureAwait(false);
                if (_pending.TryRemove(id, out var tcs)) tcs.TrySetResult(payload);
            }
        }
        catch (Exception ex)
        {
            foreach (var id in _pending.Keys)
            {
                if (_pending.TryRemove(id, out var tcs)) tcs.TrySetException(new IOException("Callsign connection closed.", ex));
            }
        }
    }

    public void Dispose()
    {
        _shutdown.Cancel();
        try { _receiveLoop.Wait(); } catch (AggregateException) { }
        _transport.Dispose();
        _shutdown.Dispose();
    }
}

/// <summary>Creates the shared connection the first time a lookup needs it.</summary>
public sealed class CallsignLookupService
{
    private readonly Func<IFrameTransport> _connect;
    private CallsignConnection? _connection;
    private bool _initialized;
    private object? _initLock;

    public CallsignLookupService(Func<IFrameTransport> connect) => _connect = connect;

    private CallsignConnection Connection =>
        LazyInitializer.EnsureInitialized(ref _connection, ref _initialized, ref _initLock, () => new CallsignConnection(_connect()))!;

    public Task<string> LookupAsync(string callsign, CancellationToken cancellationToken = default) =>
        Connection.LookupAsync(callsign.Trim().ToUpperInvariant(), cancellationToken);
}
