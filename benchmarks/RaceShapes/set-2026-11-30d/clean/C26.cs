namespace Blind4.Clean.Identifiers;

/// <summary>
/// Generates 64-bit, roughly time-ordered ids (41 bits of milliseconds since the custom epoch,
/// 10 bits of node id and 12 bits of per-millisecond sequence). Used by every repository when
/// inserting rows, from any thread.
/// </summary>
public static class SnowflakeId
{
    private const int NodeBits = 10;
    private const int SequenceBits = 12;
    private const long MaxSequence = (1L << SequenceBits) - 1;
    private const long MaxNode = (1L << NodeBits) - 1;
    private static readonly DateTimeOffset Epoch = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly object s_lock = new();
    private static long s_nodeId;
    private static long s_lastTimestamp = -1;
    private static long s_sequence;

    /// <summary>Set at startup from configuration (e.g. the pod ordinal).</summary>
    public static void Configure(int nodeId)
    {
        if (nodeId < 0 || nodeId > MaxNode)
        {
            throw new ArgumentOutOfRangeException(nameof(nodeId), $"Node id must be between 0 and {MaxNode}.");
        }

        lock (s_lock)
        {
            s_nodeId = nodeId;
        }
    }

    public static long Next()
    {
        lock (s_lock)
        {
            var timestamp = CurrentMilliseconds();
            if (timestamp < s_lastTimestamp)
            {
                // Clock moved backwards (NTP adjustment); keep using the last timestamp.
                timestamp = s_lastTimestamp;
            }

            if (timestamp == s_lastTimestamp)
            {
                s_sequence = (s_sequence + 1) & MaxSequence;
                if (s_sequence == 0)
                {
                    timestamp = WaitForNextMillisecond(s_lastTimestamp);
                }
            }
            else
            {
                s_sequence = 0;
            }

            s_lastTimestamp = timestamp;
            return (timestamp << (NodeBits + SequenceBits)) | (s_nodeId << SequenceBits) | s_sequence;
        }
    }

    public static (DateTimeOffset CreatedAt, int NodeId, int Sequence) Decode(long id)
    {
        var timestamp = id >> (NodeBits + SequenceBits);
        var node = (id >> SequenceBits) & MaxNode;
        var sequence = id & MaxSequence;
        return (Epoch.AddMilliseconds(timestamp), (int)node, (int)sequence);
    }

    private static long CurrentMilliseconds() => (long)(DateTimeOffset.UtcNow - Epoch).TotalMilliseconds;

    private static long WaitForNextMillisecond(long last)
    {
        var now = CurrentMilliseconds();
        while (now <= last)
        {
            Thread.SpinWait(50);
            now = CurrentMilliseconds();
        }
        return now;
    }
}
