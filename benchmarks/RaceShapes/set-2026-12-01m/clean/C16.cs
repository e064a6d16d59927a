namespace Accessibility.Captions;

public sealed record CaptionSegment(TimeSpan Start, TimeSpan End, string Text);

/// <summary>
/// Bounded hand-off between the speech recogniser thread and the caption encoder thread.
/// </summary>
public sealed class CaptionSegmentQueue
{
    private readonly object _sync = new();
    private readonly Queue<CaptionSegment> _segments = new();
    private readonly int _capacity;
    private bool _completed;

    public CaptionSegmentQueue(int capacity) => _capacity = capacity;

    public void Enqueue(CaptionSegment segment)
    {
        lock (_sync)
        {
            while (_segments.Count >= _capacity && !_completed)
            {
                Monitor.Wait(_sync);
            }

            if (_completed)
            {
                throw new InvalidOperationException("Captioning has finished.");
            }

            _segments.Enqueue(segment);
            Monitor.PulseAll(_sync);
        }
    }

    public bool TryDequeue(out CaptionSegment? segment)
    {
        lock (_sync)
        {
            while (_segments.Count == 0 && !_completed)
            {
                Monitor.Wait(_sync);
            }

            if (_segments.Count == 0)
            {
                segment = null;
                return false;
            }

            segment = _segments.Dequeue();
            Monitor.PulseAll(_sync);
            return true;
        }
    }

    public void Complete()
    {
        lock (_sync)
        {
            _completed = true;
            Monitor.PulseAll(_sync);
        }
    }
}

public static class LiveCaptioner
{
    public static void Run(IEnumerable<CaptionSegment> recognised, TextWriter srtOut)
    {
        var queue = new CaptionSegmentQueue(capacity: 32);
        var encoder = new Thread(() =>
        {
            var n = 1;
            while (queue.TryDequeue(out var seg))
            {
                srtOut.WriteLine(n++);
                srtOut.WriteLine($"{seg!.Start:hh\\:mm\\:ss\\,fff} --> {seg.End:hh\\:mm\\:ss\\,fff}");
                srtOut.WriteLine(seg.Text);
                srtOut.WriteLine();
            }
        }) { Name = "caption-encoder" };

        encoder.Start();
        foreach (var segment in recognised)
        {
            queue.Enqueue(segment);
        }

        queue.Complete();
        encoder.Join();
    }
}
