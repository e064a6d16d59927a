namespace Blind59.Observatory.Meteors;

public sealed record MeteorDetection(string CameraId, DateTime At, double PeakMagnitude, double DurationSeconds);

/// <summary>
/// Collects meteor detections from the society's all-sky cameras during a shower night.
/// Each camera's detection pipeline calls <see cref="Add"/> from its own thread; the
/// live outreach page reads the brightest event and the recent list.
/// </summary>
public sealed class MeteorNightLog
{
    private sealed class Node
    {
        public Node(MeteorDetection value, Node? next, int depth)
        {
            Value = value;
            Next = next;
            Depth = depth;
        }

        public MeteorDetection Value { get; }
        public Node? Next { get; }
        public int Depth { get; }
    }

    private Node? _head;
    private MeteorDetection? _brightest;
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public MeteorDetection? Brightest => Volatile.Read(ref _brightest);

    public void Add(MeteorDetection detection)
    {
        Node? head;
        do
        {
            head = Volatile.Read(ref _head);
        }
        while (Interlocked.CompareExchange(ref _head, new Node(detection, head, (head?.Depth ?? 0) + 1), head) != head);

        Interlocked.Increment(ref _count);

        // Lower magnitude is brighter.
        while (true)
        {
            var current = Volatile.Read(ref _brightest);
            if (current is not null && current.PeakMagnitude <= detection.PeakMagnitude)
            {
                break;
            }
            if (Interlocked.CompareExchange(ref _brightest, detection, current) == current)
            {
                break;
            }
        }
    }

    /// <summary>Most recent detections, newest first.</summary>
    public IReadOnlyList<MeteorDetection> Recent(int max)
    {
        var list = new List<MeteorDetection>(max);
        for (var node = Volatile.Read(ref _head); node is not null && list.Count < max; node = node.Next)
        {
            list.Add(node.Value);
        }
        return list;
    }

    /// <summary>Hourly rate over the last hour, for the zenithal-hourly-rate estimate.</summary>
    public int LastHourCount(DateTime nowUtc)
    {
        int n = 0;
        for (var node = Volatile.Read(ref _head); node is not null && nowUtc - node.Value.At <= TimeSpan.FromHours(1); node = node.Next)
        {
            n++;
        }
        return n;
    }
}

/// <summary>
/// Runs the detection pipelines for all cameras for the night.
/// </summary>
public static class AllSkyNight
{
    public static Task RunAsync(MeteorNightLog log, IEnumerable<(string CameraId, IAsyncEnumerable<MeteorDetection> Detections)> cameras, CancellationToken ct) =>
        Task.WhenAll(cameras.Select(camera => Task.Run(async () =>
        {
            await foreach (var detection in camera.Detections.WithCancellation(ct))
            {
                log.Add(detection);
            }
        }, ct)));
}
