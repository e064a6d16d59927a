using System.Collections.Concurrent;

namespace Blind45.TheatreLighting.ConsoleLink;

public sealed record ConsoleReply(int CorrelationId, bool Ok, string Body);

public interface IConsoleSocket
{
    Task SendAsync(string frame, CancellationToken ct);
}

/// <summary>
/// Request/response link to the lighting desk over its websocket protocol. Any number of
/// callers (cue editor, fixture patch screen, remote focus app) may send commands at the
/// same time; the socket's receive loop calls <see cref="OnFrameReceived"/> for every
/// reply.
/// </summary>
public sealed class LightingDeskLink
{
    private readonly IConsoleSocket _socket;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<ConsoleReply>> _pending = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private int _nextId;

    public LightingDeskLink(IConsoleSocket socket) => _socket = socket;

    public int Outstanding => _pending.Count;

    public async Task<ConsoleReply> SendCommandAsync(string command, TimeSpan timeout, CancellationToken ct)
    {
        var id = Interlocked.Increment(ref _nextId);
        var tcs = new TaskCompletionSource<ConsoleReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = tcs;

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        using var registration = timeoutCts.Token.Register(() =>
        {
            if (_pending.TryRemove(id, out var waiting))
            {
                waiting.TrySetCanceled();
            }
        });

        await _sendLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync($"{id}|{command}", ct).ConfigureAwait(false);
        }
        catch
        {
            _pending.TryRemove(id, out _);
            throw;
        }
        finally
        {
            _sendLock.Release();
        }

        return await tcs.Task.ConfigureAwait(false);
    }

    public void OnFrameReceived(string frame)
    {
        var parts = frame.Split('|', 3);
        if (parts.Length < 3 || !int.TryParse(parts[0], out var id))
        {
            return;
        }

        if (_pending.TryRemove(id, out var tcs))
        {
            tcs.TrySetResult(new ConsoleReply(id, parts[1] == "OK", parts[2]));
        }
    }

    public void OnDisconnected(Exception reason)
    {
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var tcs))
            {
                tcs.TrySetException(reason);
            }
        }
    }
}

/// <summary>Fires a sequence of cues, e.g. during a technical rehearsal.</summary>
public sealed class CueRunner
{
    private readonly LightingDeskLink _link;

    public CueRunner(LightingDeskLink link) => _link = link;

    public async Task<int> GoAsync(IEnumerable<decimal> cues, CancellationToken ct)
    {
        var fired = 0;
        foreach (var cue in cues)
        {
            var reply = await _link.SendCommandAsync($"GO CUE {cue}", TimeSpan.FromSeconds(2), ct).ConfigureAwait(false);
            if (reply.Ok)
            {
                fired++;
            }
        }

        return fired;
    }
}
