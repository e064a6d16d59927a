using System.Collections.Concurrent;
using System.Globalization;

namespace Blind51.HarbourPilots.Radio;

/// <summary>
/// A line-based link to the harbour master's pilot dispatch system.
/// </summary>
public interface IPilotLink
{
    Task WriteLineAsync(string line, CancellationToken cancellationToken);
    Task<string?> ReadLineAsync(CancellationToken cancellationToken);
}

public sealed record PilotReply(int RequestId, string Status, string Body);

/// <summary>
/// Multiplexes many pilot boarding requests over a single dispatch link. Each request is
/// tagged with an id; replies arrive in any order on the link and are matched back to the
/// waiting caller by a dedicated reader loop. One instance is shared by every berth
/// planner in the port operations service.
/// </summary>
public sealed class PilotDispatchMultiplexer : IAsyncDisposable
{
    private readonly IPilotLink _link;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<PilotReply>> _pending = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Task _reader;
    private int _lastRequestId;

    public PilotDispatchMultiplexer(IPilotLink link)
    {
        _link = link;
        _reader = Task.Run(ReadRepliesAsync);
    }

    public async Task<PilotReply> RequestBoardingAsync(string vesselCallSign, string berth, CancellationToken cancellationToken)
    {
        int requestId = ++_lastRequestId;
        var completion = new TaskCompletionSource<PilotReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[requestId] = completion;

        using var registration = cancellationToken.Register(() =>
        {
            if (_pending.TryRemove(requestId, out var waiting))
                waiting.TrySetCanceled(cancellationToken);
        });

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"{requestId}|BOARD|{vesselCallSign}|{berth}");
            await _link.WriteLineAsync(line, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }

        return await completion.Task.ConfigureAwait(false);
    }

    private async Task ReadRepliesAsync()
    {
        try
        {
            while (!_shutdown.IsCancellationRequested)
            {
                var line = await _link.ReadLineAsync(_shutdown.Token).ConfigureAwait(false);
                if (line is null) break;

                var parts = line.Split('|', 3);
                if (parts.Length < 3 || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
                    continue;

                if (_pending.TryRemove(id, out var waiting))
                    waiting.TrySetResult(new PilotReply(id, parts[1], parts[2]));
            }
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var id in _pending.Keys)
            {
                if (_pending.TryRemove(id, out var waiting))
                    waiting.TrySetException(new IOException("Dispatch link closed."));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _shutdown.Cancel();
        await _reader.ConfigureAwait(false);
        _shutdown.Dispose();
        _writeLock.Dispose();
    }
}
