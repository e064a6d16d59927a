namespace Blind.C28;

public readonly record struct TransferSnapshot(long BytesSent, long BytesReceived, long Messages, long Errors, long PeakMessageSize);

/// <summary>
/// Transfer counters for the message transport. Every connection updates the same
/// instance from its own send/receive loops.
/// </summary>
public sealed class TransferCounters
{
    private long _bytesSent;
    private long _bytesReceived;
    private long _messages;
    private long _errors;
    private long _peakMessageSize;

    public void OnSent(int bytes)
    {
        Interlocked.Add(ref _bytesSent, bytes);
        Interlocked.Increment(ref _messages);
        UpdatePeak(bytes);
    }

    public void OnReceived(int bytes)
    {
        Interlocked.Add(ref _bytesReceived, bytes);
        Interlocked.Increment(ref _messages);
        UpdatePeak(bytes);
    }

    public void OnError() => Interlocked.Increment(ref _errors);

    private void UpdatePeak(long size)
    {
        long current = Interlocked.Read(ref _peakMessageSize);
        while (size > current)
        {
            long observed = Interlocked.CompareExchange(ref _peakMessageSize, size, current);
            if (observed == current)
            {
                break;
            }
            current = observed;
        }
    }

    public TransferSnapshot Snapshot() => new(
        Interlocked.Read(ref _bytesSent),
        Interlocked.Read(ref _bytesReceived),
        Interlocked.Read(ref _messages),
        Interlocked.Read(ref _errors),
        Interlocked.Read(ref _peakMessageSize));
}

public static class LoopbackBenchmark
{
    public static async Task<TransferSnapshot> RunAsync(int connections, int messagesPerConnection)
    {
        var counters = new TransferCounters();
        var tasks = Enumerable.Range(0, connections).Select(c => Task.Run(async () =>
        {
            for (int i = 0; i < messagesPerConnection; i++)
            {
                int size = 64 + (i * 31 + c) % 4096;
                counters.OnSent(size);
                await Task.Yield();
                counters.OnReceived(size);
            }
        }));

        await Task.WhenAll(tasks).ConfigureAwait(false);
        return counters.Snapshot();
    }
}
