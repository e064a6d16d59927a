using System.Collections.Concurrent;

namespace Blind26.Ropeway.ControlPool;

/// <summary>Control channel to the drive station of one ropeway section.</summary>
public sealed class ControlChannel : IDisposable
{
    private int _closed;

    private ControlChannel(string section) => Section = section;

    public string Section { get; }

    public bool IsOpen => Volatile.Read(ref _closed) == 0;

    public static async Task<ControlChannel> OpenAsync(string section, CancellationToken ct)
    {
        await Task.Delay(20, ct).ConfigureAwait(false);
        return new ControlChannel(section);
    }

    public Task SendAsync(string command, CancellationToken ct) => Task.Delay(2, ct);

    public void Dispose() => Interlocked.Exchange(ref _closed, 1);
}

/// <summary>
/// Bounded pool of control channels shared by every gondola dispatch request.
/// </summary>
public sealed class ControlChannelPool : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentBag<ControlChannel> _idle = new();
    private readonly string _section;
    private int _open;

    public ControlChannelPool(string section, int maxChannels)
    {
        _section = section;
        _slots = new SemaphoreSlim(maxChannels, maxChannels);
    }

    public int OpenChannels => Volatile.Read(ref _open);

    public async Task<ChannelLease> AcquireAsync(CancellationToken ct)
    {
        await _slots.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            while (_idle.TryTake(out var pooled))
            {
                if (pooled.IsOpen)
                {
                    return new ChannelLease(this, pooled);
                }

                Interlocked.Decrement(ref _open);
            }

            var fresh = await ControlChannel.OpenAsync(_section, ct).ConfigureAwait(false);
            Interlocked.Increment(ref _open);
            return new ChannelLease(this, fresh);
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    internal void Return(ControlChannel channel)
    {
        if (channel.IsOpen)
        {
            _idle.Add(channel);
        }
        else
        {
            Interlocked.Decrement(ref _open);
        }

        _slots.Release();
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var channel))
        {
            channel.Dispose();
        }
    }
}

/// <summary>Returns the channel to its pool when disposed.</summary>
public sealed class ChannelLease : IDisposable
{
    private ControlChannelPool? _pool;

    internal ChannelLease(ControlChannelPool pool, ControlChannel channel)
    {
        _pool = pool;
        Channel = channel;
    }

    public ControlChannel Channel { get; }

    public void Dispose() => Interlocked.Exchange(ref _pool, null)?.Return(Channel);
}
