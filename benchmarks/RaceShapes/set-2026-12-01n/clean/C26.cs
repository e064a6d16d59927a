namespace SubtitleTools.Timing;

public sealed record SubtitleCue(int Index, TimeSpan Start, TimeSpan End, string Text);

/// <summary>
/// Re-times a subtitle file after a frame-rate conversion (e.g. 25 fps PAL master to a
/// 23.976 fps delivery) and applies a fixed offset.
/// </summary>
public static class FrameRateRetimer
{
    public static SubtitleCue[] Retime(IReadOnlyList<SubtitleCue> cues, double sourceFps, double targetFps, TimeSpan offset)
    {
        var ratio = sourceFps / targetFps;
        var result = new SubtitleCue[cues.Count];
        const int chunkSize = 500;
        var chunks = (cues.Count + chunkSize - 1) / chunkSize;
        if (chunks == 0)
        {
            return result;
        }

        using var done = new CountdownEvent(chunks);
        for (var c = 0; c < chunks; c++)
        {
            var from = c * chunkSize;
            var to = Math.Min(cues.Count, from + chunkSize);
            ThreadPool.QueueUserWorkItem(_ =>
            {
                try
                {
                    for (var i = from; i < to; i++)
                    {
                        var cue = cues[i];
                        var start = TimeSpan.FromTicks((long)(cue.Start.Ticks * ratio)) + offset;
                        var end = TimeSpan.FromTicks((long)(cue.End.Ticks * ratio)) + offset;
                        result[i] = cue with { Start = Clamp(start), End = Clamp(end) };
                    }
                }
                finally
                {
                    done.Signal();
                }
            });
        }

        done.Wait();
        return result;
    }

    public static IReadOnlyList<int> FindOverlaps(SubtitleCue[] cues)
    {
        var overlaps = new List<int>();
        for (var i = 1; i < cues.Length; i++)
        {
            if (cues[i].Start < cues[i - 1].End)
            {
                overlaps.Add(cues[i].Index);
            }
        }
        return overlaps;
    }

    private static TimeSpan Clamp(TimeSpan t) => t < TimeSpan.Zero ? TimeSpan.Zero : t;
}
